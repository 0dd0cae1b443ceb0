import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WhisperFeatureExtractor as TjsExtractor, mel_filter_bank } from '@xenova/transformers';
import {
  WHISPER_DEFAULT_CONFIG,
  WhisperFeatureExtractor,
  loadPreprocessorConfig,
  melFilterBank,
  parsePreprocessorConfig,
} from '../../../electron/core/voice/melFeatures';
import { decodeWav, downmix } from '../../../electron/core/voice/wav';
import { generateSignal } from '../../../electron/core/voice/signals';
import { SHARED } from '../../helpers/engine';

const CONFIG_PATH = join(SHARED, 'models', 'Xenova', 'whisper-tiny.en', 'preprocessor_config.json');
const CONFIG_JSON = JSON.parse(readFileSync(CONFIG_PATH, 'utf8')) as Record<string, unknown>;
const VOICE = join(SHARED, 'eval', 'voice');
const clip = (id: string) => downmix(decodeWav(readFileSync(join(VOICE, `${id}.wav`))).channels);
const ALL = ['d006', 'd014', 'd019', 'd024', 'd033', 'd038', 'd052', 'd058'];

type Tjs = (a: Float32Array) => Promise<{ input_features: { data: Float32Array; dims: number[] } }>;
const tjs = new (TjsExtractor as unknown as new (c: Record<string, unknown>) => Tjs)(CONFIG_JSON);

/**
 * The slow, obvious reference: pad to 30 s, reflect-pad by 200, frame every 160 samples, periodic
 * Hann, direct 400-point DFT, power, transformers.js's own mel filters, log10, clamp, scale.
 */
function referenceLogMel(audio: Float32Array): Float32Array {
  const N = 400;
  const hop = 160;
  const wave = new Float64Array(480000);
  wave.set(audio.subarray(0, 480000));
  const padded = new Float64Array(480000 + N);
  for (let i = 0; i < 480000; i++) padded[200 + i] = wave[i];
  for (let i = 1; i <= 200; i++) {
    padded[200 - i] = wave[i];
    padded[200 + 479999 + i] = wave[479999 - i];
  }
  const filters = mel_filter_bank(201, 80, 0, 8000, 16000, 'slaney', 'slaney') as number[][];
  const win = Array.from({ length: N }, (_, n) => 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / N));
  const cos = Array.from({ length: 201 }, (_, k) =>
    Float64Array.from({ length: N }, (_, n) => Math.cos((2 * Math.PI * k * n) / N)),
  );
  const sin = Array.from({ length: 201 }, (_, k) =>
    Float64Array.from({ length: N }, (_, n) => Math.sin((2 * Math.PI * k * n) / N)),
  );
  const out = new Float32Array(80 * 3000);
  const frame = new Float64Array(N);
  const power = new Float64Array(201);
  for (let f = 0; f < 3000; f++) {
    let any = false;
    for (let n = 0; n < N; n++) {
      frame[n] = padded[f * hop + n] * win[n];
      any ||= frame[n] !== 0;
    }
    for (let k = 0; k < 201; k++) {
      let re = 0;
      let im = 0;
      if (any) {
        for (let n = 0; n < N; n++) {
          re += frame[n] * cos[k][n];
          im -= frame[n] * sin[k][n];
        }
      }
      power[k] = re * re + im * im;
    }
    for (let m = 0; m < 80; m++) {
      let s = 0;
      for (let k = 0; k < 201; k++) s += filters[m][k] * power[k];
      out[m * 3000 + f] = Math.log10(Math.max(1e-10, s));
    }
  }
  let max = -Infinity;
  for (const v of out) max = Math.max(max, v);
  return out.map((v) => (Math.max(v, max - 8) + 4) / 4);
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
};

describe('Whisper log-mel features', () => {
  const fx = new WhisperFeatureExtractor(parsePreprocessorConfig(CONFIG_JSON));

  it('reads the real preprocessor_config.json', async () => {
    const c = await loadPreprocessorConfig(CONFIG_PATH);
    expect(c).toEqual(WHISPER_DEFAULT_CONFIG);
    expect(() => parsePreprocessorConfig({ feature_size: 80 })).toThrow(/not a Whisper feature-extractor config/);
    expect(() => parsePreprocessorConfig({ ...CONFIG_JSON, n_fft: 401 })).toThrow(/even/);
  });

  it('builds the same 80 × 201 Slaney mel filter bank as transformers.js', () => {
    const ours = melFilterBank(201, 80, 0, 8000, 16000);
    const theirs = mel_filter_bank(201, 80, 0, 8000, 16000, 'slaney', 'slaney') as number[][];
    expect(ours).toHaveLength(80);
    for (let m = 0; m < 80; m++) {
      expect(ours[m]).toHaveLength(201);
      expect(maxAbsDiff(ours[m], theirs[m])).toBeLessThan(1e-12);
    }
  });

  it('matches a slow direct-DFT reference on a real recording', () => {
    const audio = clip('d033');
    const ours = fx.extract(audio);
    expect(ours.dims).toEqual([80, 3000]);
    expect(ours.audioFrames).toBe(Math.ceil((audio.length + 200) / 160));
    expect(maxAbsDiff(ours.data, referenceLogMel(audio))).toBeLessThan(1e-4);
  });

  it("matches transformers.js's WhisperFeatureExtractor on every shared recording", async () => {
    for (const id of ALL) {
      const audio = clip(id);
      const theirs = (await tjs(audio)).input_features;
      expect(theirs.dims).toEqual([1, 80, 3000]);
      expect(maxAbsDiff(fx.extract(audio).data, theirs.data)).toBeLessThan(1e-5);
    }
  });

  it('cuts audio longer than 30 s exactly as Whisper does, and maps silence to a constant', async () => {
    const long = generateSignal({
      durationSec: 34,
      bursts: [{ startSec: 1, endSec: 33, amplitude: 0.3, kind: 'speechlike' }],
      noiseDb: -50,
    });
    const ours = fx.extract(long);
    expect(ours.audioFrames).toBe(3000);
    expect(maxAbsDiff(ours.data, (await tjs(long.slice(0, 480000))).input_features.data)).toBeLessThan(1e-5);
    const silent = fx.extract(new Float32Array(16000));
    expect(new Set(silent.data).size).toBe(1);
    expect(silent.data[0]).toBeCloseTo(-1.5, 5); // (log10(1e-10) + 4) / 4
    const empty = fx.extract(new Float32Array(0));
    expect(empty.data[12345]).toBeCloseTo(-1.5, 5);
  });

  it('uses mel filters shipped in the config when there are some', () => {
    // one filter per FFT bin 10..89: each output row is then log10 of that bin's power
    const melFilters = Array.from({ length: 80 }, (_, m) =>
      Array.from({ length: 201 }, (_, k) => (k === m + 10 ? 1 : 0)),
    );
    const custom = new WhisperFeatureExtractor({ ...WHISPER_DEFAULT_CONFIG, melFilters });
    const tone = generateSignal({ durationSec: 1, bursts: [{ startSec: 0, endSec: 1, amplitude: 0.5, kind: 'tone' }] });
    const d = custom.extract(tone).data;
    // 150 Hz is bin 3.75 — far below bin 10; 450 Hz (third harmonic) is bin 11.25 → row 1 beats row 40
    expect(d[1 * 3000 + 50]).toBeGreaterThan(d[40 * 3000 + 50]);
    expect(() => new WhisperFeatureExtractor({ ...WHISPER_DEFAULT_CONFIG, melFilters: [[1, 2]] })).toThrow(/80 × 201/);
  });

  it('extracts 30 s of audio in well under 30 ms per second', () => {
    const audio = generateSignal({
      durationSec: 30,
      bursts: [{ startSec: 0, endSec: 30, amplitude: 0.3, kind: 'speechlike' }],
      noiseDb: -50,
    });
    fx.extract(audio); // warm-up (JIT)
    const runs: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      fx.extract(audio);
      runs.push((performance.now() - t0) / 30);
    }
    runs.sort((a, b) => a - b);
    expect(runs[1]).toBeLessThan(30);
  });
});
