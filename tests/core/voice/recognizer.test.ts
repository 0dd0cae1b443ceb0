import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_SPEECH_MODEL,
  SpeechModelMissingError,
  WhisperRecognizer,
  isSpeechModelInstalled,
  speechModelStatus,
} from '../../../electron/core/voice/recognizer';
import { REPO, SHARED, tempDir } from '../../helpers/engine';

const empty = tempDir('stt-empty');
const partial = tempDir('stt-partial');
afterAll(() => {
  empty.cleanup();
  partial.cleanup();
});

describe('speech model install state', () => {
  it('reports a missing model with the install command, and never tries to download', async () => {
    const s = await speechModelStatus(empty.path);
    expect(s).toMatchObject({ modelId: DEFAULT_SPEECH_MODEL, installed: false });
    expect(s.installCommand).toMatch(/npm run models -- --hub --only Xenova\/whisper-tiny\.en/);
    expect(await isSpeechModelInstalled(empty.path)).toBe(false);
    const err = await WhisperRecognizer.load({ modelsRoot: empty.path }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpeechModelMissingError);
    expect((err as SpeechModelMissingError).message).toMatch(
      /not installed in .*npm run models -- --hub --only Xenova\/whisper-tiny\.en/,
    );
    expect((err as SpeechModelMissingError).installCommand).toMatch(/MODELS_DIR=/);
  });

  it('names the missing weight files when only the tokenizer and configs are there (as in ../shared/models)', async () => {
    cpSync(join(SHARED, 'models', 'Xenova', 'whisper-tiny.en'), join(partial.path, 'Xenova', 'whisper-tiny.en'), {
      recursive: true,
    });
    const s = await speechModelStatus(partial.path);
    expect(s.installed).toBe(false);
    expect(s.problems).toEqual(
      expect.arrayContaining([
        'onnx/encoder_model_quantized.onnx is missing',
        'onnx/decoder_model_merged_quantized.onnx is missing',
      ]),
    );
  });

  it('treats whisper-base.en (hub-attested) like tiny.en: missing, with the hub-only install command', async () => {
    const base = 'Xenova/whisper-base.en';
    const s = await speechModelStatus(empty.path, base);
    expect(s).toMatchObject({ modelId: base, installed: false, hubAttested: true });
    expect(s.problems).toEqual([`no folder ${join(empty.path, 'Xenova', 'whisper-base.en')}`]);
    // Its hashes come from the hub, so a folder copy is not offered.
    expect(s.installCommand).toBe(`npm run models -- --hub --only ${base}`);
    const err = await WhisperRecognizer.load({ modelsRoot: empty.path, modelId: base }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpeechModelMissingError);
    expect((err as SpeechModelMissingError).installCommand).toBe(`npm run models -- --hub --only ${base}`);
    expect((err as SpeechModelMissingError).message).toMatch(
      /whisper-base\.en is not installed in .*Install it with: npm run models -- --hub --only Xenova\/whisper-base\.en$/,
    );

    // Files copied by hand, without the marker that records the attested hashes: not installed.
    cpSync(join(SHARED, 'models', 'Xenova', 'whisper-tiny.en'), join(partial.path, 'Xenova', 'whisper-base.en'), {
      recursive: true,
    });
    const copied = await speechModelStatus(partial.path, base);
    expect(copied.installed).toBe(false);
    expect(copied.problems[0]).toMatch(
      /no \.nimbus-installed\.json .*hashes are recorded only by npm run models -- --hub/,
    );
    expect(copied.problems).toContain('onnx/encoder_model_quantized.onnx is missing');
  });

  it('refuses a model the manifest does not list', async () => {
    const s = await speechModelStatus(empty.path, 'Xenova/whisper-small.en');
    expect(s.installed).toBe(false);
    expect(s.problems[0]).toMatch(/not a speech model in the model manifest/);
  });

  it('lists whisper-tiny.en with the weight hashes recorded in ../shared/models', () => {
    const manifest = JSON.parse(readFileSync(join(REPO, 'models', 'manifest.json'), 'utf8')) as {
      models: { id: string; files: { path: string; sha256: string }[] }[];
    };
    const entry = manifest.models.find((m) => m.id === DEFAULT_SPEECH_MODEL);
    const expected = readFileSync(
      join(SHARED, 'models', 'Xenova', 'whisper-tiny.en', 'EXPECTED_WEIGHTS.sha256'),
      'utf8',
    )
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/));
    for (const [sha, path] of expected) expect(entry?.files.find((f) => f.path === path)?.sha256).toBe(sha);
  });
});
