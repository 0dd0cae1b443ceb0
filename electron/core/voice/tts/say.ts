// macOS: the system voice through /usr/bin/say, written to a 16-bit 22.05 kHz WAV file.

import { canonicalWav } from './wavResult';
import { nodeSpawner, runProcess, type Spawner } from './process';
import { withTempWav } from './tempOut';
import { SynthesisError, clampRate, type SpeechSynthesizer, type Synthesis, type SynthesisOptions } from './types';

export interface SayOptions {
  binary?: string;
  voice?: string;
  /** Words per minute at rate 1 (say's own default is about 175–200). */
  baseWpm?: number;
  spawner?: Spawner;
  platform?: NodeJS.Platform;
  timeoutMs?: number;
}

export class SaySynthesizer implements SpeechSynthesizer {
  readonly id = 'say';
  readonly label = 'macOS system voice';
  private availability: Promise<boolean> | null = null;
  private readonly o: Required<Omit<SayOptions, 'voice'>> & { voice?: string };

  constructor(opts: SayOptions = {}) {
    this.o = {
      binary: opts.binary ?? '/usr/bin/say',
      voice: opts.voice,
      baseWpm: opts.baseWpm ?? 185,
      spawner: opts.spawner ?? nodeSpawner,
      platform: opts.platform ?? process.platform,
      timeoutMs: opts.timeoutMs ?? 30_000,
    };
  }

  available(): Promise<boolean> {
    if (this.o.platform !== 'darwin') return Promise.resolve(false);
    // "say -v ?" lists the installed voices: works only where speech synthesis is usable
    this.availability ??= runProcess(this.o.spawner, this.id, this.o.binary, ['-v', '?'], { timeoutMs: 5000 }).then(
      (r) => r.code === 0 && r.stdout.length > 0,
      () => false,
    );
    return this.availability;
  }

  args(outPath: string, opts: SynthesisOptions = {}): string[] {
    const voice = opts.voice ?? this.o.voice;
    const args = voice ? ['-v', voice] : [];
    const wpm = Math.round(this.o.baseWpm * clampRate(opts.rate));
    return [...args, '-r', String(wpm), '-o', outPath, '--file-format=WAVE', '--data-format=LEI16@22050', '-f', '-'];
  }

  synthesize(text: string, opts: SynthesisOptions = {}): Promise<Synthesis> {
    if (!text.trim()) return Promise.reject(new SynthesisError('nothing to say (empty text)', this.id));
    return withTempWav(
      async (path) => {
        const r = await runProcess(this.o.spawner, this.id, this.o.binary, this.args(path, opts), {
          input: text,
          timeoutMs: this.o.timeoutMs,
          signal: opts.signal,
        });
        if (r.code !== 0)
          throw new SynthesisError(`say exited with code ${r.code}: ${r.stderr || 'no message'}`, this.id);
      },
      (bytes) => canonicalWav(bytes, this.id),
    );
  }
}
