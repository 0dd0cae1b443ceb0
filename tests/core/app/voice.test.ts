// The voice calls of the contract through NimbusServices.dispatch (what IPC and the web bridge
// call): the speech model's status, transcription (a missing model is a typed failure carrying the
// install command; silence never reaches the recognizer; bad and over-long audio get their codes),
// Markdown → speakable sentences, and one sentence → a real WAV from espeak-ng.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { NimbusServices, type LazyServicesOptions } from '../../../electron/core/app/services';
import { defaultContentDir, vendoredTokenizerDir } from '../../../electron/core/paths';
import type { SpeechRecognizer } from '../../../electron/core/voice/recognizer';
import { decodeWav } from '../../../electron/core/voice/wav';
import { encodeWav } from '../../../electron/core/voice/wavEncode';
import { ApiCalls, MAX_VOICE_BASE64_CHARS, type ApiCallName } from '../../../electron/shared/api';
import { SHARED, tempDir } from '../../helpers/engine';

const models = tempDir('voice-models');
afterAll(() => models.cleanup());

function services(voice: LazyServicesOptions['voice'] = {}, extra: Partial<LazyServicesOptions> = {}) {
  return NimbusServices.lazy({
    ...extra,
    contentDir: defaultContentDir(),
    tokenizerDir: vendoredTokenizerDir(),
    dataDir: '/nonexistent-data',
    modelsRoot: models.path,
    // Voice needs no engine session: opening one would fail the test.
    open: async () => {
      throw new Error('the engine must not be opened for voice calls');
    },
    voice,
  });
}

/** Dispatches and checks the answer against the call's result schema. */
async function call<N extends ApiCallName>(s: NimbusServices, name: N, payload: unknown) {
  const r = await s.dispatch(name, payload);
  expect(ApiCalls[name].result.safeParse(r).success, JSON.stringify(r).slice(0, 300)).toBe(true);
  return r;
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const speechWav = readFileSync(join(SHARED, 'eval', 'voice', 'd006.wav'));
const silence = (sec: number, rate = 16000) => encodeWav(new Float32Array(Math.round(sec * rate)), rate);

function fakeRecognizer(text: string) {
  const transcribe = vi.fn<SpeechRecognizer['transcribe']>(async () => ({ text }));
  return { recognizer: { id: 'fake-whisper', transcribe } satisfies SpeechRecognizer, transcribe };
}

describe('voice.status', () => {
  it('reports the missing speech model with its install command, and espeak-ng as the voice', async () => {
    const r = await call(services(), 'voice.status', undefined);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.stt).toMatchObject({ modelId: 'Xenova/whisper-tiny.en', installed: false, installable: true });
    expect(r.value.stt.installCommand).toContain('npm run models -- --hub --only Xenova/whisper-tiny.en');
    expect(r.value.stt.reason).toBeTruthy();
    expect(r.value.stt.sizeBytes).toBeGreaterThan(10_000_000);
    expect(r.value.tts).toMatchObject({ engine: 'espeak-ng', label: 'eSpeak NG', available: true, fallback: null });
    expect(r.value.limits).toEqual({ maxSeconds: 60, sampleRate: 16000 });
  });

  it('says when no voice engine exists, so the renderer uses the browser voice', async () => {
    const s = services({
      chooseEngine: async () => ({
        engine: null,
        candidates: [],
        fallback: 'web-speech',
        summary: 'no voice engine found',
      }),
    });
    const r = await call(s, 'voice.status', undefined);
    expect(r.ok && r.value.tts).toMatchObject({ engine: null, available: false, fallback: 'web-speech' });
    const spoken = await call(s, 'voice.speakSentence', { text: 'Hello there.' });
    expect(spoken).toEqual({ ok: false, error: { code: 'no-speech-engine', message: 'no voice engine found' } });
  });
});

describe('choosing the speech model', () => {
  const BASE = 'Xenova/whisper-base.en';
  it('reports whisper-base.en like tiny.en: missing, installable from the hub, size known only from the hub', async () => {
    const r = await call(services({}, { modelSource: { kind: 'hub' } }), 'voice.status', { modelId: BASE });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.stt).toMatchObject({ modelId: BASE, installed: false, installable: true, sizeBytes: null });
    expect(r.value.stt.installCommand).toBe(`npm run models -- --hub --only ${BASE}`);
  });

  it('says why it cannot be installed when the app installs from a folder', async () => {
    const s = services({}, { modelSource: { kind: 'dir', dir: models.path } });
    const r = await call(s, 'voice.status', { modelId: BASE });
    expect(r.ok && r.value.stt).toMatchObject({
      installable: false,
      reason: expect.stringMatching(/hashes are not pinned/),
    });
    // tiny.en has pinned hashes: a folder can provide it.
    const tiny = await call(s, 'voice.status', { modelId: 'Xenova/whisper-tiny.en' });
    expect(tiny.ok && tiny.value.stt.installable).toBe(true);
  });

  it('transcribes with the chosen model and refuses ids outside the allowed list', async () => {
    const loaded: string[] = [];
    const fake = fakeRecognizer('What is S3?');
    const s = services({
      loadRecognizer: async (id) => {
        loaded.push(id);
        return fake.recognizer;
      },
    });
    expect((await call(s, 'voice.transcribe', { wavBase64: b64(speechWav), modelId: BASE })).ok).toBe(true);
    expect((await call(s, 'voice.transcribe', { wavBase64: b64(speechWav) })).ok).toBe(true);
    expect(loaded).toEqual([BASE, 'Xenova/whisper-tiny.en']);
    const msg = 'The speech model must be one of Xenova/whisper-tiny.en, Xenova/whisper-base.en.';
    for (const [name, payload] of [
      ['voice.status', { modelId: 'Xenova/whisper-small.en' }],
      ['voice.transcribe', { wavBase64: b64(silence(1)), modelId: '../etc' }],
    ] as const) {
      expect(await call(s, name, payload)).toEqual({ ok: false, error: { code: 'invalid-request', message: msg } });
    }
  });
});

describe('voice.transcribe', () => {
  it('without the speech model: a typed failure that says how to install it (speech and silence alike)', async () => {
    const s = services();
    for (const wav of [speechWav, silence(1)]) {
      const r = await call(s, 'voice.transcribe', { wavBase64: b64(wav) });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('speech-model-missing');
      expect(r.error.message).toContain('Xenova/whisper-tiny.en');
      expect(r.error.message).toContain('npm run models -- --hub --only Xenova/whisper-tiny.en');
    }
  });

  it('silence never reaches the recognizer: empty text with a note', async () => {
    const fake = fakeRecognizer('words the model would invent');
    const r = await call(services({ loadRecognizer: async () => fake.recognizer }), 'voice.transcribe', {
      wavBase64: b64(silence(2)),
    });
    expect(r.ok && r.value).toMatchObject({ text: '', audioSeconds: 2, speechSeconds: 0 });
    expect(r.ok && r.value.note).toMatch(/no speech detected/);
    expect(fake.transcribe).not.toHaveBeenCalled();
  });

  it('speech goes to the recognizer and its words are corrected against the notes ("easy two" → EC2)', async () => {
    const fake = fakeRecognizer("What's the cheapest easy two purchase option?");
    const r = await call(services({ loadRecognizer: async () => fake.recognizer }), 'voice.transcribe', {
      wavBase64: b64(speechWav),
    });
    expect(fake.transcribe).toHaveBeenCalledTimes(1);
    // the recognizer got 16 kHz audio of the recording's length
    expect(fake.transcribe.mock.calls[0][0].length / 16000).toBeGreaterThan(3);
    expect(r.ok && r.value).toMatchObject({ engine: 'fake-whisper', audioSeconds: 6.16 });
    expect(r.ok && r.value.text).toBe("What's the cheapest EC2 purchase option?");
    expect(r.ok && r.value.note).toBeUndefined();
  });

  it('bad audio is bad-audio, too long is audio-too-long, oversized or non-base64 is refused by the contract', async () => {
    const s = services({ loadRecognizer: async () => fakeRecognizer('x').recognizer });
    const webm = Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0, 0, 0]);
    const bad = await call(s, 'voice.transcribe', { wavBase64: b64(webm) });
    expect(!bad.ok && bad.error.code).toBe('bad-audio');
    expect(!bad.ok && bad.error.message).toMatch(/WebM/i);

    // 70 s at 8 kHz fits the byte limit but not the duration limit
    const long = await call(s, 'voice.transcribe', { wavBase64: b64(silence(70, 8000)) });
    expect(!long.ok && long.error.code).toBe('audio-too-long');

    const huge = await call(s, 'voice.transcribe', { wavBase64: 'A'.repeat(MAX_VOICE_BASE64_CHARS + 4) });
    expect(!huge.ok && huge.error).toEqual({
      code: 'invalid-request',
      message: 'A voice message must be base64 WAV or WebM/Opus audio of at most 60 s.',
    });
    const junk = await call(s, 'voice.transcribe', { wavBase64: 'not base64!' });
    expect(!junk.ok && junk.error.code).toBe('invalid-request');
  });
});

describe('voice.speakSentences / voice.speakSentence', () => {
  it('splits Markdown into speakable sentences: tables summarised, code announced, acronyms spelled', async () => {
    const md = [
      '**Amazon VPC › Security Groups** [1]',
      '',
      'Security groups are stateful. NACLs are stateless, e.g. return traffic needs a rule.',
      '',
      '| Feature | Security group | NACL |',
      '| --- | --- | --- |',
      '| State | stateful | stateless |',
      '',
      '```bash',
      'aws ec2 describe-security-groups',
      '```',
    ].join('\n');
    const r = await call(services(), 'voice.speakSentences', { markdown: md });
    if (!r.ok) throw new Error(r.error.message);
    const spoken = r.value.sentences.map((s) => s.spoken);
    expect(spoken[0]).toBe('From Security Groups.');
    expect(spoken).toContain('Security groups are stateful.');
    expect(spoken.some((t) => /^nackles are stateless, for example return traffic needs a rule\.$/i.test(t))).toBe(
      true,
    );
    expect(spoken.some((t) => t.startsWith('A table with 1 row comparing Security group and nackle'))).toBe(true);
    expect(spoken.at(-1)).toBe('Here is a bash code example, shown on screen.');
    expect(r.value.sentences.every((s) => s.text.length > 0 || s.spoken.length > 0)).toBe(true);
  });

  it('synthesises one sentence into a real 16-bit mono WAV with espeak-ng; a faster rate is shorter', async () => {
    const s = services();
    const text = 'Amazon S 3 stores objects in buckets.';
    const normal = await call(s, 'voice.speakSentence', { text });
    const fast = await call(s, 'voice.speakSentence', { text, rate: 2 });
    if (!normal.ok || !fast.ok) throw new Error('synthesis failed');
    const audio = decodeWav(new Uint8Array(Buffer.from(normal.value.wavBase64, 'base64')));
    expect(audio.format).toMatchObject({ encoding: 'pcm', bitsPerSample: 16, channels: 1 });
    expect(audio.sampleRate).toBe(normal.value.sampleRate);
    expect(audio.durationSec).toBeGreaterThan(1);
    expect(Math.abs(audio.durationSec * 1000 - normal.value.durationMs)).toBeLessThan(2);
    expect(normal.value.engine).toBe('espeak-ng');
    let peak = 0;
    for (const x of audio.channels[0]) peak = Math.max(peak, Math.abs(x));
    expect(peak).toBeGreaterThan(0.1); // real speech, not silence
    expect(fast.value.durationMs).toBeLessThan(normal.value.durationMs * 0.75);
  });

  it('refuses empty, unspeakable, over-long text and rates out of range', async () => {
    const s = services();
    expect((await call(s, 'voice.speakSentence', { text: '' })).ok).toBe(false);
    const dots = await call(s, 'voice.speakSentence', { text: '... --- ...' });
    expect(!dots.ok && dots.error.code).toBe('nothing-to-say');
    const long = await call(s, 'voice.speakSentence', { text: 'word '.repeat(2000) });
    expect(!long.ok && long.error.code).toBe('invalid-request');
    const rate = await call(s, 'voice.speakSentence', { text: 'Hello.', rate: 3 });
    expect(!rate.ok && rate.error.code).toBe('invalid-request');
  });
});
