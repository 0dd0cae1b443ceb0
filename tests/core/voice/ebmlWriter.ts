// A tiny EBML/WebM writer for the demuxer tests: enough to build files with known or unknown
// sizes, BlockGroups, all three lacings and odd track lists around real Opus packets.

import { EBML_ID } from '../../../electron/core/voice/webm';
import { mulberry32 } from '../../../electron/core/util/prng';

export type Bytes = Uint8Array | number[];

export const cat = (...parts: Bytes[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const beBytes = (v: number, len: number): number[] =>
  Array.from({ length: len }, (_, i) => Math.floor(v / 256 ** (len - 1 - i)) % 256);

function idBytes(id: number): number[] {
  const len = id > 0xffffff ? 4 : id > 0xffff ? 3 : id > 0xff ? 2 : 1;
  return beBytes(id, len);
}

/** EBML vint of the smallest length (all-ones values are reserved for "unknown"). */
export function vint(v: number, minLen = 1): number[] {
  let len = minLen;
  while (v >= 2 ** (7 * len) - 1) len++;
  const b = beBytes(v, len);
  b[0] |= 0x80 >> (len - 1);
  return b;
}

/** The 8-byte "unknown size" Chrome's MediaRecorder writes for Segment and Cluster. */
export const UNKNOWN_SIZE = [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];

export const el = (id: number, ...body: Bytes[]): Uint8Array => {
  const data = cat(...body);
  return cat(idBytes(id), vint(data.length), data);
};
export const elUnknown = (id: number, ...body: Bytes[]): Uint8Array => cat(idBytes(id), UNKNOWN_SIZE, ...body);
export const uint = (id: number, v: number): Uint8Array => {
  let len = 1;
  while (v >= 256 ** len) len++;
  return el(id, beBytes(v, len));
};
/** A signed integer element (big-endian two's complement, smallest length). */
export const sint = (id: number, v: number): Uint8Array => {
  let len = 1;
  while (v >= 2 ** (8 * len - 1) || v < -(2 ** (8 * len - 1))) len++;
  return el(id, beBytes(v < 0 ? v + 256 ** len : v, len));
};
export const str = (id: number, s: string): Uint8Array =>
  el(
    id,
    [...s].map((c) => c.charCodeAt(0)),
  );
export const float = (id: number, v: number): Uint8Array => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, v);
  return el(id, b);
};

export const ID = EBML_ID;

export function opusHead(channels = 1, preSkip = 0, gainQ8 = 0): Uint8Array {
  const b = new Uint8Array(19);
  b.set([...'OpusHead'].map((c) => c.charCodeAt(0)));
  const v = new DataView(b.buffer);
  v.setUint8(8, 1);
  v.setUint8(9, channels);
  v.setUint16(10, preSkip, true);
  v.setUint32(12, 48000, true);
  v.setInt16(16, gainQ8, true);
  return b;
}

export type Lacing = 'none' | 'xiph' | 'ebml' | 'fixed';

/** A SimpleBlock (or a Block's payload) for `track` holding `frames` with the given lacing. */
export function blockPayload(
  track: number,
  timecode: number,
  frames: Uint8Array[],
  lacing: Lacing = 'none',
): Uint8Array {
  const head = [...vint(track), (timecode >> 8) & 0xff, timecode & 0xff];
  const flag = { none: 0, xiph: 1, fixed: 2, ebml: 3 }[lacing] << 1;
  if (lacing === 'none') return cat(head, [0x80 | flag], frames[0]);
  const sizes: number[] = [];
  if (lacing === 'xiph') {
    for (const f of frames.slice(0, -1)) {
      let n = f.length;
      while (n >= 255) {
        sizes.push(255);
        n -= 255;
      }
      sizes.push(n);
    }
  } else if (lacing === 'ebml') {
    sizes.push(...vint(frames[0].length));
    for (let i = 1; i < frames.length - 1; i++) {
      const diff = frames[i].length - frames[i - 1].length;
      sizes.push(...vint(diff + 2 ** 13 - 1, 2)); // 2-byte signed vint: bias 2^13 - 1
    }
  }
  return cat(head, [0x80 | flag, frames.length - 1], sizes, ...frames);
}

export interface WebmSpec {
  packets: Uint8Array[];
  docType?: string;
  codecId?: string;
  codecPrivate?: Uint8Array | null;
  channels?: number;
  /** Segment and Clusters written with the unknown size, as MediaRecorder does. */
  unknownSize?: boolean;
  /** Packets per Cluster (default: all in one). */
  perCluster?: number;
  /** Packets per block (laced when > 1). */
  perBlock?: number;
  lacing?: Lacing;
  blockGroups?: boolean;
  /** DiscardPadding (ns) on the last block, which is then a BlockGroup. */
  discardPaddingNs?: number;
  /** Tracks before the audio one (e.g. a video track). */
  extraTracks?: Uint8Array[];
  audioTrack?: boolean;
  /** Appended after the Clusters, inside the Segment (e.g. Cues). */
  trailer?: Uint8Array;
}

export function buildWebm(s: WebmSpec): Uint8Array {
  const header = el(ID.EBML, str(ID.DocType, s.docType ?? 'webm'), uint(ID.DocTypeVersion, 4));
  const entry = el(
    ID.TrackEntry,
    uint(ID.TrackNumber, 1),
    uint(ID.TrackType, 2),
    str(ID.CodecID, s.codecId ?? 'A_OPUS'),
    s.codecPrivate === null ? [] : el(ID.CodecPrivate, s.codecPrivate ?? opusHead(s.channels ?? 1)),
    el(ID.Audio, float(ID.SamplingFrequency, 48000), uint(ID.Channels, s.channels ?? 1)),
  );
  const tracks = el(ID.Tracks, ...(s.extraTracks ?? []), s.audioTrack === false ? [] : entry);
  const per = s.perCluster ?? s.packets.length;
  const perBlock = s.perBlock ?? 1;
  const clusters: Uint8Array[] = [];
  for (let c = 0; c < s.packets.length; c += per) {
    const blocks: Uint8Array[] = [];
    const inCluster = s.packets.slice(c, c + per);
    for (let i = 0; i < inCluster.length; i += perBlock) {
      const frames = inCluster.slice(i, i + perBlock);
      const payload = blockPayload(1, i * 20, frames, frames.length > 1 ? (s.lacing ?? 'xiph') : 'none');
      const last = c + i + perBlock >= s.packets.length;
      if (s.blockGroups || (last && s.discardPaddingNs)) {
        const pad = last && s.discardPaddingNs ? sint(ID.DiscardPadding, s.discardPaddingNs) : [];
        blocks.push(el(ID.BlockGroup, el(ID.Block, payload), pad));
      } else blocks.push(el(ID.SimpleBlock, payload));
    }
    const ts = uint(ID.Timestamp, c * 20);
    clusters.push(s.unknownSize ? elUnknown(ID.Cluster, ts, ...blocks) : el(ID.Cluster, ts, ...blocks));
  }
  const info = el(ID.Info, uint(ID.TimestampScale, 1_000_000));
  const body = [info, tracks, ...clusters, s.trailer ?? []];
  return cat(header, s.unknownSize ? elUnknown(ID.Segment, ...body) : el(ID.Segment, ...body));
}

/** Deterministic PRNG so fuzz failures reproduce. */
export const rng = mulberry32;
