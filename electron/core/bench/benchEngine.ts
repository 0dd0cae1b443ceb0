import { existsSync } from 'node:fs';
import { KnowledgeEngine, type OpenEngineOptions, type SearchMode } from '../engine/KnowledgeEngine';
import { loadDevSet, scoreAnswers, scoreRetrieval, type RetrievalScores } from '../eval/devEval';

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

export function round(x: number, digits = 2): number {
  return Number(x.toFixed(digits));
}

async function timeIt<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

/** p50/p95 of `fn` over every question, after one warm-up pass (caches and JIT warm). */
export async function latency(questions: string[], rounds: number, fn: (q: string) => Promise<unknown>) {
  for (const q of questions) await fn(q);
  const ms: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const t0 = performance.now();
      await fn(q);
      ms.push(performance.now() - t0);
    }
  }
  ms.sort((a, b) => a - b);
  return { p50: round(percentile(ms, 0.5), 3), p95: round(percentile(ms, 0.95), 3), n: ms.length };
}

export interface EngineBench {
  embedder: { modelId: string; kind: string };
  domainModelBuildMs: number | null;
  indexBuildMs: number;
  engineOpenColdMs: number;
  indexLoadMs: number;
  engineOpenWarmMs: number;
  chunks: number;
  latencyMs: Record<string, { p50: number; p95: number; n: number }>;
  /** Hybrid search p50 divided by exact brute-force dense search p50, same questions, same run. */
  hybridVsBruteForceP50: number;
  retrieval: RetrievalScores[] | null;
  answers: { keywordCoverage: number; citationHit: number; falseAbstain: number; oosAbstain: number } | null;
}

/**
 * Opens the engine cold (fresh data folder: model built if needed, index built), then again warm
 * (index loaded from disk), and measures queries and dev-set quality on the warm engine.
 */
export async function benchEngine(opts: {
  base: Omit<OpenEngineOptions, 'dataDir'>;
  coldDataDir: string;
  devSetPath: string;
  rounds: number;
}): Promise<EngineBench> {
  const cold = await timeIt(() => KnowledgeEngine.open({ ...opts.base, dataDir: opts.coldDataDir }));
  const warm = await timeIt(() => KnowledgeEngine.open({ ...opts.base, dataDir: opts.coldDataDir }));
  const engine = warm.value;
  const dev = existsSync(opts.devSetPath) ? loadDevSet(opts.devSetPath) : [];
  const questions = dev.length
    ? dev.map((q) => q.question)
    : ['what is an S3 storage class', 'how does a NAT gateway work'];

  const latencyMs: EngineBench['latencyMs'] = {};
  for (const mode of ['lexical', 'dense', 'hybrid'] as SearchMode[]) {
    latencyMs[mode] = await latency(questions, opts.rounds, (q) => engine.search(q, { k: 10, mode }));
  }
  latencyMs.hybridRerank = await latency(questions, opts.rounds, (q) => engine.search(q, { k: 10, rerank: true }));
  latencyMs.bruteForceDense = await latency(questions, opts.rounds, (q) => engine.bruteForceDenseSearch(q, 10));
  latencyMs.ask = await latency(questions, opts.rounds, (q) => engine.ask(q));

  const info = engine.info();
  return {
    embedder: { modelId: info.embedder.modelId, kind: info.embedder.kind },
    domainModelBuildMs: cold.value.info().modelBuildMs,
    indexBuildMs: round(cold.value.info().index.ms),
    engineOpenColdMs: round(cold.ms),
    indexLoadMs: round(info.index.ms),
    engineOpenWarmMs: round(warm.ms),
    chunks: info.chunks,
    latencyMs,
    hybridVsBruteForceP50: round(latencyMs.hybrid.p50 / latencyMs.bruteForceDense.p50, 2),
    retrieval: dev.length
      ? [
          ...(await Promise.all(
            (['lexical', 'dense', 'hybrid'] as SearchMode[]).map((m) => scoreRetrieval(engine, dev, m)),
          )),
          await scoreRetrieval(engine, dev, 'hybrid', undefined, true),
        ]
      : null,
    answers: dev.length ? await scoreAnswers(engine, dev) : null,
  };
}
