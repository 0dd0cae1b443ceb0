// RIFF/WAVE decoding: PCM 8/16/24/32-bit integer and 32/64-bit float, any channel count up to 8,
// plain or WAVE_FORMAT_EXTENSIBLE. Every way a file can be wrong ends in an AudioDecodeError with
// a code and one clear sentence; nothing here throws anything else on bad bytes.

export type AudioErrorCode = 'empty' | 'not-wav' | 'unsupported' | 'corrupt' | 'truncated' | 'too-large';

export class AudioDecodeError extends Error {
  override name = 'AudioDecodeError';
  constructor(
    message: string,
    readonly code: AudioErrorCode,
  ) {
    super(message);
  }
}

export interface WavFormat {
  /** 1 = integer PCM, 3 = IEEE float (after resolving WAVE_FORMAT_EXTENSIBLE); 'opus' = WebM/Opus. */
  encoding: 'pcm' | 'float' | 'opus';
  bitsPerSample: number;
  channels: number;
  sampleRate: number;
}

export interface DecodedAudio {
  format: WavFormat;
  sampleRate: number;
  /** One Float32Array per channel, samples in [-1, 1]. */
  channels: Float32Array[];
  frames: number;
  durationSec: number;
}

export interface DecodeWavOptions {
  /** Refuse inputs larger than this many bytes (default 256 MiB). */
  maxBytes?: number;
  /** Refuse audio longer than this (default: no limit beyond maxBytes). */
  maxDurationSec?: number;
}

export const DEFAULT_MAX_WAV_BYTES = 256 * 1024 * 1024;

// Streaming writers (espeak-ng --stdout, ffmpeg to a pipe) cannot seek back to fill in the sizes,
// so they leave one of these in the RIFF and data size fields. The data then runs to end of file.
function isPlaceholderSize(n: number): boolean {
  return n === 0 || n === 0xffffffff || n >= 0x7fff0000;
}

const KSDATAFORMAT_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

function fourcc(b: Uint8Array, at: number): string {
  return String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);
}

/** What the bytes look like, for a helpful error when they are not WAV. */
export function sniffContainer(b: Uint8Array): string | null {
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return 'WebM/Matroska';
  if (b.length >= 4 && fourcc(b, 0) === 'OggS') return 'Ogg';
  if (b.length >= 4 && fourcc(b, 0) === 'fLaC') return 'FLAC';
  if (b.length >= 3 && fourcc(b, 0).startsWith('ID3')) return 'MP3';
  if (b.length >= 2 && b[0] === 0xff && (b[1] & 0xe0) === 0xe0) return 'MP3';
  if (b.length >= 8 && fourcc(b, 4) === 'ftyp') return 'MP4/M4A';
  if (b.length >= 4 && fourcc(b, 0) === 'FORM') return 'AIFF';
  return null;
}

interface FmtChunk {
  encoding: 'pcm' | 'float';
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
}

function parseFmt(b: Uint8Array, view: DataView, at: number, size: number): FmtChunk {
  if (size < 16) throw new AudioDecodeError(`WAV "fmt " chunk is ${size} bytes, expected at least 16`, 'corrupt');
  let tag = view.getUint16(at, true);
  const channels = view.getUint16(at + 2, true);
  const sampleRate = view.getUint32(at + 4, true);
  const blockAlign = view.getUint16(at + 12, true);
  const bitsPerSample = view.getUint16(at + 14, true);
  if (tag === 0xfffe) {
    if (size < 40) throw new AudioDecodeError('WAVE_FORMAT_EXTENSIBLE "fmt " chunk is too short', 'corrupt');
    const guid = b.subarray(at + 24, at + 40);
    if (!KSDATAFORMAT_TAIL.every((v, i) => guid[2 + i] === v)) {
      throw new AudioDecodeError('WAV uses an unknown WAVE_FORMAT_EXTENSIBLE sub-format', 'unsupported');
    }
    tag = guid[0] | (guid[1] << 8);
  }
  if (tag !== 1 && tag !== 3) {
    const names: Record<number, string> = { 2: 'ADPCM', 6: 'A-law', 7: 'mu-law', 0x11: 'IMA ADPCM', 0x55: 'MP3' };
    throw new AudioDecodeError(
      `WAV encoding ${names[tag] ?? `0x${tag.toString(16)}`} is not supported: use PCM (8/16/24/32-bit) or 32-bit float`,
      'unsupported',
    );
  }
  const encoding = tag === 3 ? 'float' : 'pcm';
  if (channels < 1 || channels > 8)
    throw new AudioDecodeError(`WAV has ${channels} channels (1–8 supported)`, 'unsupported');
  if (sampleRate < 1000 || sampleRate > 384_000)
    throw new AudioDecodeError(`WAV sample rate ${sampleRate} Hz is out of range (1000–384000)`, 'unsupported');
  const okBits = encoding === 'pcm' ? [8, 16, 24, 32] : [32, 64];
  if (!okBits.includes(bitsPerSample)) {
    throw new AudioDecodeError(
      `${bitsPerSample}-bit ${encoding === 'pcm' ? 'integer' : 'float'} WAV is not supported`,
      'unsupported',
    );
  }
  if (blockAlign !== channels * (bitsPerSample / 8)) {
    throw new AudioDecodeError(
      `WAV block align ${blockAlign} does not match ${channels} × ${bitsPerSample}-bit`,
      'corrupt',
    );
  }
  return { encoding, channels, sampleRate, blockAlign, bitsPerSample };
}

/** The checks every container shares: not empty, not over the byte limit. */
export function checkAudioSize(bytes: Uint8Array, maxBytes = DEFAULT_MAX_WAV_BYTES): void {
  if (bytes.length === 0) throw new AudioDecodeError('the audio file is empty (0 bytes)', 'empty');
  if (bytes.length > maxBytes) {
    throw new AudioDecodeError(
      `the audio file is ${(bytes.length / 1048576).toFixed(1)} MiB, over the ${(maxBytes / 1048576).toFixed(0)} MiB limit`,
      'too-large',
    );
  }
}

/** Decodes a whole WAV file held in memory (decodeAudio also takes WebM/Opus). */
export function decodeWav(bytes: Uint8Array, opts: DecodeWavOptions = {}): DecodedAudio {
  checkAudioSize(bytes, opts.maxBytes);
  if (bytes.length < 12 || fourcc(bytes, 0) !== 'RIFF' || fourcc(bytes, 8) !== 'WAVE') {
    if (bytes.length >= 4 && (fourcc(bytes, 0) === 'RIFX' || fourcc(bytes, 0) === 'RF64'))
      throw new AudioDecodeError(
        `${fourcc(bytes, 0)} WAV files are not supported: use a plain RIFF WAV`,
        'unsupported',
      );
    const kind = sniffContainer(bytes);
    throw new AudioDecodeError(
      kind
        ? `this is ${kind} audio, not WAV: convert it to 16-bit PCM WAV first (e.g. sox in.ext -r 16000 -c 1 out.wav)`
        : bytes.length < 12
          ? `not a WAV file: only ${bytes.length} bytes`
          : 'not a WAV file (no RIFF/WAVE header)',
      'not-wav',
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fmt: FmtChunk | null = null;
  let pos = 12;
  while (pos + 8 <= bytes.length) {
    const id = fourcc(bytes, pos);
    const declared = view.getUint32(pos + 4, true);
    const body = pos + 8;
    const available = bytes.length - body;
    if (id === 'fmt ') {
      if (declared > available) throw new AudioDecodeError('WAV is truncated inside its "fmt " chunk', 'truncated');
      fmt = parseFmt(bytes, view, body, declared);
    } else if (id === 'data') {
      if (!fmt) throw new AudioDecodeError('WAV "data" chunk comes before its "fmt " chunk', 'corrupt');
      let size = declared;
      if (declared > available) {
        if (!isPlaceholderSize(declared)) {
          throw new AudioDecodeError(
            `WAV is truncated: its header announces ${declared} bytes of audio but only ${available} are present`,
            'truncated',
          );
        }
        size = available;
      } else if (declared === 0 && isPlaceholderSize(view.getUint32(4, true))) {
        size = available; // streaming writer that left 0: the audio runs to the end of the file
      }
      return toChannels(bytes.subarray(body, body + size), fmt, opts);
    }
    if (declared > available && !isPlaceholderSize(declared)) {
      throw new AudioDecodeError(
        `WAV is truncated inside its "${id.replace(/[^\x20-\x7e]/g, '?')}" chunk`,
        'truncated',
      );
    }
    pos = body + declared + (declared & 1);
  }
  if (!fmt) throw new AudioDecodeError('WAV has no "fmt " chunk', 'corrupt');
  throw new AudioDecodeError('WAV has no "data" chunk (no audio)', 'empty');
}

function toChannels(data: Uint8Array, f: FmtChunk, opts: DecodeWavOptions): DecodedAudio {
  const frames = Math.floor(data.length / f.blockAlign);
  if (frames === 0) throw new AudioDecodeError('the WAV file contains no audio samples', 'empty');
  const durationSec = frames / f.sampleRate;
  if (opts.maxDurationSec !== undefined && durationSec > opts.maxDurationSec) {
    throw new AudioDecodeError(
      `the audio is ${formatDuration(durationSec)} long, over the ${formatDuration(opts.maxDurationSec)} limit`,
      'too-large',
    );
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out = Array.from({ length: f.channels }, () => new Float32Array(frames));
  const bps = f.bitsPerSample / 8;
  for (let c = 0; c < f.channels; c++) {
    const ch = out[c];
    let p = c * bps;
    const step = f.blockAlign;
    if (f.encoding === 'float') {
      for (let i = 0; i < frames; i++, p += step) {
        const v = bps === 4 ? view.getFloat32(p, true) : view.getFloat64(p, true);
        // NaN/Inf in a float file are corruption; clamp so downstream maths stays finite
        ch[i] = Number.isFinite(v) ? Math.max(-1, Math.min(1, v)) : 0;
      }
    } else if (bps === 1) {
      for (let i = 0; i < frames; i++, p += step) ch[i] = (data[p] - 128) / 128;
    } else if (bps === 2) {
      for (let i = 0; i < frames; i++, p += step) ch[i] = view.getInt16(p, true) / 32768;
    } else if (bps === 3) {
      for (let i = 0; i < frames; i++, p += step) {
        const v = data[p] | (data[p + 1] << 8) | (data[p + 2] << 16);
        ch[i] = ((v << 8) >> 8) / 8388608;
      }
    } else {
      for (let i = 0; i < frames; i++, p += step) ch[i] = view.getInt32(p, true) / 2147483648;
    }
  }
  return {
    format: { encoding: f.encoding, bitsPerSample: f.bitsPerSample, channels: f.channels, sampleRate: f.sampleRate },
    sampleRate: f.sampleRate,
    channels: out,
    frames,
    durationSec,
  };
}

/** Average of all channels (a plain mean keeps full-scale mono at full scale). */
export function downmix(channels: Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0];
  const n = channels[0].length;
  const out = new Float32Array(n);
  for (const ch of channels) for (let i = 0; i < n; i++) out[i] += ch[i];
  const k = 1 / channels.length;
  for (let i = 0; i < n; i++) out[i] *= k;
  return out;
}

export function formatDuration(sec: number): string {
  if (sec < 60) return `${sec.toFixed(1)} s`;
  const m = Math.floor(sec / 60);
  const s = Math.round(sec - m * 60);
  return `${m} min${s ? ` ${s} s` : ''}`;
}
