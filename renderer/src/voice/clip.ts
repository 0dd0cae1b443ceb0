/**
 * Recorded audio → what the app keeps and sends: a 16 kHz mono 16-bit WAV (core's own encoder and
 * windowed-sinc resampler, both free of Node imports), its base64 for the contract, and peaks for
 * the waveform. Pure functions: no DOM, no React.
 */
import { resample } from '../../../electron/core/voice/resample';
import { encodeWav } from '../../../electron/core/voice/wavEncode';
import { VOICE_SAMPLE_RATE } from '../../../electron/shared/voiceConstants';

export interface VoiceClip {
  /** 16 kHz mono 16-bit RIFF/WAVE. */
  wav: Uint8Array;
  base64: string;
  /** Peak level (0–1) of each of WAVEFORM_BARS equal slices. */
  peaks: number[];
  durationSec: number;
}

export const WAVEFORM_BARS = 40;

/** Float32 blocks at the capture rate → one 16 kHz clip. */
export function clipFromPcm(samples: Float32Array, sampleRate: number): VoiceClip {
  const pcm = resample(samples, Math.round(sampleRate), VOICE_SAMPLE_RATE);
  const wav = encodeWav(pcm, VOICE_SAMPLE_RATE);
  return {
    wav,
    base64: bytesToBase64(wav),
    peaks: peaksOf(pcm, WAVEFORM_BARS),
    durationSec: pcm.length / VOICE_SAMPLE_RATE,
  };
}

export function concatBlocks(blocks: Float32Array[]): Float32Array {
  const out = new Float32Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/** Peak absolute level of each of `bins` equal slices (a short signal gives zeros for the rest). */
export function peaksOf(samples: Float32Array, bins: number): number[] {
  const out = new Array<number>(bins).fill(0);
  if (samples.length === 0) return out;
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * samples.length) / bins);
    const to = Math.max(from + 1, Math.floor(((b + 1) * samples.length) / bins));
    let peak = 0;
    for (let i = from; i < to && i < samples.length; i++) peak = Math.max(peak, Math.abs(samples[i]));
    out[b] = Math.min(1, peak);
  }
  return out;
}

/** Peak of one block (the live level meter). */
export function peakOf(block: Float32Array): number {
  let peak = 0;
  for (let i = 0; i < block.length; i++) peak = Math.max(peak, Math.abs(block[i]));
  return Math.min(1, peak);
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin);
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** "0:07", "1:00". */
export function formatClock(sec: number): string {
  const s = Math.max(0, Math.round(sec));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
