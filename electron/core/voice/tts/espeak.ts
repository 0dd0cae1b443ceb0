// espeak-ng (the Debian package on Linux; also installable on macOS/Windows): WAV on stdout, one
// call per sentence. Text goes in on stdin, so nothing in it can be read as an option.

import { canonicalWav } from './wavResult';
import { nodeSpawner, runProcess, type Spawner } from './process';
import { SynthesisError, clampRate, type SpeechSynthesizer, type Synthesis, type SynthesisOptions } from './types';

export interface EspeakOptions {
  binary?: string;
  voice?: string;
  /** Words per minute at rate 1. */
  baseWpm?: number;
  spawner?: Spawner;
  timeoutMs?: number;
}

export class EspeakSynthesizer implements SpeechSynthesizer {
  readonly id = 'espeak-ng';
  readonly label = 'eSpeak NG';
  private availability: Promise<boolean> | null = null;
  private readonly binary: string;
  private readonly voice: string;
  private readonly baseWpm: number;
  private readonly spawner: Spawner;
  private readonly timeoutMs: number;

  constructor(opts: EspeakOptions = {}) {
    this.binary = opts.binary ?? 'espeak-ng';
    this.voice = opts.voice ?? 'en-us';
    this.baseWpm = opts.baseWpm ?? 170;
    this.spawner = opts.spawner ?? nodeSpawner;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  available(): Promise<boolean> {
    this.availability ??= runProcess(this.spawner, this.id, this.binary, ['--version'], { timeoutMs: 5000 }).then(
      (r) => r.code === 0,
      () => false,
    );
    return this.availability;
  }

  /** argv for one sentence (exported for tests). */
  args(opts: SynthesisOptions = {}): string[] {
    const wpm = Math.round(this.baseWpm * clampRate(opts.rate));
    const voice = opts.voice ?? this.voice;
    if (!/^[A-Za-z0-9_+\-/]+$/.test(voice)) throw new SynthesisError(`bad espeak-ng voice name "${voice}"`, this.id);
    // -b 1: input is UTF-8; no text argument: read it from stdin
    return ['--stdout', '-b', '1', '-v', voice, '-s', String(wpm)];
  }

  async synthesize(text: string, opts: SynthesisOptions = {}): Promise<Synthesis> {
    if (!text.trim()) throw new SynthesisError('nothing to say (empty text)', this.id);
    const r = await runProcess(this.spawner, this.id, this.binary, this.args(opts), {
      input: text.replace(/\r?\n/g, ' ') + '\n',
      timeoutMs: this.timeoutMs,
      signal: opts.signal,
    });
    if (r.code !== 0)
      throw new SynthesisError(`espeak-ng exited with code ${r.code}: ${r.stderr || 'no message'}`, this.id);
    return canonicalWav(new Uint8Array(r.stdout.buffer, r.stdout.byteOffset, r.stdout.byteLength), this.id);
  }
}
