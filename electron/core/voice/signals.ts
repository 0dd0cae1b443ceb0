// Generated audio with known boundaries, for VAD tests and the bench: voiced "syllables" (a
// 150 Hz buzz with harmonics, shaped like speech energy) or plain tone bursts, over white noise
// at a chosen level, separated by silence.

import { mulberry32 } from '../util/prng';

export interface Burst {
  startSec: number;
  endSec: number;
  /** Peak amplitude (0–1). */
  amplitude: number;
  /** 'tone': steady harmonic tone; 'speechlike': 4 Hz syllable envelope with short dips. */
  kind?: 'tone' | 'speechlike';
}

export interface SignalSpec {
  durationSec: number;
  sampleRate?: number;
  bursts: Burst[];
  /** RMS level of white noise in dBFS (omit for digital silence). */
  noiseDb?: number;
  seed?: number;
}

export function dbToAmplitude(db: number): number {
  return Math.pow(10, db / 20);
}

export function generateSignal(spec: SignalSpec): Float32Array {
  const sr = spec.sampleRate ?? 16000;
  const x = new Float32Array(Math.round(spec.durationSec * sr));
  if (spec.noiseDb !== undefined) {
    const rnd = mulberry32(spec.seed ?? 1);
    // uniform noise in [−a, a] has RMS a/√3
    const a = dbToAmplitude(spec.noiseDb) * Math.sqrt(3);
    for (let i = 0; i < x.length; i++) x[i] = (rnd() * 2 - 1) * a;
  }
  for (const b of spec.bursts) {
    const i0 = Math.max(0, Math.round(b.startSec * sr));
    const i1 = Math.min(x.length, Math.round(b.endSec * sr));
    const ramp = 0.005;
    for (let i = i0; i < i1; i++) {
      const t = i / sr;
      const edge = Math.min(1, (t - b.startSec) / ramp, (b.endSec - t) / ramp);
      let env = edge;
      if (b.kind === 'speechlike') {
        // syllables at 4 Hz: energy dips by ~20 dB between them, never to silence
        const phase = ((t - b.startSec) * 4) % 1;
        env *= 0.1 + 0.9 * Math.sin(Math.PI * phase) ** 2;
      }
      const f0 = 150;
      const v =
        0.6 * Math.sin(2 * Math.PI * f0 * t) +
        0.3 * Math.sin(4 * Math.PI * f0 * t) +
        0.1 * Math.sin(6 * Math.PI * f0 * t);
      x[i] += b.amplitude * env * v;
    }
  }
  return x;
}

/** Sine of a given frequency and amplitude. */
export function sine(freq: number, sampleRate: number, durationSec: number, amplitude = 0.5): Float32Array {
  const x = new Float32Array(Math.round(sampleRate * durationSec));
  for (let i = 0; i < x.length; i++) x[i] = amplitude * Math.sin((2 * Math.PI * freq * i) / sampleRate);
  return x;
}

/** Hann-windowed single-bin DFT amplitude of a sinusoid at `freq` over the middle half of `x`. */
export function toneAmplitude(x: Float32Array, freq: number, sampleRate: number): number {
  const a = Math.floor(x.length * 0.25);
  const b = Math.floor(x.length * 0.75);
  let re = 0;
  let im = 0;
  let wsum = 0;
  for (let i = a; i < b; i++) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i - a)) / (b - a));
    const ph = (2 * Math.PI * freq * i) / sampleRate;
    re += w * x[i] * Math.cos(ph);
    im -= w * x[i] * Math.sin(ph);
    wsum += w;
  }
  return (2 * Math.hypot(re, im)) / wsum;
}

/** Last sample index whose magnitude exceeds `threshold` (−1 if none). */
export function lastAbove(x: Float32Array, threshold: number): number {
  for (let i = x.length - 1; i >= 0; i--) if (Math.abs(x[i]) > threshold) return i;
  return -1;
}
