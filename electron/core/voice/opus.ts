// Opus in Node: the OpusHead header (RFC 7845), a structural check of each packet (RFC 6716 §3.4,
// so corrupt packets fail here with a clear message instead of inside libopus), and decoding with
// the `opus-decoder` package (libopus as WebAssembly) straight to 16 kHz, Whisper's rate.

import { AudioDecodeError, downmix, type DecodedAudio } from './wav';

export interface OpusHead {
  channels: number;
  /** Samples at 48 kHz to drop from the start of the decoded stream (the encoder's look-ahead). */
  preSkip: number;
  /** The recorder's original rate (information only: Opus always decodes at 8–48 kHz). */
  inputSampleRate: number;
  /** Q7.8 dB gain to apply to the output. */
  outputGainQ8: number;
}

/** Opus's decoding rates: 16 kHz is native, so no resampling is needed for Whisper. */
export const OPUS_DECODE_RATE = 16_000;
const TO_DECODE_RATE = OPUS_DECODE_RATE / 48_000;

/**
 * The largest packet opus-decoder copies into its input buffer (32 kB/s × 120 ms per channel);
 * a larger one would overrun it, so it is refused before decoding.
 */
export const maxOpusPacketBytes = (channels: number): number => 3840 * channels;

export function parseOpusHead(b: Uint8Array): OpusHead {
  const magic = 'OpusHead';
  if (b.length < 19 || [...magic].some((c, i) => b[i] !== c.charCodeAt(0)))
    throw new AudioDecodeError('WebM Opus track has no valid OpusHead in its CodecPrivate', 'corrupt');
  if (b[8] >> 4 !== 0) throw new AudioDecodeError(`OpusHead version ${b[8]} is not supported`, 'unsupported');
  const channels = b[9];
  const family = b[18];
  if (family !== 0)
    throw new AudioDecodeError(
      `Opus channel mapping family ${family} (${channels} channels) is not supported: record mono or stereo`,
      'unsupported',
    );
  if (channels < 1 || channels > 2)
    throw new AudioDecodeError(`OpusHead says ${channels} channels (mapping family 0 allows 1 or 2)`, 'corrupt');
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return {
    channels,
    preSkip: view.getUint16(10, true),
    inputSampleRate: view.getUint32(12, true),
    outputGainQ8: view.getInt16(16, true),
  };
}

const frameSamples48 = (toc: number): number => {
  const config = toc >> 3;
  if (config < 12) return [480, 960, 1920, 2880][config & 3]; // SILK 10/20/40/60 ms
  if (config < 16) return [480, 960][config & 1]; // hybrid 10/20 ms
  return [120, 240, 480, 960][config & 3]; // CELT 2.5/5/10/20 ms
};

/** A self-delimited frame length (1 or 2 bytes), or null past the end. */
function frameLength(p: Uint8Array, at: number): { len: number; next: number } | null {
  if (at >= p.length) return null;
  if (p[at] < 252) return { len: p[at], next: at + 1 };
  if (at + 1 >= p.length) return null;
  return { len: p[at] + 4 * p[at + 1], next: at + 2 };
}

/**
 * The packet's duration in 48 kHz samples, or a reason it breaks RFC 6716 §3.4's rules R1–R7.
 * (A packet that passes can still hold bad entropy-coded bits; libopus reports those.)
 */
export function opusPacketSamples(p: Uint8Array): number | string {
  if (p.length < 1) return 'it is empty'; // R1
  const n = p.length;
  const per = frameSamples48(p[0]);
  const code = p[0] & 3;
  if (code === 0) return n - 1 <= 1275 ? per : 'its frame is over 1275 bytes'; // R2
  if (code === 1) {
    if ((n - 1) % 2 !== 0) return 'it has two equal frames but an even length'; // R3
    return (n - 1) / 2 <= 1275 ? 2 * per : 'its frames are over 1275 bytes';
  }
  if (code === 2) {
    const f = frameLength(p, 1); // R4
    if (!f || f.len > n - f.next) return 'its first frame length runs past the packet';
    return f.len <= 1275 && n - f.next - f.len <= 1275 ? 2 * per : 'a frame is over 1275 bytes';
  }
  if (n < 2) return 'it has no frame count byte'; // R6/R7
  const m = p[1] & 0x3f;
  const vbr = (p[1] & 0x80) !== 0;
  if (m === 0 || m * per > 5760) return `it has ${m} frames (1 to 120 ms allowed)`; // R5
  let at = 2;
  let padding = 0;
  if (p[1] & 0x40) {
    for (;;) {
      if (at >= n) return 'its padding length runs past the packet';
      const v = p[at++];
      padding += v === 255 ? 254 : v;
      if (v !== 255) break;
    }
  }
  let used = 0;
  if (vbr) {
    for (let i = 0; i < m - 1; i++) {
      const f = frameLength(p, at);
      if (!f) return 'its frame lengths run past the packet';
      if (f.len > 1275) return 'a frame is over 1275 bytes';
      at = f.next;
      used += f.len;
    }
  }
  const rest = n - at - padding - used;
  if (rest < 0) return 'its frames and padding run past the packet'; // R6/R7
  if (vbr) return rest <= 1275 ? m * per : 'a frame is over 1275 bytes';
  if (rest % m !== 0) return `its ${rest} bytes do not split into ${m} equal frames`;
  return rest / m <= 1275 ? m * per : 'a frame is over 1275 bytes';
}

type OpusModule = typeof import('opus-decoder');
let opusModule: Promise<OpusModule> | null = null;

/** The WASM decoder, loaded on first use (WAV-only users never pay for it) and kept for the process. */
function loadOpus(): Promise<OpusModule> {
  if (!opusModule) {
    opusModule = import('opus-decoder');
    opusModule.catch(() => (opusModule = null)); // let a later call retry
  }
  return opusModule;
}

export interface OpusStream {
  head: OpusHead;
  packets: Uint8Array[];
  /** Total duration in 48 kHz samples (sum of the packets' TOC durations). */
  samples48: number;
  /** 48 kHz samples to drop from the end (Matroska DiscardPadding on the last block). */
  discardEnd48: number;
}

/**
 * Decodes validated packets to 16 kHz, drops the pre-skip (given at 48 kHz, so divided by 3) and
 * the end padding, applies the output gain and downmixes to mono.
 */
export async function decodeOpusStream(s: OpusStream): Promise<DecodedAudio> {
  const { OpusDecoder } = await loadOpus();
  // One decoder per stream: it is ~1 ms to make once the module is compiled, and it carries
  // state from packet to packet, so sharing one across concurrent calls would mix them.
  const dec = new OpusDecoder<16000>({ sampleRate: OPUS_DECODE_RATE, channels: s.head.channels });
  await dec.ready;
  const total = Math.ceil(s.samples48 * TO_DECODE_RATE);
  const out = Array.from({ length: s.head.channels }, () => new Float32Array(total));
  let at = 0;
  try {
    for (const [i, pkt] of s.packets.entries()) {
      const r = dec.decodeFrame(pkt);
      if (r.errors.length > 0 || r.samplesDecoded === 0) {
        throw new AudioDecodeError(
          `WebM Opus packet ${i + 1} could not be decoded (${r.errors[0]?.message ?? 'no samples'})`,
          'corrupt',
        );
      }
      const n = Math.min(r.samplesDecoded, total - at);
      for (let c = 0; c < out.length; c++) out[c].set(r.channelData[c].subarray(0, n), at);
      at += n;
    }
  } finally {
    dec.free();
  }
  const skip = Math.round(s.head.preSkip * TO_DECODE_RATE);
  const end = Math.max(skip, at - Math.round(s.discardEnd48 * TO_DECODE_RATE));
  if (end - skip <= 0) throw new AudioDecodeError('the WebM file contains no audio samples', 'empty');
  const kept = out.map((c) => c.subarray(skip, end));
  const mono = kept.length === 1 ? kept[0].slice() : downmix(kept);
  // libopus's float output can overshoot ±1 slightly; DecodedAudio promises [-1, 1]
  const g = 10 ** (s.head.outputGainQ8 / (20 * 256));
  for (let i = 0; i < mono.length; i++) mono[i] = Math.max(-1, Math.min(1, mono[i] * g));
  return {
    // format describes the source; the samples are already mixed down to one channel
    format: { encoding: 'opus', bitsPerSample: 32, channels: s.head.channels, sampleRate: OPUS_DECODE_RATE },
    sampleRate: OPUS_DECODE_RATE,
    channels: [mono],
    frames: mono.length,
    durationSec: mono.length / OPUS_DECODE_RATE,
  };
}
