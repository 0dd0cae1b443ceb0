import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { atomicWriteJson } from '../core/util/atomicWrite';
import { appRoot, vendoredTokenizerDir } from '../core/paths';
import { benchEngine } from '../core/bench/benchEngine';
import { hnswScaleBench } from '../core/retrieval/scaleBench';
import { resolvedPaths, type GlobalOptions } from './common';

/**
 * `npm run bench`: one JSON document of figures, each with its same-run baseline. A fresh data
 * folder is used so the index build is really measured; models come from the usual folder.
 */
export async function runBench(g: GlobalOptions, opts: { out?: string; quick: boolean }): Promise<number> {
  const paths = resolvedPaths(g);
  const cold = mkdtempSync(join(tmpdir(), 'nimbus-bench-'));
  const log = (m: string): void => void process.stderr.write(`bench: ${m}\n`);
  try {
    log('engine: cold open (index build), warm open (index load), queries, dev-set quality');
    const engine = await benchEngine({
      base: {
        contentDir: paths.contentDir,
        modelsRoot: paths.modelsRoot,
        tokenizerDir: vendoredTokenizerDir(),
        embedder: g.embedder,
      },
      coldDataDir: cold,
      devSetPath: join(appRoot(), '..', 'shared', 'eval', 'dev_qa.jsonl'),
      rounds: opts.quick ? 1 : 3,
    });
    const n = opts.quick ? 20_000 : 100_000;
    log(`hnsw scale: ${n} random 384-d unit vectors vs exact brute force`);
    const scale = hnswScaleBench({ n, dims: 384, queries: 200, k: 10, efSearch: [100, 200, 300] });
    const report = {
      when: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      engine,
      hnswScale: {
        ...scale,
        speedupVsBruteForce: Number((scale.bruteForceP50Ms / scale.queryP50Ms).toFixed(1)),
      },
    };
    const out = opts.out ?? join(appRoot(), 'bench', 'results.json');
    await atomicWriteJson(out, report);
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    log(`written to ${out}`);
    return 0;
  } finally {
    rmSync(cold, { recursive: true, force: true });
  }
}
