import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  transcribeBytes,
  transcribeFile,
  transcribePcm,
  type TranscribeOptions,
} from '../../../electron/core/voice/transcribe';
import type { SpeechRecognizer } from '../../../electron/core/voice/recognizer';
import { AudioDecodeError } from '../../../electron/core/voice/wav';
import { encodeWav } from '../../../electron/core/voice/wavEncode';
import { generateSignal, type Burst } from '../../../electron/core/voice/signals';
import { loadNotesVocabulary, type Vocabulary } from '../../../electron/core/voice/vocabulary';
import { defaultContentDir, vendoredTokenizerDir } from '../../../electron/core/paths';
import { tempDir } from '../../helpers/engine';

/** Stands in for Whisper: records what it was given and answers from a script. */
class ScriptedRecognizer implements SpeechRecognizer {
  readonly id = 'scripted';
  calls: Float32Array[] = [];
  constructor(private readonly reply: (i: number, pcm: Float32Array) => string) {}
  async transcribe(pcm: Float32Array) {
    this.calls.push(pcm);
    return { text: this.reply(this.calls.length - 1, pcm) };
  }
}

const dir = tempDir('transcribe');
let vocabulary: Vocabulary;
beforeAll(async () => {
  vocabulary = await loadNotesVocabulary(defaultContentDir(), vendoredTokenizerDir());
});
afterAll(() => dir.cleanup());

function opts(rec: SpeechRecognizer | null, extra: Partial<TranscribeOptions> = {}): TranscribeOptions {
  return {
    recognizer: async () => {
      if (!rec) throw new Error('the recognizer must not be loaded for this input');
      return rec;
    },
    engineId: 'test-engine',
    vocabulary,
    ...extra,
  };
}

describe('transcribe', () => {
  it('returns empty text with a note for silence, without loading the recognizer', async () => {
    const t = await transcribeBytes(encodeWav(new Float32Array(16000 * 3), 16000), opts(null));
    expect(t).toMatchObject({ text: '', engine: 'test-engine', windows: 0, audioSeconds: 3 });
    expect(t.note).toMatch(/digital silence/);
    const hiss = await transcribeBytes(
      encodeWav(generateSignal({ durationSec: 2, bursts: [], noiseDb: -50 }), 16000),
      opts(null),
    );
    expect(hiss.note).toMatch(/no speech detected \(peak level -\d+ dBFS\)/);
  });

  it('decodes, resamples to 16 kHz, recognises and corrects the AWS terms (espeak-ng speech)', async () => {
    const wavPath = join(dir.path, 'q.wav');
    execFileSync('espeak-ng', ['-v', 'en-us', '-w', wavPath, 'What is the cheapest EC2 purchase option?']);
    const rec = new ScriptedRecognizer(() => " What's the cheapest easy two purchase option? [BLANK_AUDIO]");
    const t = await transcribeFile(wavPath, opts(rec));
    expect(rec.calls).toHaveLength(1);
    // espeak writes 22050 Hz: the recognizer got the same duration at 16 kHz
    expect(rec.calls[0].length / 16000).toBeGreaterThan(1.5);
    expect(rec.calls[0].length / 16000).toBeLessThanOrEqual(t.audioSeconds);
    expect(t.rawText).toBe("What's the cheapest easy two purchase option?");
    expect(t.text).toBe("What's the cheapest EC2 purchase option?");
    expect(t.corrections).toEqual([{ from: 'easy two', to: 'EC2' }]);
    expect(t.engine).toBe('scripted');
    expect(t.speechSeconds).toBeGreaterThan(1.5);
    expect(t.note).toBeUndefined();
  });

  it('takes WebM/Opus bytes as a browser records them (the app and CLI path), with the same limits', async () => {
    const webm = new Uint8Array(readFileSync(join(import.meta.dirname, '../../fixtures/voice/d006.webm')));
    const rec = new ScriptedRecognizer(() => "What's the cheapest easy two purchase option for batch jobs?");
    const t = await transcribeBytes(webm, opts(rec));
    expect(rec.calls).toHaveLength(1);
    expect(t.audioSeconds).toBeCloseTo(6, 1);
    expect(t.speechSeconds).toBeGreaterThan(5);
    expect(t.text).toBe("What's the cheapest EC2 purchase option for batch jobs?");
    await expect(transcribeBytes(webm, opts(null, { maxDurationSec: 5 }))).rejects.toThrow(
      /6\.0 s long, over the 5\.0 s limit/,
    );
    await expect(transcribeBytes(webm.subarray(0, 5000), opts(null))).rejects.toThrow(/WebM is truncated/);
  });

  it('handles ten minutes of talk in ≤ 30 s windows, in order, in reasonable time', async () => {
    const bursts: Burst[] = [];
    for (let t = 2; t < 590; t += 20) bursts.push({ startSec: t, endSec: t + 12, amplitude: 0.3, kind: 'speechlike' });
    const pcm = generateSignal({ durationSec: 600, bursts, noiseDb: -55 });
    const rec = new ScriptedRecognizer((i) => `part${i}`);
    const progress: number[] = [];
    const t0 = performance.now();
    const t = await transcribePcm(pcm, opts(rec, { onProgress: (d) => progress.push(d) }));
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(rec.calls.length).toBe(t.windows);
    expect(rec.calls.every((c) => c.length <= 30 * 16000)).toBe(true);
    expect(t.text.split(' ')).toEqual(rec.calls.map((_, i) => `part${i}`));
    expect(progress[progress.length - 1]).toBe(t.windows);
    expect(t.audioSeconds).toBe(600);
  });

  it('fails clearly on bad input, over-long audio, or a cancelled run', async () => {
    await expect(transcribeBytes(new TextEncoder().encode('not audio'), opts(null))).rejects.toBeInstanceOf(
      AudioDecodeError,
    );
    await expect(transcribeFile(join(dir.path, 'nope.wav'), opts(null))).rejects.toThrow(/no such file/);
    await expect(transcribeFile(dir.path, opts(null))).rejects.toThrow(/is not a file/);
    const long = encodeWav(new Float32Array(16000 * 20), 16000);
    await expect(transcribeBytes(long, opts(null, { maxDurationSec: 10 }))).rejects.toThrow(/over the 10\.0 s limit/);
    const big = join(dir.path, 'big.wav');
    writeFileSync(big, long);
    await expect(transcribeFile(big, opts(null, { maxBytes: 1000 }))).rejects.toThrow(/over the 0 MiB limit/);
    const speech = generateSignal({ durationSec: 3, bursts: [{ startSec: 1, endSec: 2, amplitude: 0.3 }] });
    const ac = new AbortController();
    ac.abort(new Error('learner spoke again'));
    await expect(transcribePcm(speech, opts(new ScriptedRecognizer(() => 'x'), { signal: ac.signal }))).rejects.toThrow(
      /learner spoke again/,
    );
  });

  it('propagates a missing model instead of returning nothing', async () => {
    const speech = generateSignal({ durationSec: 3, bursts: [{ startSec: 1, endSec: 2, amplitude: 0.3 }] });
    const o: TranscribeOptions = { recognizer: () => Promise.reject(new Error('model missing')), engineId: 'x' };
    await expect(transcribePcm(speech, o)).rejects.toThrow(/model missing/);
  });
});
