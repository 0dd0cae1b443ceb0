// Picks the best text-to-speech engine available at start: a neural voice when one is installed,
// then the OS voice (say on macOS, SAPI on Windows), then espeak-ng (Linux, or anywhere it is
// installed). With none, the renderer's Web Speech API is the fallback, and settings says so.

import { EspeakSynthesizer } from './espeak';
import { SaySynthesizer } from './say';
import { SapiSynthesizer } from './sapi';
import type { Spawner } from './process';
import type { SpeechSynthesizer } from './types';

export interface EngineCandidate {
  id: string;
  label: string;
  available: boolean;
}

export interface ChosenSynthesizer {
  /** The engine core will use, or null when only the renderer can speak. */
  engine: SpeechSynthesizer | null;
  /** Every engine considered, best first, with whether it can run here (for settings). */
  candidates: EngineCandidate[];
  /** What the UI should use when `engine` is null. */
  fallback: 'web-speech' | null;
  /** One line for settings and logs. */
  summary: string;
}

export interface ChooseOptions {
  platform?: NodeJS.Platform;
  spawner?: Spawner;
  /** Engines preferred over the built-in ones (a neural voice when its weights are installed). */
  preferred?: SpeechSynthesizer[];
  /** Force one engine by id (settings); unavailable → the usual order. */
  prefer?: string;
}

export function builtinSynthesizers(opts: { platform?: NodeJS.Platform; spawner?: Spawner } = {}): SpeechSynthesizer[] {
  const platform = opts.platform ?? process.platform;
  const spawner = opts.spawner;
  const espeak = new EspeakSynthesizer({ spawner, binary: platform === 'win32' ? 'espeak-ng.exe' : 'espeak-ng' });
  if (platform === 'darwin') return [new SaySynthesizer({ spawner, platform }), espeak];
  if (platform === 'win32') return [new SapiSynthesizer({ spawner, platform }), espeak];
  return [espeak];
}

export async function chooseSynthesizer(opts: ChooseOptions = {}): Promise<ChosenSynthesizer> {
  let all = [...(opts.preferred ?? []), ...builtinSynthesizers(opts)];
  if (opts.prefer) all = [...all.filter((s) => s.id === opts.prefer), ...all.filter((s) => s.id !== opts.prefer)];
  const avail = await Promise.all(all.map((s) => s.available().catch(() => false)));
  const candidates = all.map((s, i) => ({ id: s.id, label: s.label, available: avail[i] }));
  const idx = avail.indexOf(true);
  const engine = idx >= 0 ? all[idx] : null;
  const summary = engine
    ? `speech output: ${engine.label}`
    : `speech output: no voice engine found (${candidates.map((c) => c.label).join(', ')} unavailable); the app uses the browser's speech synthesis`;
  return { engine, candidates, fallback: engine ? null : 'web-speech', summary };
}
