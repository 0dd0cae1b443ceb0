// WAV encoding with no Node imports, so the renderer can import it too: the app records PCM from
// an AudioWorklet, resamples it to 16 kHz mono and sends it to core as a 16-bit WAV (core also
// decodes WebM/Opus, for files from other recorders; see electron/core/voice/README.md).

export type WavSampleFormat = 'pcm16' | 'float32';

/** One mono (or interleaved multi-channel) Float32 signal → a complete RIFF/WAVE file. */
export function encodeWav(
  samples: Float32Array,
  sampleRate: number,
  opts: { format?: WavSampleFormat; channels?: number } = {},
): Uint8Array {
  const format = opts.format ?? 'pcm16';
  const channels = opts.channels ?? 1;
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) throw new RangeError(`bad sample rate ${sampleRate}`);
  if (!Number.isInteger(channels) || channels < 1 || samples.length % channels !== 0) {
    throw new RangeError(`${samples.length} samples do not split into ${channels} channels`);
  }
  const bytesPerSample = format === 'pcm16' ? 2 : 4;
  const dataBytes = samples.length * bytesPerSample;
  const out = new Uint8Array(44 + dataBytes);
  const v = new DataView(out.buffer);
  writeHeader(v, { dataBytes, sampleRate, channels, bitsPerSample: bytesPerSample * 8, float: format === 'float32' });
  let p = 44;
  if (format === 'pcm16') {
    for (let i = 0; i < samples.length; i++, p += 2) v.setInt16(p, floatToInt16(samples[i]), true);
  } else {
    for (let i = 0; i < samples.length; i++, p += 4) {
      const s = samples[i];
      v.setFloat32(p, Number.isFinite(s) ? Math.max(-1, Math.min(1, s)) : 0, true);
    }
  }
  return out;
}

/** Scales by 32768 (the inverse of decoding), rounds and clamps to 16 bits; NaN becomes silence. */
export function floatToInt16(s: number): number {
  if (!(s === s)) return 0;
  const v = Math.round(s * 32768);
  return v > 32767 ? 32767 : v < -32768 ? -32768 : v;
}

function writeHeader(
  v: DataView,
  h: { dataBytes: number; sampleRate: number; channels: number; bitsPerSample: number; float: boolean },
): void {
  const ascii = (at: number, s: string): void => {
    for (let i = 0; i < 4; i++) v.setUint8(at + i, s.charCodeAt(i));
  };
  const blockAlign = h.channels * (h.bitsPerSample / 8);
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + h.dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, h.float ? 3 : 1, true);
  v.setUint16(22, h.channels, true);
  v.setUint32(24, h.sampleRate, true);
  v.setUint32(28, h.sampleRate * blockAlign, true);
  v.setUint16(32, blockAlign, true);
  v.setUint16(34, h.bitsPerSample, true);
  ascii(36, 'data');
  v.setUint32(40, h.dataBytes, true);
}

/**
 * Joins 16-bit mono WAVs of the same rate (one per spoken sentence) into one file, with an
 * optional pause between them. Inputs must be canonical 44-byte-header files from encodeWav or
 * a synthesizer in this module's family; anything else throws.
 */
export function concatWav16(parts: Uint8Array[], sampleRate: number, gapSec = 0): Uint8Array {
  const gap = Math.round(gapSec * sampleRate) * 2;
  let total = 0;
  for (const p of parts) {
    const v = new DataView(p.buffer, p.byteOffset, p.byteLength);
    if (
      p.length < 44 ||
      v.getUint32(24, true) !== sampleRate ||
      v.getUint16(34, true) !== 16 ||
      v.getUint16(22, true) !== 1
    )
      throw new RangeError('concatWav16 needs 16-bit mono WAVs at the same sample rate');
    total += p.length - 44;
  }
  total += gap * Math.max(0, parts.length - 1);
  const out = new Uint8Array(44 + total);
  writeHeader(new DataView(out.buffer), { dataBytes: total, sampleRate, channels: 1, bitsPerSample: 16, float: false });
  let at = 44;
  parts.forEach((p, i) => {
    if (i > 0) at += gap;
    out.set(p.subarray(44), at);
    at += p.length - 44;
  });
  return out;
}
