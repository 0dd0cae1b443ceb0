import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestEngine, tempDir } from '../helpers/engine';
import { audioAskRecord } from '../../electron/cli/voice';
import { runCli } from '../helpers/cli';
import { encodeWav } from '../../electron/core/voice/wavEncode';
import { decodeWav } from '../../electron/core/voice/wav';
import { generateSignal } from '../../electron/core/voice/signals';

// The voice commands as a user runs them. No speech weights exist here, so speech input ends in
// exit 3 with the install command; everything before the model (decoding, VAD) is exercised.
const models = tempDir('cli-voice-models');
const data = tempDir('cli-voice-data');
const files = tempDir('cli-voice-files');
const dirs = { dataDir: data.path, modelsDir: models.path };
const cli = (args: string[], input?: string) => runCli(dirs, args, input);
const f = (name: string) => join(files.path, name);
const noStack = (err: string) => expect(err).not.toMatch(/\bat .*\.ts:\d+/);
// Chromium's MediaRecorder recording of d006.wav (tests/fixtures/voice/makeWebm.mjs)
const WEBM = join(import.meta.dirname, '../fixtures/voice/d006.webm');

beforeAll(() => {
  writeFileSync(f('notes.txt'), 'this is text, not audio');
  writeFileSync(f('clip.ogg'), Uint8Array.from([0x4f, 0x67, 0x67, 0x53, 0, 2, 0, 0, 0, 0, 0, 0]));
  writeFileSync(f('empty.wav'), new Uint8Array(0));
  writeFileSync(f('silent.wav'), encodeWav(new Float32Array(16000 * 3), 16000));
  writeFileSync(f('truncated.wav'), encodeWav(new Float32Array(16000), 16000).subarray(0, 5000));
  writeFileSync(
    f('clip.webm'),
    Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81]),
  );
  execFileSync('espeak-ng', ['-w', f('question.wav'), 'What is the difference between a security group and a NACL?']);
  // ten minutes: quiet room with a few spoken-like bursts, 16-bit at 16 kHz (≈ 19 MB)
  const bursts = [60, 250, 480].map((t) => ({
    startSec: t,
    endSec: t + 5,
    amplitude: 0.3,
    kind: 'speechlike' as const,
  }));
  writeFileSync(f('ten-minutes.wav'), encodeWav(generateSignal({ durationSec: 600, bursts, noiseDb: -60 }), 16000));
  writeFileSync(
    f('ten-minutes-silent.wav'),
    encodeWav(generateSignal({ durationSec: 600, bursts: [], noiseDb: -65 }), 16000),
  );
});
afterAll(() => {
  models.cleanup();
  data.cleanup();
  files.cleanup();
});

describe('transcribe', () => {
  it('rejects what is not usable audio with exit 2 and one clear line', () => {
    const cases: [string, RegExp][] = [
      ['notes.txt', /not a WAV or WebM file/],
      ['empty.wav', /empty \(0 bytes\)/],
      ['truncated.wav', /truncated/],
      ['clip.webm', /WebM is truncated inside its EBML header/],
      ['clip.ogg', /Ogg audio, which cannot be read: use WAV or WebM\/Opus/],
      ['missing.wav', /no such file/],
    ];
    for (const [name, msg] of cases) {
      const r = cli(['transcribe', f(name)]);
      expect(r.code, name).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.out).toBe('');
      noStack(r.err);
    }
    const none = cli(['transcribe']);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/give a WAV or WebM\/Opus file/);
  });

  it('returns empty text and a note for silence (no model needed, no hallucination)', () => {
    const r = cli(['transcribe', f('silent.wav')]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(j)).toEqual(['text', 'ms', 'audioSeconds', 'engine', 'note']);
    expect(j).toMatchObject({ text: '', audioSeconds: 3, engine: 'Xenova/whisper-tiny.en' });
    expect(j.note).toMatch(/no speech detected/);
  });

  it('exits 3 with the install command when speech needs the missing model', () => {
    const r = cli(['transcribe', f('question.wav')]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/speech model Xenova\/whisper-tiny\.en is not installed/);
    expect(r.err).toMatch(/npm run models -- --hub --only Xenova\/whisper-tiny\.en/);
    noStack(r.err);
    // base.en is selectable: missing like tiny.en, installable from the hub only (hub-attested hashes).
    const base = cli(['transcribe', f('question.wav'), '--model', 'Xenova/whisper-base.en']);
    expect(base.code).toBe(3);
    expect(base.err).toMatch(/speech model Xenova\/whisper-base\.en is not installed/);
    expect(base.err).toMatch(/npm run models -- --hub --only Xenova\/whisper-base\.en/);
    expect(base.err).not.toMatch(/MODELS_DIR/);
    noStack(base.err);
    expect(cli(['transcribe', f('question.wav'), '--model', 'bad id']).code).toBe(2);
  });

  it('takes a browser-recorded WebM/Opus file like a WAV: decoded, speech found, then the model is needed', () => {
    const r = cli(['transcribe', WEBM]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/speech model Xenova\/whisper-tiny\.en is not installed/);
    expect(r.err).toMatch(/npm run models -- --hub --only Xenova\/whisper-tiny\.en/);
    expect(r.err).not.toMatch(/WebM/);
    noStack(r.err);
  });

  it('gets through ten minutes of audio quickly: silence → empty text, speech → the model is needed', () => {
    const t0 = Date.now();
    const silent = cli(['transcribe', f('ten-minutes-silent.wav')]);
    expect(silent.code).toBe(0);
    expect(JSON.parse(silent.out)).toMatchObject({ text: '', audioSeconds: 600 });
    const talk = cli(['transcribe', f('ten-minutes.wav')]);
    expect(talk.code).toBe(3);
    expect(Date.now() - t0).toBeLessThan(40_000);
  });
});

describe('ask --audio', () => {
  it('needs speech: silence is exit 2, speech without the model exit 3', () => {
    const silent = cli(['ask', '--audio', f('silent.wav')]);
    expect(silent.code).toBe(2);
    expect(silent.err).toMatch(/no speech detected.*nothing to ask/);
    const speech = cli(['ask', '--audio', f('question.wav')]);
    expect(speech.code).toBe(3);
    expect(speech.err).toMatch(/npm run models/);
    const webm = cli(['ask', '--audio', WEBM]);
    expect(webm.code).toBe(3);
    expect(webm.err).toMatch(/npm run models/);
  });
});

describe('ask --audio record', () => {
  it('is the ask --jsonl record (scorer format) plus the transcript and speech timing', async () => {
    const eng = tempDir('cli-voice-engine');
    try {
      const engine = await openTestEngine({ dataDir: eng.path, modelsRoot: eng.path });
      const rec = await audioAskRecord(engine, 'd006', {
        text: "What's the cheapest EC2 purchase option for batch jobs that don't mind being interrupted?",
        rawText: '',
        ms: 812.5,
        audioSeconds: 6.16,
        speechSeconds: 5.4,
        engine: 'Xenova/whisper-tiny.en',
        windows: 1,
        corrections: [],
      });
      expect(Object.keys(rec)).toEqual([
        'id',
        'abstained',
        'answer',
        'citations',
        'hits',
        'ms',
        'transcript',
        'speech',
      ]);
      expect(rec.id).toBe('d006');
      expect(rec.abstained).toBe(false);
      expect(rec.answer).toMatch(/Spot/);
      expect(rec.speech).toEqual({ ms: 812.5, audioSeconds: 6.16, engine: 'Xenova/whisper-tiny.en' });
    } finally {
      eng.cleanup();
    }
  });
});

describe('speak', () => {
  it('writes the spoken text (Markdown welcome) as a WAV and reports on it', () => {
    const out = f('answer.wav');
    const r = cli([
      'speak',
      'Amazon **S3** stores objects [1]. EC2 runs virtual servers.',
      '--out',
      out,
      '--rate',
      '1.2',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      out: string;
      engine: string;
      sentences: number;
      audioSeconds: number;
      firstAudioMs: number;
    };
    expect(j).toMatchObject({ out, engine: 'espeak-ng', sentences: 2 });
    expect(j.firstAudioMs).toBeLessThan(1000);
    const audio = decodeWav(readFileSync(out));
    expect(audio.durationSec).toBeCloseTo(j.audioSeconds, 2);
    const sox = spawnSync('sox', [out, '-n', 'stat'], { encoding: 'utf8' });
    expect(Number(/Length \(seconds\):\s+([\d.]+)/.exec(sox.stderr)?.[1])).toBeCloseTo(j.audioSeconds, 2);
    expect(Number(/RMS\s+amplitude:\s+([\d.]+)/.exec(sox.stderr)?.[1])).toBeGreaterThan(0.02);
  });

  it('reads text from stdin with "-", and fails clearly on bad usage', () => {
    const fromStdin = cli(['speak', '-', '--out', f('stdin.wav')], '| A | B |\n|---|---|\n| 1 | 2 |\n');
    expect(fromStdin.code).toBe(0);
    expect(JSON.parse(fromStdin.out).sentences).toBe(2);
    const noOut = cli(['speak', 'hello']);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toMatch(/--out FILE\.wav/);
    const badRate = cli(['speak', 'hello', '--out', f('x.wav'), '--rate', '5']);
    expect(badRate.code).toBe(2);
    expect(badRate.err).toMatch(/--rate must be a number from 0\.5 to 2/);
    expect(cli(['speak', '  ', '--out', f('x.wav')]).code).toBe(2);
  });

  it('is listed in the help text', () => {
    const r = cli(['--help']);
    expect(r.out).toMatch(/transcribe FILE\.wav/);
    expect(r.out).toMatch(/ask --audio FILE\.wav/);
    expect(r.out).toMatch(/speak "text" --out/);
  });
});
