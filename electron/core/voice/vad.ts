// Voice activity detection from frame energy and zero-crossing rate against an adaptive noise
// floor, with hysteresis, a minimum speech run before "speech-start" and a minimum silence run
// (the hangover: shorter pauses stay inside the utterance) before "speech-end". Streaming: feed
// any block size (an AudioWorklet's 128 samples, a whole file) and get events with times.

export interface VadOptions {
  sampleRate: number;
  /** Analysis frame length (non-overlapping). */
  frameMs: number;
  /** A frame starts speech when this far above the noise floor (dB)… */
  onsetDb: number;
  /** …and keeps it going while this far above (hysteresis). */
  offsetDb: number;
  /** Nothing quieter than this (dBFS, full-scale sine = −3) is ever speech. */
  absSpeechDb: number;
  /** Zero-crossing rate (crossings per sample) that marks fricatives (s, f, sh)… */
  fricativeZcr: number;
  /** …which count as speech this far above the floor, although they carry little energy. */
  fricativeDb: number;
  /** Speech must last this long before "speech-start" (rejects clicks and knocks). */
  minSpeechMs: number;
  /** Silence this long ends an utterance; shorter pauses are bridged. */
  minSilenceMs: number;
  /** The noise floor is the quietest frame of this recent window of non-speech audio. */
  floorWindowMs: number;
  /** For the first 250 ms the floor is at most this (dBFS). */
  initialFloorDb: number;
  /**
   * "Speech" with no frame near the floor for this long is a louder room (a fan came on), not a
   * voice: the floor moves up to it. Speech always has pauses between words well within this.
   */
  stationaryMs: number;
  /** An utterance is cut here even without a pause (Whisper's 30 s window). */
  maxUtteranceMs: number;
}

export const DEFAULT_VAD_OPTIONS: VadOptions = {
  sampleRate: 16000,
  frameMs: 10,
  onsetDb: 12,
  offsetDb: 7,
  absSpeechDb: -55,
  fricativeZcr: 0.25,
  fricativeDb: 5,
  minSpeechMs: 100,
  minSilenceMs: 600,
  floorWindowMs: 1500,
  initialFloorDb: -45,
  stationaryMs: 8000,
  maxUtteranceMs: 30_000,
};

export type VadEvent =
  | { type: 'speech-start'; startSec: number; atSec: number }
  | { type: 'speech-end'; startSec: number; endSec: number; atSec: number; forced: boolean };

export interface SpeechSegment {
  startSec: number;
  endSec: number;
}

const SILENT_DB = -100;
/** How long the initial floor cap holds (speech may start with the stream). */
const STARTUP_MS = 250;

export class VoiceActivityDetector {
  readonly options: VadOptions;
  private readonly frameLen: number;
  private readonly buf: Float32Array;
  private bufFill = 0;
  private frameIndex = 0;
  private prevSample = 0;
  // noise floor: ring of recent non-speech frame energies, and a longer one of speech energies
  private readonly floorRing: Float64Array;
  private floorCount = 0;
  private floorPos = 0;
  private floorDb: number;
  private readonly speechRing: Float64Array;
  private speechCount = 0;
  private speechPos = 0;
  // state machine
  private inSpeech = false;
  private run = 0;
  private runStart = 0;
  private silenceRun = 0;
  private segStart = 0;
  private lastActiveEnd = 0;
  private extraOnsetDb = 0;
  private minSpeechFrames: number;

  constructor(opts: Partial<VadOptions> = {}) {
    this.options = { ...DEFAULT_VAD_OPTIONS, ...opts };
    const o = this.options;
    this.frameLen = Math.max(1, Math.round((o.sampleRate * o.frameMs) / 1000));
    this.buf = new Float32Array(this.frameLen);
    this.floorRing = new Float64Array(Math.max(1, Math.round(o.floorWindowMs / o.frameMs)));
    this.speechRing = new Float64Array(Math.max(1, Math.round(o.stationaryMs / o.frameMs)));
    this.floorDb = o.initialFloorDb;
    this.minSpeechFrames = Math.max(1, Math.round(o.minSpeechMs / o.frameMs));
  }

  get speaking(): boolean {
    return this.inSpeech;
  }

  /** Current noise floor estimate (dBFS). */
  get noiseFloorDb(): number {
    return this.floorDb;
  }

  /** Stream time consumed so far. */
  get timeSec(): number {
    return (this.frameIndex * this.frameLen + this.bufFill) / this.options.sampleRate;
  }

  /**
   * Makes onset harder while the tutor is talking (its own voice may leak back through the
   * microphone) or restores the defaults: used for barge-in.
   */
  setSensitivity(s: { extraOnsetDb?: number; minSpeechMs?: number }): void {
    this.extraOnsetDb = s.extraOnsetDb ?? 0;
    const ms = s.minSpeechMs ?? this.options.minSpeechMs;
    this.minSpeechFrames = Math.max(1, Math.round(ms / this.options.frameMs));
  }

  push(samples: Float32Array): VadEvent[] {
    const events: VadEvent[] = [];
    let i = 0;
    while (i < samples.length) {
      const take = Math.min(this.frameLen - this.bufFill, samples.length - i);
      this.buf.set(samples.subarray(i, i + take), this.bufFill);
      this.bufFill += take;
      i += take;
      if (this.bufFill === this.frameLen) {
        this.frame(events);
        this.bufFill = 0;
      }
    }
    return events;
  }

  /** End of stream: closes an utterance that is still open. */
  flush(): VadEvent[] {
    if (!this.inSpeech) return [];
    this.inSpeech = false;
    return [
      { type: 'speech-end', startSec: this.segStart, endSec: this.lastActiveEnd, atSec: this.timeSec, forced: true },
    ];
  }

  private frame(events: VadEvent[]): void {
    const o = this.options;
    const x = this.buf;
    let energy = 0;
    let crossings = 0;
    let prev = this.prevSample;
    for (let k = 0; k < x.length; k++) {
      const s = x[k];
      energy += s * s;
      if (s >= 0 !== prev >= 0) crossings++;
      prev = s;
    }
    this.prevSample = prev;
    const db = energy > 0 ? Math.max(SILENT_DB, 10 * Math.log10(energy / x.length)) : SILENT_DB;
    const zcr = crossings / x.length;
    const t0 = (this.frameIndex * this.frameLen) / o.sampleRate;
    const t1 = t0 + this.frameLen / o.sampleRate;
    this.frameIndex++;

    const floor = this.floorDb;
    const fricative = zcr >= o.fricativeZcr && db >= floor + o.fricativeDb && db >= o.absSpeechDb - 10;
    if (!this.inSpeech) {
      const onset = (db >= floor + o.onsetDb + this.extraOnsetDb && db >= o.absSpeechDb) || (fricative && this.run > 0);
      this.trackFloor(db);
      if (onset) {
        if (this.run === 0) this.runStart = t0;
        this.run++;
        if (this.run >= this.minSpeechFrames) {
          this.inSpeech = true;
          this.segStart = this.runStart;
          this.lastActiveEnd = t1;
          this.silenceRun = 0;
          this.speechCount = 0;
          events.push({ type: 'speech-start', startSec: this.segStart, atSec: t1 });
        }
      } else this.run = 0;
      return;
    }
    const active = (db >= floor + o.offsetDb && db >= o.absSpeechDb - 6) || fricative;
    this.trackSpeechLevel(db);
    if (active) {
      this.lastActiveEnd = t1;
      this.silenceRun = 0;
    } else this.silenceRun++;
    const forced = (t1 - this.segStart) * 1000 >= o.maxUtteranceMs;
    if (this.silenceRun * o.frameMs >= o.minSilenceMs || forced) {
      this.inSpeech = false;
      this.run = 0;
      events.push({ type: 'speech-end', startSec: this.segStart, endSec: this.lastActiveEnd, atSec: t1, forced });
    }
  }

  /** Minimum over the recent non-speech frames: follows the room as it gets quieter or louder. */
  private trackFloor(db: number): void {
    const ring = this.floorRing;
    ring[this.floorPos] = db;
    this.floorPos = (this.floorPos + 1) % ring.length;
    if (this.floorCount < ring.length) this.floorCount++;
    let min = Infinity;
    for (let k = 0; k < this.floorCount; k++) if (ring[k] < min) min = ring[k];
    // Until the window has filled, the stream may have started mid-word: cap the floor so that
    // speech from the first frame on is still heard.
    const warmingUp = this.floorCount * this.options.frameMs < STARTUP_MS;
    this.floorDb = warmingUp ? Math.min(min, this.options.initialFloorDb) : min;
  }

  /** See VadOptions.stationaryMs. */
  private trackSpeechLevel(db: number): void {
    const ring = this.speechRing;
    ring[this.speechPos] = db;
    this.speechPos = (this.speechPos + 1) % ring.length;
    if (this.speechCount < ring.length) {
      this.speechCount++;
      return;
    }
    let min = Infinity;
    for (let k = 0; k < ring.length; k++) if (ring[k] < min) min = ring[k];
    if (min > this.floorDb + this.options.offsetDb) {
      this.floorDb = min;
      this.floorRing.fill(min);
      this.floorCount = this.floorRing.length;
      this.speechCount = 0;
    }
  }
}

/**
 * Level of the quietest tenth of a whole signal (dBFS): with the whole file at hand, the noise
 * floor is known from the start, so a file that opens in steady noise is not taken for speech.
 */
export function quietLevelDb(pcm: Float32Array, sampleRate = 16000, frameMs = 10): number {
  const n = Math.max(1, Math.round((sampleRate * frameMs) / 1000));
  const levels: number[] = [];
  for (let i = 0; i + n <= pcm.length; i += n) {
    let e = 0;
    for (let k = i; k < i + n; k++) e += pcm[k] * pcm[k];
    levels.push(e > 0 ? Math.max(SILENT_DB, 10 * Math.log10(e / n)) : SILENT_DB);
  }
  if (levels.length === 0) return SILENT_DB;
  levels.sort((a, b) => a - b);
  return levels[Math.floor(levels.length * 0.1)];
}

/** Offline detection over a whole signal: the speech segments, in order. */
export function detectSpeech(pcm: Float32Array, opts: Partial<VadOptions> = {}): SpeechSegment[] {
  const sampleRate = opts.sampleRate ?? DEFAULT_VAD_OPTIONS.sampleRate;
  const initialFloorDb = opts.initialFloorDb ?? quietLevelDb(pcm, sampleRate) + 3;
  const vad = new VoiceActivityDetector({ ...opts, initialFloorDb });
  const segs: SpeechSegment[] = [];
  const collect = (evs: VadEvent[]): void => {
    for (const e of evs) if (e.type === 'speech-end') segs.push({ startSec: e.startSec, endSec: e.endSec });
  };
  const block = 16000;
  for (let i = 0; i < pcm.length; i += block) collect(vad.push(pcm.subarray(i, Math.min(pcm.length, i + block))));
  collect(vad.flush());
  return segs;
}
