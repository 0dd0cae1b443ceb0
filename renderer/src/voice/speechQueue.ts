/**
 * Speaking Markdown aloud, sentence by sentence, over a request/response bridge: ask for the
 * sentences, then synthesise sentence n+1 while sentence n plays, so speech starts after one short
 * synthesis instead of the whole answer's. Parts (messages) play in order; stop() cancels what is
 * pending at once (barge-in, the play button pressed again). No React here: useSpeaker wraps it.
 */
import type { NimbusApi } from '../../../electron/shared/api';
import { base64ToBytes } from './clip';

export interface SpeakPart {
  /** Which message this is (its play button shows Stop while it plays). */
  key: string;
  markdown: string;
}

export type SpeakOutcome = 'done' | 'stopped' | 'failed';

export interface SpeakerState {
  key: string | null;
  status: 'idle' | 'loading' | 'playing';
  /** The sentence playing (0-based) of `total` in this part. */
  sentence: number;
  total: number;
  error: string | null;
}

export const IDLE: SpeakerState = { key: null, status: 'idle', sentence: 0, total: 0, error: null };

/** Plays one WAV; resolves when it has ended (or the signal aborted it). */
export interface AudioSink {
  play(wav: Uint8Array, signal: AbortSignal): Promise<void>;
}

/** Speaks one sentence with the browser's own voice (when core has no engine). */
export type TextSink = (text: string, rate: number, signal: AbortSignal) => Promise<void>;

export interface SpeechQueueOptions {
  api: Pick<NimbusApi['voice'], 'speakSentences' | 'speakSentence'>;
  sink: AudioSink;
  rate: () => number;
  onState: (s: SpeakerState) => void;
  /** The fallback when core answers 'no-speech-engine'. */
  webSpeech?: TextSink | null;
}

interface Run {
  parts: SpeakPart[];
  abort: AbortController;
  done: Promise<SpeakOutcome>;
}

export class SpeechQueue {
  private run: Run | null = null;

  constructor(private readonly o: SpeechQueueOptions) {}

  get speaking(): boolean {
    return this.run !== null;
  }

  /** Replaces what is playing (or, with append, queues after it); settles when the queue ends. */
  speak(parts: SpeakPart[], opts: { append?: boolean } = {}): Promise<SpeakOutcome> {
    if (opts.append && this.run) {
      this.run.parts.push(...parts);
      return this.run.done;
    }
    this.stop();
    const run: Run = { parts: [...parts], abort: new AbortController(), done: Promise.resolve('done') };
    this.run = run;
    run.done = this.play(run);
    return run.done;
  }

  stop(): void {
    const r = this.run;
    if (!r) return;
    this.run = null;
    r.abort.abort();
    this.o.onState(IDLE);
  }

  private async play(run: Run): Promise<SpeakOutcome> {
    const { signal } = run.abort;
    let outcome: SpeakOutcome = 'done';
    try {
      for (let part = run.parts.shift(); part && !signal.aborted; part = run.parts.shift()) {
        if (!(await this.playPart(part, signal))) {
          outcome = 'failed';
          break;
        }
      }
    } catch (e) {
      if (!signal.aborted) {
        this.o.onState({ ...IDLE, error: e instanceof Error ? e.message : String(e) });
        outcome = 'failed';
      }
    }
    if (signal.aborted) return 'stopped';
    if (this.run === run) this.run = null;
    if (outcome === 'done') this.o.onState(IDLE);
    return outcome;
  }

  /** False (with the error in the state) when it could not be spoken. */
  private async playPart(part: SpeakPart, signal: AbortSignal): Promise<boolean> {
    const fail = (error: string): false => {
      if (!signal.aborted) this.o.onState({ ...IDLE, error });
      return false;
    };
    this.o.onState({ key: part.key, status: 'loading', sentence: 0, total: 0, error: null });
    const listed = await this.o.api.speakSentences({ markdown: part.markdown });
    if (signal.aborted) return true;
    if (!listed.ok) return fail(listed.error.message);
    const sentences = listed.value.sentences;
    const rate = this.o.rate();
    const synth = (i: number) => this.o.api.speakSentence({ text: sentences[i].spoken.slice(0, 5000), rate });
    let next = sentences.length ? synth(0) : null;
    for (let i = 0; i < sentences.length && next; i++) {
      const r = await next;
      if (signal.aborted) return true;
      // the next sentence is synthesised while this one plays
      next = i + 1 < sentences.length ? synth(i + 1) : null;
      next?.catch(() => undefined);
      this.o.onState({ key: part.key, status: 'playing', sentence: i, total: sentences.length, error: null });
      if (r.ok) await this.o.sink.play(base64ToBytes(r.value.wavBase64), signal);
      else if (r.error.code === 'no-speech-engine' && this.o.webSpeech)
        await this.o.webSpeech(sentences[i].spoken, rate, signal);
      else return fail(r.error.message);
      if (signal.aborted) return true;
    }
    return true;
  }
}

/** The page's <audio> element as the sink: one element, one blob: URL per sentence (CSP media-src blob:). */
export function elementSink(element: () => HTMLAudioElement | null): AudioSink {
  return {
    play(wav, signal) {
      const el = element();
      if (!el) return Promise.reject(new Error('No audio output is available.'));
      const url = URL.createObjectURL(new Blob([wav as Uint8Array<ArrayBuffer>], { type: 'audio/wav' }));
      return new Promise<void>((resolve, reject) => {
        const finish = (error?: Error): void => {
          el.removeEventListener('ended', onEnded);
          el.removeEventListener('error', onError);
          signal.removeEventListener('abort', onAbort);
          URL.revokeObjectURL(url);
          if (error) reject(error);
          else resolve();
        };
        const onEnded = (): void => finish();
        const onError = (): void => finish(new Error('The audio could not be played.'));
        const onAbort = (): void => {
          el.pause();
          finish();
        };
        el.addEventListener('ended', onEnded);
        el.addEventListener('error', onError);
        signal.addEventListener('abort', onAbort);
        el.src = url;
        Promise.resolve(el.play()).catch((e: unknown) =>
          finish(new Error(`Playback was blocked: ${e instanceof Error ? e.message : String(e)}`)),
        );
      });
    },
  };
}

/** The browser's speech synthesis, when there is one. */
export function webSpeechSink(): TextSink | null {
  if (typeof window === 'undefined' || !('speechSynthesis' in window)) return null;
  return (text, rate, signal) =>
    new Promise<void>((resolve) => {
      const u = new SpeechSynthesisUtterance(text);
      u.rate = rate;
      const done = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        window.speechSynthesis.cancel();
        done();
      };
      u.onend = done;
      u.onerror = done;
      signal.addEventListener('abort', onAbort);
      window.speechSynthesis.speak(u);
    });
}
