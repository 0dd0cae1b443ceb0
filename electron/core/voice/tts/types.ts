// One interface for every text-to-speech engine: the OS voice (say, SAPI), espeak-ng, or a neural
// voice. Engines take plain, already speakable text (see speakable.ts) and return a 16-bit mono
// WAV; the caller plays it or joins sentences.

export interface SynthesisOptions {
  /** Speaking speed as a multiple of the engine's normal speed (0.5–2; default 1). */
  rate?: number;
  /** Engine-specific voice name ("en-us" for espeak-ng, "Samantha" for say, …). */
  voice?: string;
  signal?: AbortSignal;
}

export interface Synthesis {
  /** A complete 16-bit mono RIFF/WAVE file. */
  wav: Uint8Array;
  sampleRate: number;
  durationSec: number;
}

export interface SpeechSynthesizer {
  /** Stable id ("espeak-ng", "say", "sapi"). */
  readonly id: string;
  /** What settings shows ("eSpeak NG", "macOS voice"). */
  readonly label: string;
  /** Whether the engine can run on this machine (cached after the first call). */
  available(): Promise<boolean>;
  synthesize(text: string, opts?: SynthesisOptions): Promise<Synthesis>;
}

export class SynthesisError extends Error {
  override name = 'SynthesisError';
  constructor(
    message: string,
    readonly engine: string,
  ) {
    super(message);
  }
}

export const MIN_RATE = 0.5;
export const MAX_RATE = 2;

export function clampRate(rate: number | undefined): number {
  if (rate === undefined || !Number.isFinite(rate)) return 1;
  return Math.min(MAX_RATE, Math.max(MIN_RATE, rate));
}
