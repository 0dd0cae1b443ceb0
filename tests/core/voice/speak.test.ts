import { describe, expect, it } from 'vitest';
import { speakMarkdown, speakSentences, synthesizeMarkdown } from '../../../electron/core/voice/tts/speak';
import { EspeakSynthesizer } from '../../../electron/core/voice/tts/espeak';
import type { Synthesis, SpeechSynthesizer } from '../../../electron/core/voice/tts/types';
import { encodeWav } from '../../../electron/core/voice/wavEncode';
import { decodeWav } from '../../../electron/core/voice/wav';

/** A synthesizer whose calls finish only when the test says so. */
class ManualSynth implements SpeechSynthesizer {
  readonly id = 'manual';
  readonly label = 'Manual';
  started: string[] = [];
  private waiting = new Map<string, (s: Synthesis) => void>();
  available = async () => true;
  synthesize(text: string): Promise<Synthesis> {
    this.started.push(text);
    return new Promise((resolve) => this.waiting.set(text, resolve));
  }
  finish(text: string) {
    this.waiting.get(text)?.({ wav: encodeWav(new Float32Array(1000), 10000), sampleRate: 10000, durationSec: 0.1 });
  }
}

const tick = () => new Promise((r) => setTimeout(r, 5));
const sentences = ['One.', 'Two.', 'Three.', 'Four.'].map((t) => ({ text: t, spoken: t }));

describe('speaking sentence by sentence', () => {
  it('yields the first sentence as soon as it is ready, synthesising only a little ahead', async () => {
    const synth = new ManualSynth();
    const it = speakSentences(sentences, synth, { lookahead: 1 });
    const first = it.next();
    await tick();
    expect(synth.started).toEqual(['One.']); // the first alone, so it gets the CPU
    synth.finish('One.');
    expect((await first).value).toMatchObject({ index: 0, total: 4, text: 'One.' });
    await tick();
    expect(synth.started).toEqual(['One.', 'Two.']); // one ahead while "One." plays
    const second = it.next();
    synth.finish('Two.');
    expect((await second).value?.index).toBe(1);
    await it.return(undefined);
  });

  it('stops at once when cancelled (barge-in) and surfaces engine errors', async () => {
    const synth = new ManualSynth();
    const ac = new AbortController();
    const it = speakSentences(sentences, synth, { signal: ac.signal });
    const first = it.next();
    await tick();
    synth.finish('One.');
    await first;
    ac.abort(new Error('learner started talking'));
    await expect(it.next()).rejects.toThrow(/learner started talking/);
    const broken: SpeechSynthesizer = {
      id: 'broken',
      label: 'Broken',
      available: async () => true,
      synthesize: async () => {
        throw new Error('engine crashed');
      },
    };
    await expect(synthesizeMarkdown('Hello there.', broken)).rejects.toThrow(/engine crashed/);
    await expect(synthesizeMarkdown('```\nonly code? no\n```', broken)).rejects.toThrow(/engine crashed/);
  });

  it('speaks a real answer with espeak-ng: first audio early, the whole far faster than real time', async () => {
    const espeak = new EspeakSynthesizer();
    await espeak.synthesize('warm up');
    const md = [
      '**Amazon Simple Storage Service (Amazon S3) › Storage Classes** [1]',
      '',
      '- **S3 Standard**: General-purpose storage for frequently accessed data.',
      '- **S3 Standard-IA**: For data accessed less often but requiring rapid access when needed.',
      '- **S3 Glacier**: Low-cost storage for archiving, with retrieval times from minutes to hours.',
      '',
      'Lifecycle policies move objects between classes automatically, e.g. after 30 days.',
    ].join('\n');
    const t0 = performance.now();
    let firstMs = -1;
    let audio = 0;
    let n = 0;
    for await (const s of speakMarkdown(md, espeak)) {
      if (firstMs < 0) firstMs = performance.now() - t0;
      audio += s.durationSec;
      n++;
      expect(decodeWav(s.wav).durationSec).toBeCloseTo(s.durationSec, 3);
    }
    const total = (performance.now() - t0) / 1000;
    expect(n).toBe(5);
    // the bench holds the 150 ms target on a quiet machine; here other test files share the CPU
    expect(firstMs).toBeLessThan(500);
    expect(firstMs).toBeLessThan((total * 1000) / 2);
    expect(audio / total).toBeGreaterThan(10);
    const whole = await synthesizeMarkdown(md, espeak, { rate: 1.5 });
    expect(whole.sentences).toBe(5);
    expect(whole.durationSec).toBeLessThan(audio); // faster speech, even with pauses added
    expect(decodeWav(whole.wav).durationSec).toBeCloseTo(whole.durationSec, 3);
  });
});
