// Whisper's log-mel input features, computed the way transformers.js's WhisperFeatureExtractor
// (and openai/whisper's log_mel_spectrogram) do: centred 400-point STFT with a periodic Hann
// window and reflect padding, hop 160, power spectrum, 80 Slaney mel filters 0–8 kHz, log10 with
// a 1e-10 floor, clamp to (max − 8), (x + 4) / 4, audio padded or cut to 30 s = 3000 frames.
// Only the frames that hold audio are transformed; all-zero padding frames have a known value.

import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { RealFFT } from './fft';

export const PreprocessorConfigSchema = z.object({
  feature_size: z.number().int().positive(),
  sampling_rate: z.number().int().positive(),
  hop_length: z.number().int().positive(),
  n_fft: z.number().int().positive(),
  n_samples: z.number().int().positive(),
  nb_max_frames: z.number().int().positive(),
  mel_filters: z.array(z.array(z.number())).optional(),
});

export interface WhisperFeatureConfig {
  featureSize: number;
  samplingRate: number;
  hopLength: number;
  nFft: number;
  nSamples: number;
  nbMaxFrames: number;
  /** featureSize rows × (nFft/2 + 1) columns, when the config ships its own filters. */
  melFilters?: number[][];
}

export function parsePreprocessorConfig(json: unknown, origin = 'preprocessor_config.json'): WhisperFeatureConfig {
  const r = PreprocessorConfigSchema.safeParse(json);
  if (!r.success) throw new Error(`${origin} is not a Whisper feature-extractor config: ${r.error.issues[0]?.message}`);
  const c = r.data;
  if (c.n_fft % 2 !== 0) throw new Error(`${origin}: n_fft must be even (got ${c.n_fft})`);
  return {
    featureSize: c.feature_size,
    samplingRate: c.sampling_rate,
    hopLength: c.hop_length,
    nFft: c.n_fft,
    nSamples: c.n_samples,
    nbMaxFrames: c.nb_max_frames,
    melFilters: c.mel_filters,
  };
}

export async function loadPreprocessorConfig(path: string): Promise<WhisperFeatureConfig> {
  return parsePreprocessorConfig(JSON.parse(await readFile(path, 'utf8')), path);
}

/** Whisper's defaults (tiny/base/small .en and multilingual v1/v2 models). */
export const WHISPER_DEFAULT_CONFIG: WhisperFeatureConfig = {
  featureSize: 80,
  samplingRate: 16000,
  hopLength: 160,
  nFft: 400,
  nSamples: 480000,
  nbMaxFrames: 3000,
};

const slaneyHzToMel = (f: number): number =>
  f >= 1000 ? 15 + Math.log(f / 1000) * (27 / Math.log(6.4)) : (3 * f) / 200;
const slaneyMelToHz = (m: number): number =>
  m >= 15 ? 1000 * Math.exp((Math.log(6.4) / 27) * (m - 15)) : (200 * m) / 3;

/** Slaney-scale, Slaney-normalised triangular filters (librosa.filters.mel(htk=False, norm='slaney')). */
export function melFilterBank(
  numFreqBins: number,
  numMels: number,
  fMin: number,
  fMax: number,
  sampleRate: number,
): Float64Array[] {
  const melMin = slaneyHzToMel(fMin);
  const melMax = slaneyHzToMel(fMax);
  const filterHz = Array.from({ length: numMels + 2 }, (_, i) =>
    slaneyMelToHz(melMin + ((melMax - melMin) * i) / (numMels + 1)),
  );
  const nyquist = Math.floor(sampleRate / 2);
  const fftHz = Array.from({ length: numFreqBins }, (_, j) => (nyquist * j) / (numFreqBins - 1));
  const bank: Float64Array[] = [];
  for (let i = 0; i < numMels; i++) {
    const row = new Float64Array(numFreqBins);
    const lo = filterHz[i];
    const mid = filterHz[i + 1];
    const hi = filterHz[i + 2];
    const enorm = 2 / (hi - lo);
    for (let j = 0; j < numFreqBins; j++) {
      const down = (fftHz[j] - lo) / (mid - lo);
      const up = (hi - fftHz[j]) / (hi - mid);
      row[j] = Math.max(0, Math.min(down, up)) * enorm;
    }
    bank.push(row);
  }
  return bank;
}

/** Sparse form of a filter bank: each row's non-zero span. */
interface SparseRow {
  start: number;
  weights: Float64Array;
}

export interface LogMel {
  /** Row-major [featureSize, nbMaxFrames], as transformers.js's input_features (without the batch dim). */
  data: Float32Array;
  dims: [number, number];
  /** Frames computed from audio (the rest are padding). */
  audioFrames: number;
}

export class WhisperFeatureExtractor {
  private readonly fft: RealFFT;
  private readonly window: Float64Array;
  private readonly rows: SparseRow[];
  private readonly frame: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly power: Float64Array;

  constructor(readonly config: WhisperFeatureConfig = WHISPER_DEFAULT_CONFIG) {
    const { nFft, featureSize, samplingRate } = config;
    this.fft = new RealFFT(nFft);
    const bins = this.fft.bins;
    // periodic Hann: hann(N + 1)[:N]
    this.window = Float64Array.from({ length: nFft }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / nFft));
    const dense = config.melFilters
      ? config.melFilters.map((r) => Float64Array.from(r))
      : melFilterBank(bins, featureSize, 0, 8000, samplingRate);
    if (dense.length !== featureSize || dense.some((r) => r.length !== bins))
      throw new Error(`mel filters must be ${featureSize} × ${bins}`);
    this.rows = dense.map((r) => {
      let a = 0;
      let b = r.length;
      while (a < b && r[a] === 0) a++;
      while (b > a && r[b - 1] === 0) b--;
      return { start: a, weights: r.slice(a, b) };
    });
    this.frame = new Float64Array(nFft);
    this.re = new Float64Array(bins);
    this.im = new Float64Array(bins);
    this.power = new Float64Array(bins);
  }

  /** Log-mel features of up to 30 s of 16 kHz mono audio (longer input is cut, as Whisper does). */
  extract(pcm: Float32Array): LogMel {
    const { nFft, hopLength, nSamples, nbMaxFrames, featureSize } = this.config;
    const n = Math.min(pcm.length, nSamples);
    const half = nFft / 2;
    // Reflect padding mirrors the 30 s (zero-padded) waveform, so past the audio it is silence.
    const sample = (t: number): number => {
      if (t < 0) t = -t;
      else if (t >= nSamples) t = 2 * (nSamples - 1) - t;
      return t < n ? pcm[t] : 0;
    };
    // Frame f covers samples [f·hop − half, f·hop + half); after that it only sees zeros.
    const audioFrames = Math.min(nbMaxFrames, Math.ceil((n + half) / hopLength));
    const data = new Float32Array(featureSize * nbMaxFrames);
    const floorLog = Math.fround(Math.log10(Math.fround(1e-10)));
    data.fill(floorLog);
    const { frame, window, re, im, power, rows } = this;
    for (let f = 0; f < audioFrames; f++) {
      const off = f * hopLength - half;
      if (off >= 0 && off + nFft <= n) {
        for (let j = 0; j < nFft; j++) frame[j] = pcm[off + j] * window[j];
      } else {
        for (let j = 0; j < nFft; j++) frame[j] = sample(off + j) * window[j];
      }
      this.fft.transform(frame, re, im);
      for (let k = 0; k < power.length; k++) power[k] = re[k] * re[k] + im[k] * im[k];
      for (let m = 0; m < featureSize; m++) {
        const { start, weights } = rows[m];
        let sum = 0;
        for (let k = 0; k < weights.length; k++) sum += weights[k] * power[start + k];
        // stored as float32 first, then log10 of that float32, exactly like transformers.js
        data[m * nbMaxFrames + f] = Math.log10(Math.fround(Math.max(1e-10, sum)));
      }
    }
    let max = -Infinity;
    for (let i = 0; i < data.length; i++) if (data[i] > max) max = data[i];
    const lo = max - 8;
    for (let i = 0; i < data.length; i++) data[i] = (Math.max(data[i], lo) + 4) / 4;
    return { data, dims: [featureSize, nbMaxFrames], audioFrames };
  }
}
