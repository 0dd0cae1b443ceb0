// Minimal protocol-buffers *encoder* (no decoder, no schema reflection). It is enough to write the
// fixed ONNX subset in onnxWriter.ts; a protobuf library would pull a runtime dependency and a .proto
// compile step into the build for ~100 lines of wire format.
//
// Wire format reference: https://protobuf.dev/programming-guides/encoding/

/** Wire types (low 3 bits of a field key). */
export const WireType = {
  VARINT: 0,
  FIXED64: 1,
  LENGTH_DELIMITED: 2,
  FIXED32: 5,
} as const;
export type WireType = (typeof WireType)[keyof typeof WireType];

const TWO_POW_64 = 1n << 64n;

/**
 * Base-128 varint of an integer. Negative numbers are written as their 64-bit two's complement
 * (10 bytes), which is how protobuf encodes negative int32/int64 values.
 */
export function encodeVarint(value: number | bigint): Uint8Array {
  let v = typeof value === 'bigint' ? value : BigInt(checkInteger(value));
  if (v < 0n) v += TWO_POW_64;
  if (v < 0n || v >= TWO_POW_64) throw new RangeError(`varint out of 64-bit range: ${value}`);
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return Uint8Array.from(out);
}

function checkInteger(value: number): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
  return value;
}

/** Field key = (field number << 3) | wire type, itself a varint. */
export function encodeKey(fieldNumber: number, wireType: WireType): Uint8Array {
  if (!Number.isInteger(fieldNumber) || fieldNumber < 1 || fieldNumber > 0x1fffffff) {
    throw new RangeError(`bad field number ${fieldNumber}`);
  }
  return encodeVarint(fieldNumber * 8 + wireType);
}

const utf8 = new TextEncoder();

/**
 * Append-only message builder. Fields are written in call order; protobuf readers accept any
 * order, and writing in a fixed order keeps the output byte-for-byte deterministic.
 */
export class ProtoWriter {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  private push(bytes: Uint8Array): this {
    this.parts.push(bytes);
    this.size += bytes.length;
    return this;
  }

  /** int32 / int64 / uint64 / enum / bool field. */
  varint(fieldNumber: number, value: number | bigint | boolean): this {
    const v = typeof value === 'boolean' ? (value ? 1 : 0) : value;
    return this.push(encodeKey(fieldNumber, WireType.VARINT)).push(encodeVarint(v));
  }

  /** bytes / string / embedded message field. */
  bytes(fieldNumber: number, data: Uint8Array): this {
    return this.push(encodeKey(fieldNumber, WireType.LENGTH_DELIMITED))
      .push(encodeVarint(data.length))
      .push(data);
  }

  string(fieldNumber: number, text: string): this {
    return this.bytes(fieldNumber, utf8.encode(text));
  }

  message(fieldNumber: number, nested: ProtoWriter): this {
    return this.bytes(fieldNumber, nested.finish());
  }

  /** `float` field (wire type 5, little-endian IEEE-754 single). */
  float(fieldNumber: number, value: number): this {
    const buf = new Uint8Array(4);
    new DataView(buf.buffer).setFloat32(0, value, true);
    return this.push(encodeKey(fieldNumber, WireType.FIXED32)).push(buf);
  }

  /** `fixed32` field. */
  fixed32(fieldNumber: number, value: number): this {
    const buf = new Uint8Array(4);
    new DataView(buf.buffer).setUint32(0, value >>> 0, true);
    return this.push(encodeKey(fieldNumber, WireType.FIXED32)).push(buf);
  }

  /** `fixed64` / `double`-sized field from a bigint (two's complement for negatives). */
  fixed64(fieldNumber: number, value: bigint): this {
    const buf = new Uint8Array(8);
    new DataView(buf.buffer).setBigUint64(0, BigInt.asUintN(64, value), true);
    return this.push(encodeKey(fieldNumber, WireType.FIXED64)).push(buf);
  }

  /**
   * Unpacked repeated varints: one key per element. onnx.proto is proto2, where repeated scalars
   * are not packed unless declared so; every parser accepts this form.
   */
  repeatedVarints(fieldNumber: number, values: ReadonlyArray<number | bigint>): this {
    for (const v of values) this.varint(fieldNumber, v);
    return this;
  }

  /** Packed repeated varints (proto3 default for repeated scalars). */
  packedVarints(fieldNumber: number, values: ReadonlyArray<number | bigint>): this {
    const inner = new ProtoWriter();
    for (const v of values) inner.push(encodeVarint(v));
    return this.bytes(fieldNumber, inner.finish());
  }

  get length(): number {
    return this.size;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let offset = 0;
    for (const p of this.parts) {
      out.set(p, offset);
      offset += p.length;
    }
    return out;
  }
}
