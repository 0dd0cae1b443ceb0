// A small binary container for large derived data that must load fast (the corpus snapshot): a JSON
// header, a table of distinct strings and a stream of unsigned varints that refer to them, then a
// sha256 of everything before it. At 100k chunks JSON.parse alone of the same data took longer
// than rebuilding half of it; here strings are sliced out of one buffer and numbers are 1–2 bytes.
//
//   magic (8 ASCII bytes) | u32 version | u32 header length | header JSON
//   u32 string count | u32 string bytes | u32 varint bytes | string bytes | varints | sha256 (32)
//
// The varint stream starts with the byte length of each string, in table order.
import { createHash } from 'node:crypto';

const U32 = 4;
const DIGEST = 32;

/** Why a pack could not be read: not one at all or damaged, or written by another format version. */
export class PackError extends Error {
  constructor(
    readonly reason: 'corrupt' | 'version',
    message: string,
  ) {
    super(message);
    this.name = 'PackError';
  }
}

export class PackWriter {
  private bytes = new Uint8Array(1 << 16);
  private length = 0;
  private readonly strings: string[] = [];
  private readonly indexOf = new Map<string, number>();

  /** An unsigned integer (up to 2^53) as a LEB128 varint. */
  uint(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`pack: ${n} is not an unsigned integer`);
    if (this.length + 8 > this.bytes.length) this.grow(8);
    // Two paths: bit operations are only exact below 2^31.
    if (n < 0x80000000) {
      while (n >= 0x80) {
        this.bytes[this.length++] = (n & 0x7f) | 0x80;
        n >>>= 7;
      }
    } else {
      while (n >= 0x80) {
        this.bytes[this.length++] = (n % 0x80) | 0x80;
        n = Math.floor(n / 0x80);
      }
    }
    this.bytes[this.length++] = n;
  }

  /** A string, as its index in the table: repeated strings (ids, headings, terms) are stored once. */
  str(s: string): void {
    let i = this.indexOf.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.indexOf.set(s, i);
    }
    this.uint(i);
  }

  private grow(extra: number): void {
    const next = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }

  /** The whole pack, checksummed. */
  finish(magic: string, version: number, header: unknown): Buffer {
    const encoded = this.strings.map((s) => Buffer.from(s, 'utf8'));
    const lengths = new PackWriter();
    for (const b of encoded) lengths.uint(b.length);
    const varints = Buffer.concat([lengths.bytes.subarray(0, lengths.length), this.bytes.subarray(0, this.length)]);
    const head = Buffer.from(JSON.stringify(header), 'utf8');
    const stringBytes = encoded.reduce((n, b) => n + b.length, 0);
    const u32 = (n: number): Buffer => {
      const b = Buffer.alloc(U32);
      b.writeUInt32LE(n);
      return b;
    };
    const body = Buffer.concat([
      Buffer.from(magicBytes(magic)),
      u32(version),
      u32(head.length),
      head,
      u32(encoded.length),
      u32(stringBytes),
      u32(varints.length),
      ...encoded,
      varints,
    ]);
    return Buffer.concat([body, createHash('sha256').update(body).digest()]);
  }
}

function magicBytes(magic: string): Buffer {
  const b = Buffer.from(magic, 'ascii');
  if (b.length !== 8) throw new Error('pack magic must be 8 ASCII characters');
  return b;
}

/** The header of a pack, read without checking the rest (so a stale pack costs no checksum). */
export interface OpenedPack {
  header: unknown;
  /** Checks the checksum and returns a reader over the strings and varints; throws PackError. */
  read(): PackReader;
}

export function openPack(bytes: Uint8Array, magic: string, version: number): OpenedPack {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = (why: string): PackError => new PackError('corrupt', why);
  if (buf.length < 16 + DIGEST || !buf.subarray(0, 8).equals(magicBytes(magic))) throw corrupt('not a snapshot file');
  const got = buf.readUInt32LE(8);
  if (got !== version) throw new PackError('version', `format ${got}, expected ${version}`);
  const headLength = buf.readUInt32LE(12);
  const tableAt = 16 + headLength;
  if (tableAt + 3 * U32 + DIGEST > buf.length) throw corrupt(`file is ${buf.length} bytes, too short`);
  let header: unknown;
  try {
    header = JSON.parse(buf.toString('utf8', 16, tableAt));
  } catch {
    throw corrupt('unreadable header');
  }
  const count = buf.readUInt32LE(tableAt);
  const stringBytes = buf.readUInt32LE(tableAt + U32);
  const varintBytes = buf.readUInt32LE(tableAt + 2 * U32);
  const stringsAt = tableAt + 3 * U32;
  const end = stringsAt + stringBytes + varintBytes;
  return {
    header,
    read() {
      if (end + DIGEST !== buf.length) throw corrupt(`file is ${buf.length} bytes, expected ${end + DIGEST}`);
      const digest = createHash('sha256').update(buf.subarray(0, end)).digest();
      if (!digest.equals(buf.subarray(end))) throw corrupt('checksum mismatch');
      return new PackReader(buf, stringsAt, count, stringsAt + stringBytes, end);
    },
  };
}

export class PackReader {
  private pos: number;
  private readonly strings: string[];

  constructor(
    private readonly buf: Buffer,
    stringsAt: number,
    count: number,
    varintsAt: number,
    private readonly end: number,
  ) {
    this.pos = varintsAt;
    this.strings = new Array<string>(count);
    let at = stringsAt;
    for (let i = 0; i < count; i++) {
      const n = this.uint();
      if (at + n > varintsAt) throw new PackError('corrupt', 'string table overruns its bytes');
      this.strings[i] = buf.toString('utf8', at, at + n);
      at += n;
    }
    if (at !== varintsAt) throw new PackError('corrupt', 'string table does not fill its bytes');
  }

  uint(): number {
    const b = this.buf;
    let byte = b[this.pos++];
    if (byte < 0x80) return byte;
    let n = byte & 0x7f;
    let scale = 0x80;
    // Bytes past the end read as undefined and end the loop; done() then reports the overrun.
    do {
      byte = b[this.pos++];
      n += (byte & 0x7f) * scale;
      scale *= 0x80;
    } while (byte >= 0x80 && scale <= 2 ** 56);
    return n;
  }

  str(): string {
    const i = this.uint();
    const s = this.strings[i];
    if (s === undefined) throw new PackError('corrupt', `string ${i} is not in the table`);
    return s;
  }

  /** Throws unless the varints were read exactly to their end. */
  done(): void {
    if (this.pos !== this.end) throw new PackError('corrupt', `data ends at ${this.pos}, expected ${this.end}`);
  }
}
