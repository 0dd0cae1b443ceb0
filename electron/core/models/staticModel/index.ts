// Domain static-embedding model: a WordPiece token table learned from the notes, exported as a tiny
// ONNX graph that runs through the same transformers.js feature-extraction pipeline as MiniLM.
export {
  DOMAIN_MODEL_ID,
  DOMAIN_MODEL_KIND,
  DOMAIN_MODEL_META_FILE,
  buildDomainStaticModel,
  domainModelDir,
  hashDocuments,
  isDomainModelCurrent,
  readDomainModelMeta,
  type BuildDomainModelOptions,
  type BuildDomainModelResult,
  type DomainModelMeta,
} from './build';
export { DEFAULT_TRAIN_OPTIONS, TRAIN_METHOD, trainTokenTable, type TrainOptions, type TrainedTable } from './trainVectors';
export { loadWordPieceTokenizer, type WordPieceTokenizer } from './tokenizer';
export { encodeStaticEmbeddingModel, type CompactTable } from './onnxWriter';
export { quantizeRows, dequantizeRows, type QuantizedRows } from './quantize';
