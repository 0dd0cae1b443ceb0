import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WhisperFeatureExtractor as TjsExtractor } from '@xenova/transformers';
import { EspeakSynthesizer } from '../../../electron/core/voice/tts/espeak';
import { markdownToSpeakable } from '../../../electron/core/voice/tts/speakable';
import { decodeWav } from '../../../electron/core/voice/wav';
import { toMono16k } from '../../../electron/core/voice/resample';
import { WhisperFeatureExtractor, parsePreprocessorConfig } from '../../../electron/core/voice/melFeatures';
import { detectSpeech } from '../../../electron/core/voice/vad';
import { planWindows } from '../../../electron/core/voice/chunking';
import { loadDevSet } from '../../../electron/core/eval/devEval';
import { DEV_SET, SHARED } from '../../helpers/engine';

const CONFIG = JSON.parse(
  readFileSync(join(SHARED, 'models', 'Xenova', 'whisper-tiny.en', 'preprocessor_config.json'), 'utf8'),
) as Record<string, unknown>;
type Tjs = (a: Float32Array) => Promise<{ input_features: { data: Float32Array; dims: number[] } }>;

// The speech path up to the model, on real synthesised speech: espeak-ng says dev questions, the
// app decodes, resamples, finds the speech and computes Whisper's input exactly as transformers.js
// would. (The transcript itself needs the weights: tests/models/whisper.test.ts.)
describe('espeak-ng speech of dev questions → the recognizer input', () => {
  const espeak = new EspeakSynthesizer();
  const ours = new WhisperFeatureExtractor(parsePreprocessorConfig(CONFIG));
  const theirs = new (TjsExtractor as unknown as new (c: Record<string, unknown>) => Tjs)(CONFIG);
  const questions = loadDevSet(DEV_SET).slice(0, 6);

  it.each(questions.map((q) => [q.id, q.question]))('%s', async (_id, question) => {
    const spoken = markdownToSpeakable(question)
      .map((s) => s.spoken)
      .join(' ');
    const synth = await espeak.synthesize(spoken);
    const audio = decodeWav(synth.wav);
    expect(audio.sampleRate).toBe(22050);
    const pcm = toMono16k(audio);
    expect(pcm.length / 16000).toBeCloseTo(audio.durationSec, 2);
    const speech = detectSpeech(pcm);
    expect(speech.length).toBeGreaterThanOrEqual(1);
    expect(speech[speech.length - 1].endSec).toBeGreaterThan(audio.durationSec - 0.8);
    const windows = planWindows(pcm.length, speech);
    expect(windows).toHaveLength(1);
    const input = pcm.subarray(windows[0].start, windows[0].end);
    const a = ours.extract(input);
    const b = (await theirs(input)).input_features;
    expect(b.dims).toEqual([1, ...a.dims]);
    let d = 0;
    for (let i = 0; i < a.data.length; i++) d = Math.max(d, Math.abs(a.data[i] - b.data[i]));
    expect(d).toBeLessThan(1e-5);
    // real speech spreads energy over many mel bands
    const frame = Math.floor(a.audioFrames / 2);
    const bands = Array.from({ length: 80 }, (_, m) => a.data[m * 3000 + frame]);
    expect(Math.max(...bands) - Math.min(...bands)).toBeGreaterThan(0.5);
  });
});
