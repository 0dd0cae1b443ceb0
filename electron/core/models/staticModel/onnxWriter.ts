// Writes the tiny ONNX graphs of the static-embedding model with the hand encoder in protobuf.ts.
// Only the ONNX subset we need: ModelProto > GraphProto > {NodeProto, TensorProto (raw_data),
// ValueInfoProto}. Field numbers are copied from onnx/onnx.proto (IR version 7 schema):
// https://github.com/onnx/onnx/blob/main/onnx/onnx.proto

import { ProtoWriter } from './protobuf';
import type { QuantizedRows } from './quantize';

/** ModelProto fields (onnx.proto `message ModelProto`). */
const MODEL = { irVersion: 1, producerName: 2, producerVersion: 3, docString: 6, graph: 7, opsetImport: 8 } as const;
/** OperatorSetIdProto fields. */
const OPSET = { domain: 1, version: 2 } as const;
/** GraphProto fields. */
const GRAPH = { node: 1, name: 2, initializer: 5, docString: 10, input: 11, output: 12 } as const;
/** NodeProto fields. */
const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5 } as const;
/** AttributeProto fields and AttributeType enum values. */
const ATTR = { name: 1, i: 3, type: 20 } as const;
const ATTR_TYPE_INT = 2;
/** TensorProto fields. */
const TENSOR = { dims: 1, dataType: 2, name: 8, rawData: 9 } as const;
/** ValueInfoProto / TypeProto / TypeProto.Tensor / TensorShapeProto(.Dimension) fields. */
const VALUE_INFO = { name: 1, type: 2 } as const;
const TYPE = { tensorType: 1 } as const;
const TYPE_TENSOR = { elemType: 1, shape: 2 } as const;
const SHAPE = { dim: 1 } as const;
const DIM = { dimValue: 1, dimParam: 2 } as const;

/** TensorProto.DataType values used here. */
export const DataType = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7 } as const;
export type DataType = (typeof DataType)[keyof typeof DataType];

/**
 * onnxruntime-node 1.14 (bundled with transformers.js 2.17) reads IR ≤ 8 and opsets ≤ 18. IR 7 +
 * opset 13 is the conservative pair every ORT since 1.6 understands; Gather/Cast/Mul are old ops.
 */
export const IR_VERSION = 7;
export const OPSET_VERSION = 13;

export type Dim = number | string;

export interface OnnxNode {
  opType: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  intAttrs?: Record<string, number>;
}

export interface OnnxInitializer {
  name: string;
  dataType: DataType;
  dims: number[];
  /** Little-endian element bytes (TensorProto.raw_data). */
  raw: Uint8Array;
}

export interface OnnxValueInfo {
  name: string;
  elemType: DataType;
  shape: Dim[];
}

export interface OnnxGraph {
  name: string;
  docString?: string;
  nodes: OnnxNode[];
  initializers: OnnxInitializer[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

function encodeNode(n: OnnxNode): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(NODE.input, i);
  for (const o of n.outputs) w.string(NODE.output, o);
  if (n.name) w.string(NODE.name, n.name);
  w.string(NODE.opType, n.opType);
  // Sorted keys so the bytes don't depend on object insertion order.
  const attrs = n.intAttrs ?? {};
  for (const key of Object.keys(attrs).sort()) {
    const a = new ProtoWriter().string(ATTR.name, key).varint(ATTR.i, attrs[key]).varint(ATTR.type, ATTR_TYPE_INT);
    w.message(NODE.attribute, a);
  }
  return w;
}

function encodeTensor(t: OnnxInitializer): ProtoWriter {
  const w = new ProtoWriter();
  w.repeatedVarints(TENSOR.dims, t.dims);
  w.varint(TENSOR.dataType, t.dataType);
  w.string(TENSOR.name, t.name);
  w.bytes(TENSOR.rawData, t.raw);
  return w;
}

function encodeValueInfo(v: OnnxValueInfo): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.shape) {
    const dim = new ProtoWriter();
    if (typeof d === 'number') dim.varint(DIM.dimValue, d);
    else dim.string(DIM.dimParam, d);
    shape.message(SHAPE.dim, dim);
  }
  const tensorType = new ProtoWriter().varint(TYPE_TENSOR.elemType, v.elemType).message(TYPE_TENSOR.shape, shape);
  const type = new ProtoWriter().message(TYPE.tensorType, tensorType);
  return new ProtoWriter().string(VALUE_INFO.name, v.name).message(VALUE_INFO.type, type);
}

/** Serialises a single-graph ModelProto for the default ONNX domain. */
export function encodeModel(graph: OnnxGraph, producer = { name: 'nimbus-tutor', version: '1' }): Uint8Array {
  const g = new ProtoWriter();
  for (const n of graph.nodes) g.message(GRAPH.node, encodeNode(n));
  g.string(GRAPH.name, graph.name);
  for (const t of graph.initializers) g.message(GRAPH.initializer, encodeTensor(t));
  if (graph.docString) g.string(GRAPH.docString, graph.docString);
  for (const i of graph.inputs) g.message(GRAPH.input, encodeValueInfo(i));
  for (const o of graph.outputs) g.message(GRAPH.output, encodeValueInfo(o));

  const opset = new ProtoWriter().string(OPSET.domain, '').varint(OPSET.version, OPSET_VERSION);
  return new ProtoWriter()
    .varint(MODEL.irVersion, IR_VERSION)
    .string(MODEL.producerName, producer.name)
    .string(MODEL.producerVersion, producer.version)
    .message(MODEL.graph, g)
    .message(MODEL.opsetImport, opset)
    .finish();
}

// ---------------------------------------------------------------------------------------------
// The static-embedding graph.

/**
 * Token table in compact form: most of the 30522 WordPiece ids never occur in the notes, so ids
 * map through `rowOfId` to a row of `rows`; row 0 is the shared all-zero row (unseen ids and the
 * special tokens). This keeps the fp32 file a few MB instead of 30522 × dims × 4 bytes.
 */
export interface CompactTable {
  vocabSize: number;
  dims: number;
  /** length vocabSize, values in [0, rowCount). */
  rowOfId: Int32Array;
  /** rowCount × dims, row-major; row 0 all zeros. */
  rows: Float32Array;
}

export function rowCount(t: CompactTable): number {
  return t.rows.length / t.dims;
}

function le(view: ArrayBufferView): Uint8Array {
  // Typed arrays are host-endian; every platform we ship on (x64, arm64) is little-endian, which
  // is what raw_data requires. Guard anyway so a big-endian host fails loudly instead of silently.
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('big-endian host not supported');
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

const TEXT_INPUTS = ['input_ids', 'attention_mask', 'token_type_ids'];

/**
 * The graph transformers.js runs for a BERT-type feature extractor: inputs input_ids /
 * attention_mask / token_type_ids (the last two unused, declared so the session's inputNames match
 * what the pipeline feeds), output last_hidden_state [batch, seq, dims].
 * fp32:  rows = Gather(row_of_id, input_ids); last_hidden_state = Gather(table, rows)
 * int8:  q = Gather(table_q, rows); s = Gather(row_scale[R,1], rows);
 *        last_hidden_state = Cast<float>(q) * s   (per-row symmetric quantisation)
 */
export function encodeStaticEmbeddingModel(table: CompactTable, quantized: QuantizedRows | null, docString = ''): Uint8Array {
  const R = rowCount(table);
  const D = table.dims;
  const initializers: OnnxInitializer[] = [
    { name: 'row_of_id', dataType: DataType.INT32, dims: [table.vocabSize], raw: le(table.rowOfId) },
  ];
  const nodes: OnnxNode[] = [{ opType: 'Gather', name: 'lookup_row', inputs: ['row_of_id', 'input_ids'], outputs: ['rows'], intAttrs: { axis: 0 } }];
  if (quantized) {
    if (quantized.values.length !== R * D || quantized.scales.length !== R) throw new Error('quantized table shape mismatch');
    initializers.push(
      { name: 'table_q', dataType: DataType.INT8, dims: [R, D], raw: le(quantized.values) },
      { name: 'row_scale', dataType: DataType.FLOAT, dims: [R, 1], raw: le(quantized.scales) },
    );
    nodes.push(
      { opType: 'Gather', name: 'gather_q', inputs: ['table_q', 'rows'], outputs: ['q'], intAttrs: { axis: 0 } },
      { opType: 'Cast', name: 'dequant_cast', inputs: ['q'], outputs: ['q_float'], intAttrs: { to: DataType.FLOAT } },
      { opType: 'Gather', name: 'gather_scale', inputs: ['row_scale', 'rows'], outputs: ['scale'], intAttrs: { axis: 0 } },
      { opType: 'Mul', name: 'dequant_mul', inputs: ['q_float', 'scale'], outputs: ['last_hidden_state'] },
    );
  } else {
    initializers.push({ name: 'table', dataType: DataType.FLOAT, dims: [R, D], raw: le(table.rows) });
    nodes.push({ opType: 'Gather', name: 'gather_table', inputs: ['table', 'rows'], outputs: ['last_hidden_state'], intAttrs: { axis: 0 } });
  }
  return encodeModel({
    name: quantized ? 'static_embedding_int8' : 'static_embedding',
    docString,
    nodes,
    initializers,
    inputs: TEXT_INPUTS.map((name) => ({ name, elemType: DataType.INT64, shape: ['batch_size', 'sequence_length'] })),
    outputs: [{ name: 'last_hidden_state', elemType: DataType.FLOAT, shape: ['batch_size', 'sequence_length', D] }],
  });
}
