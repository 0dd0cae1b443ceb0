// Speaking an answer sentence by sentence: the first sentence's audio is ready after one short
// synthesis, while the following ones are synthesised ahead of playback. Cancelling (barge-in, a
// new question) stops further synthesis at once.

import { concatWav16 } from '../wavEncode';
import { markdownToSpeakable, type SpeakableSentence } from './speakable';
import type { SpeechSynthesizer, SynthesisOptions } from './types';

export interface SpokenSentence extends SpeakableSentence {
  index: number;
  /** Of how many sentences in the whole text. */
  total: number;
  wav: Uint8Array;
  sampleRate: number;
  durationSec: number;
  /** Synthesis time of this sentence. */
  synthMs: number;
}

export interface SpeakOptions extends SynthesisOptions {
  /** Sentences synthesised ahead of the one being played (default 2). */
  lookahead?: number;
}

/** Yields one WAV per sentence, in order. Errors are thrown, never swallowed. */
export async function* speakMarkdown(
  markdown: string,
  synth: SpeechSynthesizer,
  opts: SpeakOptions = {},
): AsyncGenerator<SpokenSentence, void, undefined> {
  const sentences = markdownToSpeakable(markdown);
  yield* speakSentences(sentences, synth, opts);
}

export async function* speakSentences(
  sentences: SpeakableSentence[],
  synth: SpeechSynthesizer,
  opts: SpeakOptions = {},
): AsyncGenerator<SpokenSentence, void, undefined> {
  const lookahead = Math.max(0, opts.lookahead ?? 2);
  const { signal } = opts;
  const pending: Promise<SpokenSentence>[] = [];
  let next = 0;
  const start = (): void => {
    const index = next++;
    const s = sentences[index];
    const t0 = performance.now();
    const p = synth
      .synthesize(s.spoken, { rate: opts.rate, voice: opts.voice, signal })
      .then((r) => ({ ...s, index, total: sentences.length, ...r, synthMs: performance.now() - t0 }));
    p.catch(() => undefined); // observed when awaited; this only prevents an unhandled rejection if we stop early
    pending.push(p);
  };
  try {
    // the first sentence alone, so it does not share the CPU with the ones after it
    if (sentences.length) start();
    while (pending.length) {
      signal?.throwIfAborted();
      const done = await (pending.shift() as Promise<SpokenSentence>);
      signal?.throwIfAborted();
      // keep `lookahead` sentences in synthesis while this one plays
      while (next < sentences.length && pending.length < Math.max(1, lookahead)) start();
      yield done;
    }
  } finally {
    pending.length = 0;
  }
}

/** The whole text as one WAV (the CLI's `speak --out`), with short pauses between sentences. */
export async function synthesizeMarkdown(
  markdown: string,
  synth: SpeechSynthesizer,
  opts: SpeakOptions = {},
): Promise<{ wav: Uint8Array; sentences: number; durationSec: number; firstAudioMs: number; ms: number }> {
  const t0 = performance.now();
  const parts: Uint8Array[] = [];
  let rate = 0;
  let firstAudioMs = 0;
  for await (const s of speakMarkdown(markdown, synth, opts)) {
    if (parts.length === 0) firstAudioMs = performance.now() - t0;
    if (rate && s.sampleRate !== rate) throw new Error(`${synth.id} changed sample rate between sentences`);
    rate = s.sampleRate;
    parts.push(s.wav);
  }
  if (parts.length === 0) throw new RangeError('nothing to say: the text has no speakable words');
  const gap = 0.25;
  const wav = concatWav16(parts, rate, gap);
  const durationSec = (wav.length - 44) / 2 / rate;
  return { wav, sentences: parts.length, durationSec, firstAudioMs, ms: performance.now() - t0 };
}
