import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AutoProcessor, env } from '@xenova/transformers';
import {
  DEFAULT_SPEECH_MODEL,
  WhisperRecognizer,
  useFastFeatures,
  type AsrPipeline,
} from '../../../electron/core/voice/recognizer';
import { decodeWav, downmix } from '../../../electron/core/voice/wav';
import { REPO, SHARED, tempDir } from '../../helpers/engine';

// The weights cannot be had here, so the ONNX model is the one thing replaced: the pipeline is a
// stand-in built around transformers.js's real WhisperProcessor (loaded from ../shared/models),
// which is exactly the object the real pipeline holds.
type Processor = (audio: Float32Array) => Promise<{ input_features: { data: Float32Array; dims: number[] } }>;
let processor: Processor & { feature_extractor: unknown };
const seen: { audio: Float32Array; features: { data: Float32Array; dims: number[] }; opts: Record<string, unknown> }[] =
  [];

function fakeAsr(): AsrPipeline {
  const asr = Object.assign(
    async (audio: Float32Array, opts: Record<string, unknown>) => {
      // what the real pipeline does first: this.processor(audio) → input_features
      const p = (asr as unknown as { processor: Processor }).processor;
      const { input_features } = await p(audio);
      seen.push({ audio, features: input_features, opts });
      return { text: '  What is S3?  ' };
    },
    { processor },
  );
  return asr as unknown as AsrPipeline;
}

vi.mock('@xenova/transformers', async (importOriginal) => {
  const real = await importOriginal<typeof import('@xenova/transformers')>();
  return { ...real, pipeline: vi.fn(async () => fakeAsr()) };
});

const models = tempDir('whisper-fake');
const clip = downmix(decodeWav(readFileSync(join(SHARED, 'eval', 'voice', 'd033.wav'))).channels);

beforeAll(async () => {
  env.localModelPath = join(SHARED, 'models') + '/';
  env.allowRemoteModels = false;
  processor = (await AutoProcessor.from_pretrained(DEFAULT_SPEECH_MODEL)) as unknown as typeof processor;
  // an "installed" model folder: every manifest file at its listed size (sparse, no real weights)
  const manifest = JSON.parse(readFileSync(join(REPO, 'models', 'manifest.json'), 'utf8')) as {
    models: { id: string; files: { path: string; size: number }[] }[];
  };
  for (const f of manifest.models.find((m) => m.id === DEFAULT_SPEECH_MODEL)?.files ?? []) {
    const p = join(models.path, 'Xenova', 'whisper-tiny.en', f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, '');
    truncateSync(p, f.size);
  }
});
afterAll(() => models.cleanup());

describe('WhisperRecognizer around the transformers.js pipeline', () => {
  it('feeds the pipeline our log-mel features, identical to transformers.js’s own', async () => {
    const reference = await processor(clip);
    const asr = fakeAsr();
    expect(useFastFeatures(asr)).toBe(true);
    await asr(clip, {});
    const got = seen[seen.length - 1].features;
    expect(got.dims).toEqual([1, 80, 3000]);
    expect(reference.input_features.dims).toEqual([1, 80, 3000]);
    let d = 0;
    for (let i = 0; i < got.data.length; i++) d = Math.max(d, Math.abs(got.data[i] - reference.input_features.data[i]));
    expect(d).toBeLessThan(1e-5);
    // the pipeline still reads the extractor's config (sampling rate, hop length, chunk length)
    expect((asr.processor?.feature_extractor as { config: { hop_length: number } }).config.hop_length).toBe(160);
    expect(useFastFeatures(Object.assign(async () => ({ text: '' }), {}) as AsrPipeline)).toBe(false);
  });

  it('loads from the model folder with remote loading off, transcribes ≤ 30 s, trims the text', async () => {
    const { pipeline } = await import('@xenova/transformers');
    const rec = await WhisperRecognizer.load({ modelsRoot: models.path });
    expect(rec.id).toBe(DEFAULT_SPEECH_MODEL);
    expect(vi.mocked(pipeline)).toHaveBeenCalledWith('automatic-speech-recognition', DEFAULT_SPEECH_MODEL, {
      quantized: true,
      local_files_only: true,
    });
    expect(env.allowRemoteModels).toBe(false);
    expect(env.localModelPath).toBe(models.path + '/');
    expect(await rec.transcribe(clip)).toEqual({ text: 'What is S3?' });
    expect(seen[seen.length - 1].opts).toEqual({ chunk_length_s: 0 });
    await expect(rec.transcribe(new Float32Array(16000 * 31))).rejects.toThrow(/at most 30 s/);
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    await expect(rec.transcribe(clip, { signal: ac.signal })).rejects.toThrow('stop');
  });
});
