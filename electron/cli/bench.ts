import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { atomicWriteFile, atomicWriteJson } from '../core/util/atomicWrite';
import { benchMarkdown, type BenchReport } from '../core/bench/benchMarkdown';
import { appRoot, vendoredTokenizerDir } from '../core/paths';
import { benchEngine } from '../core/bench/benchEngine';
import { hnswScaleBench } from '../core/retrieval/scaleBench';
import { benchWebStartup } from '../core/bench/webStartup';
import { benchEngineScale, type ScaleEngineRun } from '../core/bench/scaleEngine';
import { voiceBenchReport } from './voiceBench';
import { CliError, resolvedPaths, type GlobalOptions } from './common';

const log = (m: string): void => void process.stderr.write(`bench: ${m}\n`);
const devSetPath = (): string => join(appRoot(), '..', 'shared', 'eval', 'dev_qa.jsonl');

/** The engine on synthetic notes: 10k and 100k chunks (quick: 2k and 10k), or the sizes given. */
function engineScale(g: GlobalOptions, quick: boolean, sizes?: number[]): Promise<ScaleEngineRun[]> {
  const paths = resolvedPaths(g);
  return benchEngineScale({
    sizes: sizes ?? (quick ? [2_000, 10_000] : [10_000, 100_000]),
    contentDir: paths.contentDir,
    base: { modelsRoot: paths.modelsRoot, tokenizerDir: vendoredTokenizerDir(), embedder: g.embedder },
    devSetPath: devSetPath(),
    freshProcess: true,
    log: (m) => log(`  ${m}`),
  });
}

/**
 * `bench-scale`: only the synthetic-notes scale runs (minutes, not the whole bench). Written into
 * the last bench/results.json (and .md) when there is one, and printed as JSON.
 */
export async function runBenchScale(
  g: GlobalOptions,
  opts: { out?: string; quick: boolean; sizes?: string },
): Promise<number> {
  const sizes = opts.sizes?.split(',').map((x) => Number(x.replace(/_/g, '')));
  if (sizes?.some((n) => !Number.isInteger(n) || n < 100))
    throw new CliError(`--sizes wants chunk counts like 10000,100000, got "${opts.sizes}"`, 2);
  const runs = await engineScale(g, opts.quick, sizes);
  const out = opts.out ?? join(appRoot(), 'bench', 'results.json');
  if (existsSync(out)) {
    const report = { ...(JSON.parse(readFileSync(out, 'utf8')) as BenchReport), engineScale: runs };
    await atomicWriteJson(out, report);
    await atomicWriteFile(out.replace(/\.json$/, '') + '.md', benchMarkdown(report));
    log(`engine scale written into ${out}`);
  }
  process.stdout.write(JSON.stringify(runs, null, 2) + '\n');
  return 0;
}

/**
 * `npm run bench`: one JSON document of figures, each with its same-run baseline. A fresh data
 * folder is used so the index build is really measured; models come from the usual folder.
 */
export async function runBench(g: GlobalOptions, opts: { out?: string; quick: boolean }): Promise<number> {
  const paths = resolvedPaths(g);
  const cold = mkdtempSync(join(tmpdir(), 'nimbus-bench-'));
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
      devSetPath: devSetPath(),
      rounds: opts.quick ? 1 : 3,
    });
    const chromiumPath = process.env.NIMBUS_CHROMIUM ?? '/usr/bin/chromium';
    let webStartup: Awaited<ReturnType<typeof benchWebStartup>> | { skipped: string };
    if (existsSync(chromiumPath)) {
      log('web start-up: server process cold start, first contentful paint, time to interactive');
      const webData = mkdtempSync(join(tmpdir(), 'nimbus-bench-web-'));
      try {
        webStartup = await benchWebStartup({
          chromiumPath,
          dataDir: webData,
          modelsRoot: paths.modelsRoot,
          runs: opts.quick ? 2 : 5,
          log,
        });
      } finally {
        rmSync(webData, { recursive: true, force: true });
      }
    } else webStartup = { skipped: `no Chromium at ${chromiumPath} (set NIMBUS_CHROMIUM)` };
    log('voice: log-mel features, resampling, TTS first audio and speed, VAD end-pointing');
    const voice = await voiceBenchReport(g, opts.quick);
    const n = opts.quick ? 20_000 : 100_000;
    // Uniform random vectors are HNSW's worst case (no structure at all); low-rank data (a 32-d
    // subspace plus noise) is closer to real sentence embeddings. Both against exact brute force.
    log(`hnsw scale: ${n} uniform random 384-d unit vectors (slow to build: no structure)`);
    const uniform = hnswScaleBench({ n, dims: 384, queries: 200, k: 10, M: 16, efSearch: [200, 400, 800] });
    log(`hnsw scale: ${n} low-rank 384-d unit vectors`);
    const lowRank = hnswScaleBench({
      n,
      dims: 384,
      queries: 200,
      k: 10,
      M: 16,
      efSearch: [120, 200, 300],
      dataMode: 'lowrank',
    });
    log('engine scale: synthetic notes, cold build, start-up in a fresh process, queries');
    const scale = await engineScale(g, opts.quick);
    const report: BenchReport = {
      when: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      engine,
      webStartup,
      voice,
      hnswScale: [uniform, lowRank].map((r) => ({
        ...r,
        speedupVsBruteForce: Number((r.bruteForceP50Ms / r.queryP50Ms).toFixed(1)),
      })),
      engineScale: scale,
    };
    const out = opts.out ?? join(appRoot(), 'bench', 'results.json');
    await atomicWriteJson(out, report);
    const md = out.replace(/\.json$/, '') + '.md';
    await atomicWriteFile(md, benchMarkdown(report));
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    log(`written to ${out} and ${md}`);
    return 0;
  } finally {
    rmSync(cold, { recursive: true, force: true });
  }
}
