// EBML (the binary layout under Matroska/WebM) read from a byte array: variable-length ids and
// sizes, unknown sizes, and the few value types a demuxer needs. Every read is bounds-checked and
// every failure is an AudioDecodeError, so callers can walk hostile bytes without other exceptions.

import { AudioDecodeError } from './wav';

export interface ElementHeader {
  /** The id with its length-marker bits kept, as Matroska's tables write it (e.g. 0x1A45DFA3). */
  id: number;
  /** Where the element starts (its id) and where its data starts. */
  start: number;
  dataStart: number;
  /** Data size in bytes; null for an "unknown size" (all value bits set, as live writers leave it). */
  size: number | null;
}

export const fail = (msg: string, code: 'corrupt' | 'truncated' | 'unsupported' | 'empty' | 'too-large' = 'corrupt') =>
  new AudioDecodeError(msg, code);

export const hexId = (id: number): string => `0x${id.toString(16).toUpperCase()}`;

/** Length in bytes of the vint starting with `first` (1–8), or 0 when it is invalid (0x00). */
function vintLength(first: number): number {
  for (let len = 1; len <= 8; len++) if (first & (0x100 >> len)) return len;
  return 0;
}

/** Reads an element header at `pos`; `end` is the last byte the element may use (exclusive). */
export function readHeader(b: Uint8Array, pos: number, end: number): ElementHeader {
  if (pos >= end) throw fail('WebM ends in the middle of an element header', 'truncated');
  const idLen = vintLength(b[pos]);
  if (idLen === 0 || idLen > 4) throw fail(`WebM has an invalid element id at byte ${pos}`);
  if (pos + idLen > end) throw fail('WebM ends in the middle of an element id', 'truncated');
  let id = 0;
  for (let i = 0; i < idLen; i++) id = id * 256 + b[pos + i];
  const sizeAt = pos + idLen;
  if (sizeAt >= end) throw fail('WebM ends in the middle of an element header', 'truncated');
  const sizeLen = vintLength(b[sizeAt]);
  if (sizeLen === 0) throw fail(`WebM has an invalid element size at byte ${sizeAt}`);
  if (sizeAt + sizeLen > end) throw fail('WebM ends in the middle of an element size', 'truncated');
  const first = b[sizeAt] & (0xff >> sizeLen);
  let size = first;
  let allOnes = first === 0xff >> sizeLen;
  for (let i = 1; i < sizeLen; i++) {
    size = size * 256 + b[sizeAt + i];
    allOnes &&= b[sizeAt + i] === 0xff;
  }
  // Sizes past 2^53 lose precision, but they are far past any buffer too: the caller's bounds
  // check rejects them the same way.
  return { id, start: pos, dataStart: sizeAt + sizeLen, size: allOnes ? null : size };
}

/**
 * Where a known-size element's data ends. Running past the buffer is truncation; running past a
 * parent that has room in the buffer is corruption.
 */
export function dataEnd(h: ElementHeader, parentEnd: number, bufferEnd: number, what: string): number {
  if (h.size === null)
    throw fail(
      `WebM ${what} element has an unknown size, which is only supported for Segment and Cluster`,
      'unsupported',
    );
  const e = h.dataStart + h.size;
  if (e > bufferEnd) throw fail(`WebM is truncated inside its ${what} element`, 'truncated');
  if (e > parentEnd) throw fail(`WebM ${what} element runs past the end of its parent`);
  return e;
}

export function readUint(b: Uint8Array, start: number, end: number, what: string): number {
  const n = end - start;
  if (n > 8) throw fail(`WebM ${what} is ${n} bytes long (an integer has at most 8)`);
  let v = 0;
  for (let i = start; i < end; i++) v = v * 256 + b[i];
  return v;
}

export function readInt(b: Uint8Array, start: number, end: number, what: string): number {
  const n = end - start;
  if (n === 0) return 0;
  const u = readUint(b, start, end, what);
  return b[start] & 0x80 ? u - 2 ** (8 * n) : u;
}

export function readFloat(b: Uint8Array, start: number, end: number, what: string): number {
  const view = new DataView(b.buffer, b.byteOffset + start, end - start);
  if (end - start === 0) return 0;
  if (end - start === 4) return view.getFloat32(0);
  if (end - start === 8) return view.getFloat64(0);
  throw fail(`WebM ${what} is a float of ${end - start} bytes (expected 4 or 8)`);
}

/** ASCII string with trailing NULs removed; anything unprintable shown as "?". */
export function readString(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < Math.min(end, start + 64); i++)
    s += b[i] === 0 ? '\0' : b[i] >= 0x20 && b[i] < 0x7f ? String.fromCharCode(b[i]) : '?';
  return s.replace(/\0+$/, '').replace(/\0/g, '?');
}

/**
 * A lace-size or block track-number vint. `signed` gives EBML lacing's size differences (the
 * value minus half its range).
 */
export function readVint(b: Uint8Array, pos: number, end: number, signed = false): { value: number; next: number } {
  if (pos >= end) throw fail('WebM block ends inside its header', 'corrupt');
  const len = vintLength(b[pos]);
  if (len === 0 || pos + len > end) throw fail('WebM block has an invalid size field');
  let v = b[pos] & (0xff >> len);
  for (let i = 1; i < len; i++) v = v * 256 + b[pos + i];
  return { value: signed ? v - (2 ** (7 * len - 1) - 1) : v, next: pos + len };
}
