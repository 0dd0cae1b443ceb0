// Band-limited sample-rate conversion: a Kaiser-windowed sinc low-pass evaluated as a polyphase
// filter bank for rational ratios (44.1k→16k is 160/441, 48k→16k is 1/3, 8k→16k is 2/1).
// The cut-off sits below the lower of the two Nyquist frequencies, so downsampling does not
// alias and upsampling does not image.

import { downmix, type DecodedAudio } from './wav';

export const WHISPER_SAMPLE_RATE = 16_000;

export interface ResampleOptions {
  /** Zero crossings of the sinc on each side (filter length); more = sharper transition. */
  zeroCrossings?: number;
  /** Cut-off as a fraction of the lower Nyquist frequency. */
  rolloff?: number;
  /** Kaiser window shape; 9 gives ≈ 90 dB stop-band attenuation. */
  kaiserBeta?: number;
}

const DEFAULTS: Required<ResampleOptions> = { zeroCrossings: 32, rolloff: 0.92, kaiserBeta: 9 };
// Above this many phases the table would be large; the kernel is then evaluated per output sample.
const MAX_TABLE_PHASES = 4096;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Modified Bessel function of the first kind, order 0 (power series; converges fast for x < 50). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 200; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

interface Kernel {
  /** Half width in input samples. */
  half: number;
  /** Taps per output sample (2 × ceil(half)). */
  taps: number;
  at(x: number): number;
}

function makeKernel(fromRate: number, toRate: number, o: Required<ResampleOptions>): Kernel {
  const fc = 0.5 * Math.min(1, toRate / fromRate) * o.rolloff; // cycles per input sample
  const half = o.zeroCrossings / (2 * fc);
  const i0b = besselI0(o.kaiserBeta);
  return {
    half,
    taps: 2 * Math.ceil(half),
    at(x: number): number {
      const r = x / half;
      if (r <= -1 || r >= 1) return 0;
      const a = 2 * Math.PI * fc * x;
      const sinc = a === 0 ? 1 : Math.sin(a) / a;
      return 2 * fc * sinc * (besselI0(o.kaiserBeta * Math.sqrt(1 - r * r)) / i0b);
    },
  };
}

/** Resamples a mono signal. Same rate returns a copy. */
export function resample(
  input: Float32Array,
  fromRate: number,
  toRate: number,
  opts: ResampleOptions = {},
): Float32Array {
  if (!(fromRate > 0 && toRate > 0 && Number.isInteger(fromRate) && Number.isInteger(toRate)))
    throw new RangeError(`sample rates must be positive integers (got ${fromRate} → ${toRate})`);
  if (fromRate === toRate) return Float32Array.from(input);
  const o = { ...DEFAULTS, ...opts };
  const g = gcd(fromRate, toRate);
  const L = toRate / g; // output samples per M input samples
  const M = fromRate / g;
  const kernel = makeKernel(fromRate, toRate, o);
  const J = kernel.taps / 2;
  const outLen = Math.ceil((input.length * L) / M);
  const out = new Float32Array(outLen);
  const n = input.length;

  // One row of taps per phase p (output position i + p/L), normalised to unit DC gain.
  const phases = L <= MAX_TABLE_PHASES ? L : 0;
  const table = new Float32Array(phases * kernel.taps);
  for (let p = 0; p < phases; p++) fillRow(table, p * kernel.taps, kernel, p / L, J);
  const row = new Float32Array(kernel.taps);

  for (let k = 0; k < outLen; k++) {
    const nm = k * M;
    const i = Math.floor(nm / L);
    const p = nm - i * L;
    let coeffs: Float32Array;
    let base: number;
    if (phases) {
      coeffs = table;
      base = p * kernel.taps;
    } else {
      fillRow(row, 0, kernel, p / L, J);
      coeffs = row;
      base = 0;
    }
    const start = i - J + 1;
    let acc = 0;
    if (start >= 0 && start + kernel.taps <= n) {
      for (let j = 0; j < kernel.taps; j++) acc += input[start + j] * coeffs[base + j];
    } else {
      for (let j = 0; j < kernel.taps; j++) {
        const s = start + j;
        if (s >= 0 && s < n) acc += input[s] * coeffs[base + j];
      }
    }
    out[k] = acc;
  }
  return out;
}

function fillRow(dst: Float32Array, at: number, kernel: Kernel, frac: number, J: number): void {
  let sum = 0;
  const tmp = new Float64Array(kernel.taps);
  for (let j = 0; j < kernel.taps; j++) {
    tmp[j] = kernel.at(j - J + 1 - frac);
    sum += tmp[j];
  }
  for (let j = 0; j < kernel.taps; j++) dst[at + j] = tmp[j] / sum;
}

/** Decoded WAV → 16 kHz mono Float32, the input every recognizer and the VAD take. */
export function toMono16k(audio: DecodedAudio, opts?: ResampleOptions): Float32Array {
  return resample(downmix(audio.channels), audio.sampleRate, WHISPER_SAMPLE_RATE, opts);
}
