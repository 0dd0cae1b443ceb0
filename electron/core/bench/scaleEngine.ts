// The whole engine at 10k / 100k chunks of synthetic notes (syntheticNotes.ts): index build by
// stage, index load (start-up) in a fresh process, query latency per mode against exact
// brute-force dense search and BM25 alone, HNSW recall against brute force, retrieval hit rates
// and memory. Unlike scaleBench.ts (HNSW alone on random vectors) this runs the real pipeline
// on note-like text.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KnowledgeEngine, type OpenEngineOptions, type SearchMode } from '../engine/KnowledgeEngine';
import { loadDevSet, scoreRetrieval } from '../eval/devEval';
import { latency, percentile, round } from './benchEngine';
import { generateSyntheticNotes, type SyntheticQuestion } from './syntheticNotes';

type Latency = { p50: number; p95: number; n: number };

/** What is measured on the warm engine (in a fresh process unless told otherwise). */
export interface WarmMeasures {
  /** Warm open: the saved index loaded, the rest rebuilt in memory (stage → ms). */
  loadStagesMs: Record<string, number>;
  indexLoadMs: number;
  /** Process memory right after the warm open. */
  rssMb: number;
  heapUsedMb: number;
  queries: number;
  latencyMs: Record<string, Latency>;
  /** Mean overlap of HNSW's top 10 with exact brute force's top 10, same queries. */
  denseRecallAt10: number;
  /** Questions built from synthetic headings: the section is among the top 10 hits. */
  headingHitAt10: Record<SearchMode, number>;
  /** Dev-set MRR with the real notes hidden among the synthetic ones (null without the dev set). */
  devMrr: Record<SearchMode, number> | null;
}

export interface ScaleEngineRun extends WarmMeasures {
  chunks: number;
  services: number;
  notesMb: number;
  generateMs: number;
  /** Cold open: chunking, embedding, HNSW, BM25… (stage → ms) and the whole open. */
  buildStagesMs: Record<string, number>;
  indexBuildMs: number;
  freshProcess: boolean;
}

export interface ScaleEngineOptions {
  sizes: number[];
  contentDir: string;
  base: Omit<OpenEngineOptions, 'dataDir' | 'contentDir'>;
  devSetPath?: string;
  queries?: number;
  rounds?: number;
  seed?: number;
  /** Measure the warm engine in a child process (clean memory figures, a real start-up). */
  freshProcess?: boolean;
  log?: (m: string) => void;
}

/** Everything the warm side needs, as JSON (it crosses to the child process). */
export interface WarmArgs {
  open: OpenEngineOptions;
  devQuestions: string[];
  synthetic: SyntheticQuestion[];
  devSetPath?: string;
  rounds: number;
}

const MB = 1024 * 1024;
const MODES: SearchMode[] = ['lexical', 'dense', 'hybrid'];

async function timedOpen(opts: OpenEngineOptions) {
  const stages: Record<string, number> = {};
  const t0 = performance.now();
  const engine = await KnowledgeEngine.open({
    ...opts,
    onStage: (s, ms) => void (stages[s] = round((stages[s] ?? 0) + ms, 1)),
  });
  return { engine, ms: round(performance.now() - t0, 1), stages };
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** First ask of each question: its query and answer units not embedded yet. */
async function firstAsks(engine: KnowledgeEngine, questions: string[]): Promise<Latency> {
  const ms: number[] = [];
  for (const q of questions) {
    const t0 = performance.now();
    await engine.ask(q);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: round(percentile(ms, 0.5), 3), p95: round(percentile(ms, 0.95), 3), n: ms.length };
}

export async function measureWarm(a: WarmArgs, log: (m: string) => void = () => undefined): Promise<WarmMeasures> {
  const warm = await timedOpen(a.open);
  log(`warm open ${Math.round(warm.ms)} ms ${JSON.stringify(warm.stages)}`);
  const engine = warm.engine;
  gc();
  const mem = process.memoryUsage();
  const questions = [...a.devQuestions, ...a.synthetic.map((q) => q.question)];
  const latencyMs: Record<string, Latency> = {};
  for (const q of questions.slice(0, 5)) await engine.ask(`${q} overview`); // JIT, not these questions
  latencyMs.askFirst = await firstAsks(engine, questions);
  for (const mode of MODES)
    latencyMs[mode] = await latency(questions, a.rounds, (q) => engine.search(q, { k: 10, mode }));
  latencyMs.bruteForceDense = await latency(questions, a.rounds, (q) => engine.bruteForceDenseSearch(q, 10));
  latencyMs.ask = await latency(questions, a.rounds, (q) => engine.ask(q));
  log(`latency ${JSON.stringify(latencyMs)}`);

  let overlap = 0;
  for (const q of questions) {
    const exact = new Set((await engine.bruteForceDenseSearch(q, 10)).map((h) => h.chunkId));
    const approx = await engine.search(q, { k: 10, mode: 'dense' });
    overlap += approx.filter((h) => exact.has(h.chunk.id)).length / Math.max(1, Math.min(10, exact.size));
  }
  const headingHitAt10 = {} as Record<SearchMode, number>;
  for (const mode of MODES) {
    let hit = 0;
    for (const q of a.synthetic) {
      const hits = await engine.search(q.question, { k: 10, mode });
      if (hits.some((h) => h.chunk.sectionId === q.sectionId)) hit++;
    }
    headingHitAt10[mode] = round(hit / Math.max(1, a.synthetic.length), 3);
  }
  const dev = a.devSetPath && existsSync(a.devSetPath) ? loadDevSet(a.devSetPath) : [];
  const devMrr = dev.length
    ? (Object.fromEntries(
        await Promise.all(MODES.map(async (m) => [m, (await scoreRetrieval(engine, dev, m)).mrr] as const)),
      ) as Record<SearchMode, number>)
    : null;
  return {
    loadStagesMs: warm.stages,
    indexLoadMs: warm.ms,
    rssMb: Math.round(mem.rss / MB),
    heapUsedMb: Math.round(mem.heapUsed / MB),
    queries: questions.length,
    latencyMs,
    denseRecallAt10: round(overlap / Math.max(1, questions.length), 3),
    headingHitAt10,
    devMrr,
  };
}

/** measureWarm in a child Node process with this one's loader flags (tsx), result on stdout. */
function measureWarmInChild(argsFile: string): Promise<WarmMeasures> {
  const child = fileURLToPath(new URL('./scaleEngineChild.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, '--expose-gc', child, argsFile], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      if (code !== 0) reject(new Error(`scale bench child exited with ${code}`));
      else resolve(JSON.parse(out) as WarmMeasures);
    });
  });
}

async function runOne(n: number, o: ScaleEngineOptions, devQuestions: string[]): Promise<ScaleEngineRun> {
  const log = o.log ?? (() => undefined);
  const root = mkdtempSync(join(tmpdir(), `nimbus-scale-${n}-`));
  try {
    const notes = await generateSyntheticNotes({
      sourceDir: o.contentDir,
      outDir: join(root, 'content'),
      targetChunks: n,
      seed: o.seed,
    });
    log(`${notes.chunks} chunks (${(notes.bytes / MB).toFixed(1)} MB of notes) in ${Math.round(notes.ms)} ms`);
    // The shipped domain model as it is: retraining it on synthetic notes would measure another model.
    const open: OpenEngineOptions = {
      ...o.base,
      contentDir: join(root, 'content'),
      dataDir: join(root, 'data'),
      reuseDomainModel: true,
    };
    // Only the figures are kept: the cold engine is dropped before the warm one opens.
    const cold = await timedOpen(open).then((c) => ({ ms: c.ms, stages: c.stages, chunks: c.engine.info().chunks }));
    log(`cold open ${Math.round(cold.ms)} ms ${JSON.stringify(cold.stages)}`);
    gc();
    const args: WarmArgs = {
      open,
      devQuestions,
      synthetic: notes.questions.slice(0, Math.max(0, (o.queries ?? 200) - devQuestions.length)),
      devSetPath: o.devSetPath,
      rounds: o.rounds ?? 1,
    };
    let warm: WarmMeasures;
    if (o.freshProcess) {
      const argsFile = join(root, 'warm-args.json');
      writeFileSync(argsFile, JSON.stringify(args));
      warm = await measureWarmInChild(argsFile);
    } else warm = await measureWarm(args, log);
    return {
      chunks: cold.chunks,
      services: notes.services,
      notesMb: round(notes.bytes / MB, 1),
      generateMs: round(notes.ms, 0),
      buildStagesMs: cold.stages,
      indexBuildMs: cold.ms,
      freshProcess: o.freshProcess ?? false,
      ...warm,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** One run per size, smallest first, each in its own temporary folder (removed afterwards). */
export async function benchEngineScale(o: ScaleEngineOptions): Promise<ScaleEngineRun[]> {
  const dev = o.devSetPath && existsSync(o.devSetPath) ? loadDevSet(o.devSetPath).map((q) => q.question) : [];
  const out: ScaleEngineRun[] = [];
  for (const n of [...o.sizes].sort((a, b) => a - b)) {
    o.log?.(`scale ${n.toLocaleString('en')} chunks`);
    out.push(await runOne(n, o, dev));
    gc();
  }
  return out;
}
