// Typed adapter over the transformers.js WordPiece tokenizer. Training must see exactly the ids the
// feature-extraction pipeline will feed the model, so we use the library's own BertTokenizer built
// from the same tokenizer.json / tokenizer_config.json that get copied into the model folder
// (AutoTokenizer.from_pretrained would do the same, but only through the global env paths).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BertTokenizer } from '@xenova/transformers';

export interface WordPieceTokenizer {
  vocabSize: number;
  /** Ids of [CLS], [SEP], [PAD], [UNK], [MASK] …: always zero rows. */
  specialIds: ReadonlySet<number>;
  /** WordPiece ids of `text` without [CLS]/[SEP] (same normalisation as the pipeline). */
  encode(text: string): number[];
  /** Vocabulary entry of an id, e.g. "memory", "##ory". */
  token(id: number): string;
}

interface TokenizerFiles {
  tokenizerJson: unknown;
  tokenizerConfig: { tokenizer_class?: unknown } & Record<string, unknown>;
}

async function readTokenizerFiles(dir: string): Promise<TokenizerFiles> {
  const [tokenizerJson, tokenizerConfig] = await Promise.all([
    readFile(join(dir, 'tokenizer.json'), 'utf8').then((s) => JSON.parse(s) as unknown),
    readFile(join(dir, 'tokenizer_config.json'), 'utf8').then((s) => JSON.parse(s) as TokenizerFiles['tokenizerConfig']),
  ]);
  return { tokenizerJson, tokenizerConfig };
}

export async function loadWordPieceTokenizer(dir: string): Promise<WordPieceTokenizer> {
  const { tokenizerJson, tokenizerConfig } = await readTokenizerFiles(dir);
  // The model is a table indexed by WordPiece id, so it only makes sense for BERT-style vocabularies.
  if (tokenizerConfig.tokenizer_class !== 'BertTokenizer') {
    throw new Error(`expected a BertTokenizer in ${dir}, got ${String(tokenizerConfig.tokenizer_class)}`);
  }
  const tok = new BertTokenizer(tokenizerJson, tokenizerConfig);
  const vocab: string[] = tok.model.vocab;
  const specialIds = new Set<number>(tok.all_special_ids);
  return {
    vocabSize: vocab.length,
    specialIds,
    encode: (text) => tok.encode(text, null, { add_special_tokens: false }),
    token: (id) => vocab[id] ?? '',
  };
}
