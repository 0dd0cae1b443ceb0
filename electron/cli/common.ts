import cliProgress from 'cli-progress';
import { KnowledgeEngine } from '../core/engine/KnowledgeEngine';
import { openUserData } from '../core/store/userData';
import { sectionsOf } from '../core/learn/topics';
import type { EmbedderPreference } from '../core/engine/openEmbedder';
import { defaultContentDir, defaultDataDir, defaultModelsRoot, vendoredTokenizerDir } from '../core/paths';
import { resolve } from 'node:path';
import { QuestionError } from '../core/engine/validateQuestion';
import { EmbedderError } from '../core/retrieval/embedder';
import { AudioDecodeError } from '../core/voice/wav';
import { SpeechModelMissingError } from '../core/voice/recognizer';

export interface GlobalOptions {
  dataDir?: string;
  modelsDir?: string;
  embedder: EmbedderPreference;
  json: boolean;
}

/** An expected failure: message for the learner, exit code for scripts. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function exitCodeOf(err: unknown): number {
  if (err instanceof CliError) return err.exitCode;
  if (err instanceof QuestionError) return 2;
  // node:util parseArgs: unknown flag or a flag missing its value is a usage error
  if (String((err as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS')) return 2;
  if (err instanceof EmbedderError) return 3;
  if (err instanceof AudioDecodeError) return 2;
  if (err instanceof SpeechModelMissingError) return 3;
  return 1;
}

const FS_REASONS: Record<string, string> = {
  ENOTDIR: 'a file is in the way of that folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
};

/** File-system errors become one sentence naming the folder and what to do; others keep their message. */
export function describeError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const reason = e?.code ? FS_REASONS[e.code] : undefined;
  if (reason && e.path) {
    return `cannot write ${e.path}: ${reason}. Pick another folder with --data-dir / --models-dir (or NIMBUS_DATA_DIR / NIMBUS_MODELS_PATH).`;
  }
  return e?.message ?? String(err);
}

export function resolvedPaths(g: GlobalOptions): { dataDir: string; modelsRoot: string; contentDir: string } {
  return {
    dataDir: g.dataDir ? resolve(g.dataDir) : defaultDataDir(),
    modelsRoot: g.modelsDir ? resolve(g.modelsDir) : defaultModelsRoot(),
    contentDir: defaultContentDir(),
  };
}

/** A progress bar on a terminal, plain lines otherwise (CI logs), always on stderr. */
export function progressReporter(): { update: (stage: string, done: number, total: number) => void; stop: () => void } {
  if (!process.stderr.isTTY) {
    let last = '';
    return {
      update(stage, done, total) {
        const line = `${stage} ${done}/${total}`;
        if (stage !== last && (done === 0 || done === total)) process.stderr.write(`${line}\n`);
        if (done === total) last = stage;
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: ' {stage} [{bar}] {value}/{total}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let current = '';
  return {
    update(stage, done, total) {
      if (!started) {
        bar.start(total, done, { stage });
        started = true;
      }
      if (stage !== current) {
        bar.setTotal(total);
        current = stage;
      }
      bar.update(done, { stage });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

export async function openEngine(
  g: GlobalOptions,
  opts: { rebuild?: boolean; quiet?: boolean } = {},
): Promise<KnowledgeEngine> {
  const paths = resolvedPaths(g);
  const progress = opts.quiet ? null : progressReporter();
  // The learner's own topics are part of what the notes cover, in every command.
  const topics = (await openUserData(paths.dataDir, { readOnly: true })).topics.read().items;
  let engine: KnowledgeEngine;
  try {
    engine = await KnowledgeEngine.open({
      ...paths,
      extraSections: sectionsOf(topics),
      tokenizerDir: vendoredTokenizerDir(),
      embedder: g.embedder,
      rebuild: opts.rebuild,
      onProgress: progress ? progress.update : undefined,
    });
  } finally {
    progress?.stop();
  }
  reportEngineNotice(engine);
  return engine;
}

/** A degraded engine (lexical-only search, an index that cannot be saved) says so on stderr. */
export function reportEngineNotice(engine: Pick<KnowledgeEngine, 'info'>): void {
  const info = engine.info();
  if (!info.notice) return;
  const unsaved = info.index.saveError ?? info.corpus.saveError;
  const hint = unsaved ? ' Pick another data folder with --data-dir (or NIMBUS_DATA_DIR).' : '';
  process.stderr.write(`nimbus: ${info.notice}${hint}\n`);
}
