import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './engine';

export const TSX = join(REPO, 'node_modules', '.bin', 'tsx');

export interface CliDirs {
  dataDir: string;
  modelsDir: string;
  embedder?: 'static' | 'minilm' | 'auto';
}

/** The CLI's argv for a data and models folder (the domain embedder unless told otherwise). */
export function cliArgs(dirs: CliDirs, args: string[]): string[] {
  return [
    join(REPO, 'electron/cli/index.ts'),
    '--data-dir',
    dirs.dataDir,
    '--models-dir',
    dirs.modelsDir,
    '--embedder',
    dirs.embedder ?? 'static',
    ...args,
  ];
}

/** Runs the CLI as a user would: a real process, its exit code, stdout and stderr kept apart. */
export function runCli(
  dirs: CliDirs,
  args: string[],
  input?: string,
): { code: number | null; out: string; err: string } {
  const r = spawnSync(TSX, cliArgs(dirs, args), { input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
