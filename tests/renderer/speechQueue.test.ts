// The speaker's queue without a browser: a fake voice API and a fake sink that records what it
// plays and finishes each sentence when the test says so.
import { describe, expect, it, vi } from 'vitest';
import type { NimbusApi, Result, SpokenSentenceDto } from '../../electron/shared/api';
import { bytesToBase64 } from '../../renderer/src/voice/clip';
import { SpeechQueue, type AudioSink, type SpeakerState, type TextSink } from '../../renderer/src/voice/speechQueue';
import { err, ok } from './fakeApi';

type VoiceApi = Pick<NimbusApi['voice'], 'speakSentences' | 'speakSentence'>;
const wavOf = (text: string) => bytesToBase64(new TextEncoder().encode(text));
const flush = () => new Promise((r) => setTimeout(r, 0));

function setup(o: { failOn?: string; engineMissing?: boolean } = {}) {
  const synthesised: string[] = [];
  const api: VoiceApi = {
    speakSentences: vi.fn<VoiceApi['speakSentences']>(async ({ markdown }) =>
      ok({ sentences: markdown.split('|').map((t) => ({ text: t, spoken: `spoken ${t}` })) }),
    ),
    speakSentence: vi.fn<VoiceApi['speakSentence']>(async ({ text }): Promise<Result<SpokenSentenceDto>> => {
      synthesised.push(text);
      if (o.engineMissing) return err('no engine', 'no-speech-engine');
      if (o.failOn && text.includes(o.failOn)) return err('espeak-ng exited with code 1', 'speech-failed');
      return ok({ wavBase64: wavOf(text), sampleRate: 22050, durationMs: 500, engine: 'espeak-ng' });
    }),
  };
  const played: string[] = [];
  const pending: (() => void)[] = [];
  const sink: AudioSink = {
    play: (wav, signal) =>
      new Promise<void>((resolve) => {
        played.push(new TextDecoder().decode(wav));
        pending.push(resolve);
        signal.addEventListener('abort', () => resolve());
      }),
  };
  const states: SpeakerState[] = [];
  const web = vi.fn<TextSink>(async () => {});
  const q = new SpeechQueue({ api, sink, rate: () => 1.25, onState: (s) => states.push(s), webSpeech: web });
  /** Ends the sentence playing now. */
  const end = async () => {
    await flush();
    pending.shift()?.();
    await flush();
  };
  return { q, api, played, synthesised, states, end, web };
}

describe('SpeechQueue', () => {
  it('plays parts and their sentences in order, synthesising the next sentence while one plays', async () => {
    const s = setup();
    const done = s.q.speak([
      { key: 'm1', markdown: 'One.|Two.' },
      { key: 'm2', markdown: 'Three.' },
    ]);
    await flush();
    expect(s.played).toEqual(['spoken One.']);
    // sentence two is already being synthesised while sentence one plays
    expect(s.synthesised).toEqual(['spoken One.', 'spoken Two.']);
    expect(s.api.speakSentence).toHaveBeenCalledWith({ text: 'spoken One.', rate: 1.25 });
    expect(s.states.at(-1)).toMatchObject({ key: 'm1', status: 'playing', sentence: 0, total: 2 });
    await s.end();
    expect(s.played).toEqual(['spoken One.', 'spoken Two.']);
    await s.end();
    expect(s.states.at(-1)).toMatchObject({ key: 'm2', status: 'playing' });
    await s.end();
    expect(await done).toBe('done');
    expect(s.played).toEqual(['spoken One.', 'spoken Two.', 'spoken Three.']);
    expect(s.states.at(-1)).toMatchObject({ key: null, status: 'idle', error: null });
  });

  it('stop cancels at once: nothing more is synthesised or played, and the run settles as stopped', async () => {
    const s = setup();
    const done = s.q.speak([
      { key: 'm1', markdown: 'A.|B.|C.|D.' },
      { key: 'm2', markdown: 'E.' },
    ]);
    await flush();
    s.q.stop();
    expect(await done).toBe('stopped');
    await s.end();
    expect(s.played).toEqual(['spoken A.']);
    expect(s.synthesised.length).toBeLessThanOrEqual(2);
    expect(s.q.speaking).toBe(false);
    expect(s.states.at(-1)).toMatchObject({ key: null, status: 'idle' });
  });

  it('a new speak replaces what plays; append queues after it', async () => {
    const s = setup();
    const first = s.q.speak([{ key: 'm1', markdown: 'Old.' }]);
    await flush();
    const second = s.q.speak([{ key: 'm2', markdown: 'New.' }]);
    expect(await first).toBe('stopped');
    const appended = s.q.speak([{ key: 'm3', markdown: 'Later.' }], { append: true });
    await s.end(); // the aborted "Old." sentence's resolver
    await s.end();
    await s.end();
    expect(await second).toBe('done');
    expect(await appended).toBe('done');
    expect(s.played).toEqual(['spoken Old.', 'spoken New.', 'spoken Later.']);
  });

  it('a failed synthesis ends the run as failed, with the engine’s message in the state', async () => {
    const s = setup({ failOn: 'Bad' });
    const done = s.q.speak([{ key: 'm1', markdown: 'Good.|Bad.|Never.' }]);
    await s.end();
    expect(await done).toBe('failed');
    expect(s.played).toEqual(['spoken Good.']);
    expect(s.states.at(-1)).toEqual({
      key: null,
      status: 'idle',
      sentence: 0,
      total: 0,
      error: 'espeak-ng exited with code 1',
    });
  });

  it('without a voice engine in core, sentences go to the browser’s speech synthesis', async () => {
    const s = setup({ engineMissing: true });
    expect(await s.q.speak([{ key: 'm1', markdown: 'One.|Two.' }])).toBe('done');
    expect(s.web.mock.calls.map((c) => [c[0], c[1]])).toEqual([
      ['spoken One.', 1.25],
      ['spoken Two.', 1.25],
    ]);
    expect(s.played).toEqual([]);
  });
});
