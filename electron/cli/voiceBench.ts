// `npm run -s cli -- bench-voice`: the voice section of the bench as JSON (the lead folds it into
// `npm run bench`; benchVoice in electron/core/bench/voiceBench.ts does the work).

import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { appRoot } from '../core/paths';
import { benchVoice, sharedVoiceDir } from '../core/bench/voiceBench';
import { parsePreprocessorConfig } from '../core/voice/melFeatures';
import { chooseSynthesizer } from '../core/voice/tts/choose';
import { loadDevSet } from '../core/eval/devEval';
import { atomicWriteJson } from '../core/util/atomicWrite';
import { openEngine, resolvedPaths, type GlobalOptions } from './common';

/** The voice figures (for `bench-voice`, and for `npm run bench` to include as `voice`). */
export async function voiceBenchReport(
  g: GlobalOptions,
  quick: boolean,
): Promise<Awaited<ReturnType<typeof benchVoice>>> {
  const shared = join(appRoot(), '..', 'shared');
  const voiceDir = sharedVoiceDir(appRoot());
  const wavFiles = (await readdir(voiceDir)).filter((f) => f.endsWith('.wav')).map((f) => join(voiceDir, f));
  const preprocessorJson = JSON.parse(
    await readFile(join(shared, 'models', 'Xenova', 'whisper-tiny.en', 'preprocessor_config.json'), 'utf8'),
  ) as Record<string, unknown>;
  // typical answers: the engine's answers to the first in-scope dev questions
  const data = mkdtempSync(join(tmpdir(), 'nimbus-bench-voice-'));
  const answers: string[] = [];
  try {
    const engine = await openEngine({ ...g, dataDir: data }, { quiet: true });
    const qs = loadDevSet(join(shared, 'eval', 'dev_qa.jsonl')).filter((q) => q.kind !== 'out_of_scope');
    for (const q of qs.slice(0, quick ? 5 : 20)) answers.push((await engine.ask(q.question)).answer);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
  const chosen = await chooseSynthesizer();
  return benchVoice({
    wavFiles,
    preprocessorJson,
    featureConfig: parsePreprocessorConfig(preprocessorJson),
    answers,
    synthesizer: chosen.engine,
    rounds: quick ? 2 : 5,
    webmFiles: [join(appRoot(), 'tests', 'fixtures', 'voice', 'd006.webm')].filter((f) => existsSync(f)),
    modelsRoot: resolvedPaths(g).modelsRoot,
  });
}

export async function runVoiceBench(g: GlobalOptions, opts: { out?: string; quick: boolean }): Promise<number> {
  const report = { when: new Date().toISOString(), voice: await voiceBenchReport(g, opts.quick) };
  if (opts.out) await atomicWriteJson(opts.out, report);
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  return 0;
}
