import type { GlobalOptions } from './common';

export async function runBench(_g: GlobalOptions, _opts: { out?: string; quick: boolean }): Promise<number> {
  throw new Error('bench: not implemented yet');
}
