// Windows: the SAPI voice through System.Speech in PowerShell, written to a WAV file. The script
// is passed base64-encoded and so is the text (UTF-8, in an environment variable, which avoids
// console code pages); nothing the learner or the notes wrote is ever quoted into a command.

import { canonicalWav } from './wavResult';
import { nodeSpawner, runProcess, type Spawner } from './process';
import { withTempWav } from './tempOut';
import { SynthesisError, clampRate, type SpeechSynthesizer, type Synthesis, type SynthesisOptions } from './types';

export const SAPI_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  'Add-Type -AssemblyName System.Speech',
  '$text = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($env:NIMBUS_TTS_TEXT))',
  '$s = New-Object System.Speech.Synthesis.SpeechSynthesizer',
  'try {',
  '  if ($env:NIMBUS_TTS_VOICE) { $s.SelectVoice($env:NIMBUS_TTS_VOICE) }',
  '  $s.Rate = [int]$env:NIMBUS_TTS_RATE',
  '  $fmt = New-Object System.Speech.AudioFormat.SpeechAudioFormatInfo(22050, [System.Speech.AudioFormat.AudioBitsPerSample]::Sixteen, [System.Speech.AudioFormat.AudioChannel]::Mono)',
  '  $s.SetOutputToWaveFile($env:NIMBUS_TTS_OUT, $fmt)',
  '  $s.Speak($text)',
  '} finally { $s.Dispose() }',
].join('\n');

// Windows limits one environment variable to 32767 characters: 6000 characters of UTF-8 are at
// most 18000 bytes, 24000 in base64.
const MAX_TEXT = 6_000;

export const encodePowerShell = (script: string): string => Buffer.from(script, 'utf16le').toString('base64');

/** SAPI's Rate is −10…10, each step about ×1.116 (10 steps = ×3). */
export function sapiRate(rate: number | undefined): number {
  const r = clampRate(rate);
  return Math.max(-10, Math.min(10, Math.round(Math.log(r) / Math.log(3 ** 0.1))));
}

export interface SapiOptions {
  binary?: string;
  voice?: string;
  spawner?: Spawner;
  platform?: NodeJS.Platform;
  timeoutMs?: number;
}

export class SapiSynthesizer implements SpeechSynthesizer {
  readonly id = 'sapi';
  readonly label = 'Windows voice (SAPI)';
  private availability: Promise<boolean> | null = null;
  private readonly o: Required<Omit<SapiOptions, 'voice'>> & { voice?: string };

  constructor(opts: SapiOptions = {}) {
    this.o = {
      binary: opts.binary ?? 'powershell.exe',
      voice: opts.voice,
      spawner: opts.spawner ?? nodeSpawner,
      platform: opts.platform ?? process.platform,
      timeoutMs: opts.timeoutMs ?? 30_000,
    };
  }

  private psArgs(script: string): string[] {
    return ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encodePowerShell(script)];
  }

  available(): Promise<boolean> {
    if (this.o.platform !== 'win32') return Promise.resolve(false);
    const probe = 'Add-Type -AssemblyName System.Speech; exit 0';
    this.availability ??= runProcess(this.o.spawner, this.id, this.o.binary, this.psArgs(probe), {
      timeoutMs: 15_000,
    }).then(
      (r) => r.code === 0,
      () => false,
    );
    return this.availability;
  }

  synthesize(text: string, opts: SynthesisOptions = {}): Promise<Synthesis> {
    if (!text.trim()) return Promise.reject(new SynthesisError('nothing to say (empty text)', this.id));
    if (text.length > MAX_TEXT)
      return Promise.reject(new SynthesisError(`text over ${MAX_TEXT} characters: split it into sentences`, this.id));
    const voice = opts.voice ?? this.o.voice;
    return withTempWav(
      async (path) => {
        const env: NodeJS.ProcessEnv = {
          ...process.env,
          NIMBUS_TTS_OUT: path,
          NIMBUS_TTS_RATE: String(sapiRate(opts.rate)),
          NIMBUS_TTS_TEXT: Buffer.from(text, 'utf8').toString('base64'),
        };
        if (voice) env.NIMBUS_TTS_VOICE = voice;
        else delete env.NIMBUS_TTS_VOICE;
        const r = await runProcess(this.o.spawner, this.id, this.o.binary, this.psArgs(SAPI_SCRIPT), {
          env,
          timeoutMs: this.o.timeoutMs,
          signal: opts.signal,
        });
        if (r.code !== 0)
          throw new SynthesisError(`PowerShell/SAPI exited with code ${r.code}: ${r.stderr || 'no message'}`, this.id);
      },
      (bytes) => canonicalWav(bytes, this.id),
    );
  }
}
