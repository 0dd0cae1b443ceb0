// Call mode's ear: end-of-utterance detection and barge-in on a live 16 kHz microphone stream.
// Wraps the VAD, keeps a short pre-roll so the first syllable is not clipped, collects each
// utterance's audio, and raises "barge-in" when the learner starts talking over the tutor (the UI
// stops playback on it). While the tutor speaks, onset needs more level and a longer run, so the
// tutor's own voice leaking back into the microphone (echo cancellation is never perfect) does
// not interrupt it.

import { VoiceActivityDetector, type VadOptions } from './vad';

export interface EndpointerOptions {
  vad: Partial<VadOptions>;
  /** Audio kept from before the detected start (ms). */
  preRollMs: number;
  /** Audio kept after the detected end (ms). */
  tailMs: number;
  /** While the tutor is speaking: extra onset level (dB) and minimum speech before barge-in (ms). */
  bargeInExtraDb: number;
  bargeInMinSpeechMs: number;
}

export const DEFAULT_ENDPOINTER_OPTIONS: EndpointerOptions = {
  vad: {},
  preRollMs: 300,
  tailMs: 150,
  bargeInExtraDb: 6,
  bargeInMinSpeechMs: 250,
};

export type EndpointEvent =
  | { type: 'speech-start'; startSec: number; atSec: number }
  /** The learner started talking while the tutor was speaking: stop the tutor now. */
  | { type: 'barge-in'; startSec: number; atSec: number }
  /** End of an utterance, with its audio (pre-roll and tail included), ready to transcribe. */
  | { type: 'utterance'; startSec: number; endSec: number; atSec: number; forced: boolean; pcm: Float32Array };

export type EndpointListener = (e: EndpointEvent) => void;

export class Endpointer {
  readonly options: EndpointerOptions;
  private readonly vad: VoiceActivityDetector;
  private readonly sampleRate: number;
  /** Everything since (start − pre-roll) while in speech; only the pre-roll otherwise. */
  private chunks: Float32Array[] = [];
  private chunksStartSample = 0;
  private consumed = 0;
  private tutorSpeaking = false;
  private readonly listeners = new Set<EndpointListener>();

  constructor(opts: Partial<Omit<EndpointerOptions, 'vad'>> & { vad?: Partial<VadOptions> } = {}) {
    this.options = { ...DEFAULT_ENDPOINTER_OPTIONS, ...opts, vad: { ...opts.vad } };
    this.vad = new VoiceActivityDetector(this.options.vad);
    this.sampleRate = this.vad.options.sampleRate;
  }

  /** Subscribe; returns the unsubscribe function. */
  on(listener: EndpointListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Tell the endpointer when the tutor's voice starts and stops playing. */
  setTutorSpeaking(speaking: boolean): void {
    this.tutorSpeaking = speaking;
    this.vad.setSensitivity(
      speaking ? { extraOnsetDb: this.options.bargeInExtraDb, minSpeechMs: this.options.bargeInMinSpeechMs } : {},
    );
  }

  get isTutorSpeaking(): boolean {
    return this.tutorSpeaking;
  }

  get learnerSpeaking(): boolean {
    return this.vad.speaking;
  }

  /** Feed microphone samples (16 kHz mono unless the VAD options say otherwise). */
  push(samples: Float32Array): EndpointEvent[] {
    this.chunks.push(Float32Array.from(samples));
    this.consumed += samples.length;
    const out: EndpointEvent[] = [];
    for (const e of this.vad.push(samples)) {
      if (e.type === 'speech-start') {
        out.push({ type: 'speech-start', startSec: e.startSec, atSec: e.atSec });
        if (this.tutorSpeaking) out.push({ type: 'barge-in', startSec: e.startSec, atSec: e.atSec });
      } else {
        out.push({ ...e, type: 'utterance', pcm: this.cut(e.startSec, e.endSec) });
      }
    }
    if (!this.vad.speaking) this.trimToPreRoll();
    for (const e of out) for (const l of this.listeners) l(e);
    return out;
  }

  /** End of the stream (the call ended): an open utterance is delivered as it is. */
  flush(): EndpointEvent[] {
    const out: EndpointEvent[] = [];
    for (const e of this.vad.flush()) {
      if (e.type === 'speech-end')
        out.push({ ...e, type: 'utterance', forced: true, pcm: this.cut(e.startSec, e.endSec) });
    }
    this.trimToPreRoll();
    for (const e of out) for (const l of this.listeners) l(e);
    return out;
  }

  private cut(startSec: number, endSec: number): Float32Array {
    const from = Math.max(
      this.chunksStartSample,
      Math.round((startSec * 1000 - this.options.preRollMs) * (this.sampleRate / 1000)),
    );
    const to = Math.min(this.consumed, Math.round((endSec * 1000 + this.options.tailMs) * (this.sampleRate / 1000)));
    const out = new Float32Array(Math.max(0, to - from));
    let pos = this.chunksStartSample;
    for (const c of this.chunks) {
      const a = Math.max(from, pos);
      const b = Math.min(to, pos + c.length);
      if (b > a) out.set(c.subarray(a - pos, b - pos), a - from);
      pos += c.length;
    }
    return out;
  }

  /** Between utterances only the pre-roll (plus the VAD's minimum speech run) needs keeping. */
  private trimToPreRoll(): void {
    const keep = Math.round(((this.options.preRollMs + 1000) * this.sampleRate) / 1000);
    while (this.chunks.length > 1 && this.consumed - (this.chunksStartSample + this.chunks[0].length) >= keep) {
      this.chunksStartSample += this.chunks[0].length;
      this.chunks.shift();
    }
  }
}
