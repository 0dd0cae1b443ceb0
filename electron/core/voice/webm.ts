// WebM/Matroska demuxing for voice messages: the EBML header, the track list and the Opus packets
// of the first audio track, from SimpleBlocks and BlockGroups, with all three lacings. Browsers'
// MediaRecorder streams the file, so its Segment and Clusters have an "unknown size": they end where
// the file ends, or where an element that cannot be inside them begins. Bad bytes always end in an
// AudioDecodeError; the walk never recurses beyond three levels and always moves forward.

import { dataEnd, fail, hexId, readFloat, readHeader, readInt, readString, readUint, readVint } from './ebml';
import {
  decodeOpusStream,
  maxOpusPacketBytes,
  opusPacketSamples,
  parseOpusHead,
  type OpusHead,
  type OpusStream,
} from './opus';
import { formatDuration, type DecodedAudio } from './wav';

/** Matroska element ids this demuxer reads (the tests' writer uses the same table). */
export const EBML_ID = {
  EBML: 0x1a45dfa3,
  EBMLReadVersion: 0x42f7,
  EBMLMaxIDLength: 0x42f2,
  EBMLMaxSizeLength: 0x42f3,
  DocType: 0x4282,
  DocTypeVersion: 0x4287,
  Segment: 0x18538067,
  Info: 0x1549a966,
  TimestampScale: 0x2ad7b1,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackNumber: 0xd7,
  TrackType: 0x83,
  CodecID: 0x86,
  CodecPrivate: 0x63a2,
  CodecDelay: 0x56aa,
  ContentEncodings: 0x6d80,
  Audio: 0xe1,
  SamplingFrequency: 0xb5,
  Channels: 0x9f,
  Cluster: 0x1f43b675,
  Timestamp: 0xe7,
  SimpleBlock: 0xa3,
  BlockGroup: 0xa0,
  Block: 0xa1,
  DiscardPadding: 0x75a2,
  Cues: 0x1c53bb6b,
  Void: 0xec,
} as const;
const ID = EBML_ID;

// What may sit inside a Cluster (Timestamp, SilentTracks, Position, PrevSize, SimpleBlock,
// BlockGroup, EncryptedBlock, Void, CRC-32): anything else ends an unknown-size Cluster.
const CLUSTER_CHILDREN = new Set([0xe7, 0x5854, 0xa7, 0xab, 0xa3, 0xa0, 0xaf, 0xec, 0xbf]);

const NAMES: Record<number, string> = Object.fromEntries(Object.entries(ID).map(([k, v]) => [v, k]));
const nameOf = (id: number): string => NAMES[id] ?? `${hexId(id)}`;

/**
 * Longest WebM accepted when the caller gives no limit: transcribe.ts's DEFAULT_MAX_DURATION_SEC
 * (a test keeps them equal; importing it here would be circular). The app passes
 * MAX_VOICE_SECONDS (60 s), the CLI the 15 min default, exactly as for WAV.
 */
export const MAX_WEBM_SECONDS = 15 * 60;

export interface WebmTrack {
  number: number;
  codecId: string;
  channels: number;
  samplingFrequency: number;
}

export interface WebmOpus extends OpusStream {
  track: WebmTrack;
}

export interface DemuxOptions {
  /** Refuse audio longer than this (default MAX_WEBM_SECONDS); packets past it are not kept. */
  maxDurationSec?: number;
}

interface TrackEntry extends WebmTrack {
  type: number;
  codecPrivate: Uint8Array | null;
  codecDelayNs: number;
  encoded: boolean;
}

class Demuxer {
  track: WebmTrack | null = null;
  head: OpusHead | null = null;
  tracksSeen = false;
  packets: Uint8Array[] = [];
  samples48 = 0;
  discardEnd48 = 0;
  private discardAt = -1;
  private readonly maxSamples48: number;

  constructor(
    private readonly b: Uint8Array,
    private readonly maxSec: number,
  ) {
    this.maxSamples48 = Math.round(maxSec * 48_000);
  }

  run(): WebmOpus {
    const b = this.b;
    const header = readHeader(b, 0, b.length);
    if (header.id !== ID.EBML) throw fail('not a WebM file (no EBML header)');
    let pos = this.checkEbmlHeader(header.dataStart, dataEnd(header, b.length, b.length, 'EBML header'));
    let segment = false;
    while (pos < b.length && !segment) {
      const h = readHeader(b, pos, b.length);
      if (h.id === ID.Segment) {
        segment = true;
        this.segment(h.dataStart, h.size === null ? b.length : dataEnd(h, b.length, b.length, 'Segment'));
      } else pos = dataEnd(h, b.length, b.length, nameOf(h.id));
    }
    if (!segment) throw fail('WebM ends before its Segment (no audio)', 'truncated');
    if (!this.tracksSeen || !this.track || !this.head) throw fail('WebM ends before its track list', 'truncated');
    if (this.samples48 > this.maxSamples48) {
      throw fail(
        `the audio is ${formatDuration(this.samples48 / 48_000)} long, over the ${formatDuration(this.maxSec)} limit`,
        'too-large',
      );
    }
    if (this.packets.length === 0) throw fail('the WebM file contains no audio (no Opus packets)', 'empty');
    const discardEnd48 = this.discardAt === this.packets.length ? this.discardEnd48 : 0;
    return { track: this.track, head: this.head, packets: this.packets, samples48: this.samples48, discardEnd48 };
  }

  private checkEbmlHeader(start: number, end: number): number {
    let docType = '';
    for (let pos = start; pos < end;) {
      const h = readHeader(this.b, pos, end);
      const e = dataEnd(h, end, this.b.length, 'EBML header');
      const n = (what: string) => readUint(this.b, h.dataStart, e, what);
      if (h.id === ID.DocType) docType = readString(this.b, h.dataStart, e);
      else if (h.id === ID.EBMLReadVersion && n('EBMLReadVersion') > 1)
        throw fail(`EBML read version ${n('EBMLReadVersion')} is not supported`, 'unsupported');
      else if (h.id === ID.EBMLMaxIDLength && n('EBMLMaxIDLength') > 4)
        throw fail('WebM uses element ids longer than 4 bytes', 'unsupported');
      else if (h.id === ID.EBMLMaxSizeLength && n('EBMLMaxSizeLength') > 8)
        throw fail('WebM uses element sizes longer than 8 bytes', 'unsupported');
      pos = e;
    }
    if (docType !== 'webm' && docType !== 'matroska')
      throw fail(`EBML document type "${docType}" is not WebM or Matroska`, 'unsupported');
    return end;
  }

  private segment(start: number, end: number): void {
    for (let pos = start; pos < end;) {
      const h = readHeader(this.b, pos, end);
      if (h.id === ID.EBML || h.id === ID.Segment) return; // a chained recording: the first is the message
      if (h.id === ID.Cluster) {
        if (!this.tracksSeen) throw fail('WebM has audio data before its track list', 'unsupported');
        if (h.size === null) pos = this.cluster(h.dataStart, end, true);
        else {
          const e = dataEnd(h, end, this.b.length, 'Cluster');
          this.cluster(h.dataStart, e, false);
          pos = e;
        }
        continue;
      }
      const e = dataEnd(h, end, this.b.length, nameOf(h.id));
      if (h.id === ID.Tracks && !this.tracksSeen) this.tracks(h.dataStart, e);
      pos = e;
    }
  }

  private tracks(start: number, end: number): void {
    const entries: TrackEntry[] = [];
    for (let pos = start; pos < end;) {
      const h = readHeader(this.b, pos, end);
      const e = dataEnd(h, end, this.b.length, nameOf(h.id));
      if (h.id === ID.TrackEntry) entries.push(this.trackEntry(h.dataStart, e));
      pos = e;
    }
    this.tracksSeen = true;
    const audio = entries.filter((t) => t.type === 2 || (t.type === 0 && t.codecId.startsWith('A_')));
    const t = audio.find((a) => a.codecId === 'A_OPUS') ?? audio[0];
    if (!t) {
      const others = entries.map((x) => x.codecId || '?').join(', ');
      throw fail(`the WebM file has no audio track${others ? ` (only ${others})` : ''}`, 'empty');
    }
    if (t.codecId !== 'A_OPUS')
      throw fail(`WebM audio codec ${t.codecId || '(none)'} is not supported: only Opus (A_OPUS) is`, 'unsupported');
    if (t.encoded) throw fail('WebM audio track is compressed or encrypted (ContentEncodings)', 'unsupported');
    if (t.number < 1) throw fail('WebM audio track has no track number');
    // OpusHead is the authority; without one, fall back to the Matroska fields (CodecDelay = pre-skip).
    this.head = t.codecPrivate
      ? parseOpusHead(t.codecPrivate)
      : {
          channels: t.channels,
          preSkip: Math.round((t.codecDelayNs * 48_000) / 1e9),
          inputSampleRate: t.samplingFrequency,
          outputGainQ8: 0,
        };
    if (this.head.channels < 1 || this.head.channels > 2)
      throw fail(`WebM Opus track has ${this.head.channels} channels (1 or 2 supported)`, 'unsupported');
    this.track = {
      number: t.number,
      codecId: t.codecId,
      channels: this.head.channels,
      samplingFrequency: t.samplingFrequency,
    };
  }

  private trackEntry(start: number, end: number): TrackEntry {
    const t: TrackEntry = {
      number: 0,
      type: 0,
      codecId: '',
      channels: 1,
      samplingFrequency: 8000,
      codecPrivate: null,
      codecDelayNs: 0,
      encoded: false,
    };
    for (let pos = start; pos < end;) {
      const h = readHeader(this.b, pos, end);
      const e = dataEnd(h, end, this.b.length, nameOf(h.id));
      const b = this.b;
      if (h.id === ID.TrackNumber) t.number = readUint(b, h.dataStart, e, 'TrackNumber');
      else if (h.id === ID.TrackType) t.type = readUint(b, h.dataStart, e, 'TrackType');
      else if (h.id === ID.CodecID) t.codecId = readString(b, h.dataStart, e);
      else if (h.id === ID.CodecPrivate) t.codecPrivate = b.subarray(h.dataStart, e);
      else if (h.id === ID.CodecDelay) t.codecDelayNs = readUint(b, h.dataStart, e, 'CodecDelay');
      else if (h.id === ID.ContentEncodings) t.encoded = true;
      else if (h.id === ID.Audio) {
        for (let p = h.dataStart; p < e;) {
          const a = readHeader(b, p, e);
          const ae = dataEnd(a, e, b.length, nameOf(a.id));
          if (a.id === ID.Channels) t.channels = readUint(b, a.dataStart, ae, 'Channels');
          else if (a.id === ID.SamplingFrequency)
            t.samplingFrequency = readFloat(b, a.dataStart, ae, 'SamplingFrequency');
          p = ae;
        }
      }
      pos = e;
    }
    return t;
  }

  /** Returns where it stopped: `end`, or for an unknown size the first element that is not a child. */
  private cluster(start: number, end: number, unknownSize: boolean): number {
    let pos = start;
    while (pos < end) {
      const h = readHeader(this.b, pos, end);
      if (unknownSize && !CLUSTER_CHILDREN.has(h.id)) return pos;
      const e = dataEnd(h, end, this.b.length, nameOf(h.id));
      if (h.id === ID.SimpleBlock) this.block(h.dataStart, e);
      else if (h.id === ID.BlockGroup) this.blockGroup(h.dataStart, e);
      pos = e;
    }
    return pos;
  }

  private blockGroup(start: number, end: number): void {
    let block: [number, number] | null = null;
    let discardNs = 0;
    for (let pos = start; pos < end;) {
      const h = readHeader(this.b, pos, end);
      const e = dataEnd(h, end, this.b.length, nameOf(h.id));
      if (h.id === ID.Block) block = [h.dataStart, e];
      else if (h.id === ID.DiscardPadding) discardNs = readInt(this.b, h.dataStart, e, 'DiscardPadding');
      pos = e;
    }
    if (!block) return;
    const isAudio = this.block(block[0], block[1]);
    // DiscardPadding trims the end of the stream; only meaningful on its last block (checked in run()).
    if (isAudio && discardNs > 0) {
      this.discardEnd48 = Math.round((discardNs * 48_000) / 1e9);
      this.discardAt = this.packets.length;
    }
  }

  /** A (Simple)Block's payload: track number, 16-bit timestamp, flags, then 1+ laced frames. */
  private block(start: number, end: number): boolean {
    const b = this.b;
    const tn = readVint(b, start, end);
    if (!this.track || tn.value !== this.track.number) return false;
    const at = tn.next + 3;
    if (at > end) throw fail('WebM block ends inside its header');
    const lacing = (b[tn.next + 2] >> 1) & 3;
    if (lacing === 0) {
      this.packet(b.subarray(at, end));
      return true;
    }
    if (at >= end) throw fail('WebM laced block has no frame count');
    const count = b[at] + 1;
    const sizes: number[] = [];
    let pos = at + 1;
    if (lacing === 1) {
      // Xiph: each size is a run of 255s plus a final byte
      for (let i = 0; i < count - 1; i++) {
        let size = 0;
        for (;;) {
          if (pos >= end) throw fail('WebM Xiph lacing runs past its block');
          const v = b[pos++];
          size += v;
          if (v !== 255) break;
        }
        sizes.push(size);
      }
    } else if (lacing === 3) {
      // EBML: the first size, then signed differences from the previous one
      let v = readVint(b, pos, end);
      sizes.push(v.value);
      pos = v.next;
      for (let i = 1; i < count - 1; i++) {
        v = readVint(b, pos, end, true);
        sizes.push(sizes[i - 1] + v.value);
        pos = v.next;
        if (sizes[i] < 0) throw fail('WebM EBML lacing gives a negative frame size');
      }
    }
    const rest = end - pos;
    if (lacing === 2) {
      if (rest % count !== 0) throw fail(`WebM fixed lacing: ${rest} bytes do not split into ${count} frames`);
      for (let i = 0; i < count - 1; i++) sizes.push(rest / count);
    }
    const laced = sizes.reduce((s, x) => s + x, 0);
    if (laced > rest) throw fail('WebM laced frame sizes run past their block');
    sizes.push(rest - laced);
    for (const size of sizes) {
      this.packet(b.subarray(pos, pos + size));
      pos += size;
    }
    return true;
  }

  private packet(p: Uint8Array): void {
    const channels = this.head?.channels ?? 1;
    const where = `WebM Opus packet ${this.packets.length + 1} (at ${(this.samples48 / 48_000).toFixed(2)} s)`;
    if (p.length > maxOpusPacketBytes(channels)) throw fail(`${where} is ${p.length} bytes, too large for Opus`);
    const n = opusPacketSamples(p);
    if (typeof n === 'string') throw fail(`${where} is corrupt: ${n}`);
    this.samples48 += n;
    // Past the limit only the duration is counted (for the message), so memory stays bounded.
    if (this.samples48 <= this.maxSamples48) this.packets.push(p);
  }
}

/** The Opus packets and stream parameters of a WebM/Matroska file's audio track. */
export function demuxWebmOpus(bytes: Uint8Array, opts: DemuxOptions = {}): WebmOpus {
  return new Demuxer(bytes, opts.maxDurationSec ?? MAX_WEBM_SECONDS).run();
}

/** A whole WebM/Opus file → 16 kHz mono Float32 (the same shape decodeWav returns). */
export async function decodeWebm(bytes: Uint8Array, opts: DemuxOptions = {}): Promise<DecodedAudio> {
  return decodeOpusStream(demuxWebmOpus(bytes, opts));
}
