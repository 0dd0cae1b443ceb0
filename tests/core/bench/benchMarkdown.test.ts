import { describe, expect, it } from 'vitest';
import { benchMarkdown, type BenchReport } from '../../../electron/core/bench/benchMarkdown';

const lat = (p50: number, p95 = p50 * 2) => ({ p50, p95, n: 60 });

const report = {
  when: '2026-11-25T00:00:00Z',
  machine: { cpus: 2, node: 'v20' },
  engine: {
    embedder: { modelId: 'm', kind: 'static-domain' },
    domainModelBuildMs: null,
    indexBuildMs: 300,
    engineOpenColdMs: 800,
    indexLoadMs: 3,
    engineOpenWarmMs: 80,
    chunks: 87,
    latencyMs: {
      lexical: lat(0.2),
      dense: lat(0.05),
      hybrid: lat(0.4),
      bruteForceDense: lat(0.03),
      ask: lat(0.7),
      hybridRerank: lat(0.8),
    },
    hybridVsBruteForceP50: 13,
    retrieval: [
      { mode: 'lexical', questions: 55, recall1: 0.87, recall5: 1, mrr: 0.926, misses: [] },
      { mode: 'hybrid', questions: 55, recall1: 0.84, recall5: 1, mrr: 0.909, misses: [] },
      { mode: 'hybrid+rerank', questions: 55, recall1: 0.855, recall5: 1, mrr: 0.915, misses: [] },
    ],
    answers: { keywordCoverage: 0.82, citationHit: 0.91, falseAbstain: 0, oosAbstain: 1 },
  },
  webStartup: { skipped: 'no Chromium' },
  voice: {
    stt: { frontEnd: { realTimeFactor: 0.0017 }, model: { skipped: 'weights not installed' } },
    features: { msPerAudioSecond: 2, transformersJsMsPerAudioSecond: 30 },
    tts: { skipped: 'no text-to-speech engine available' },
    vad: { cases: 30, endErrorMs: { p50: 0.1, max: 0.3 } },
  },
  hnswScale: [
    {
      n: 100000,
      dims: 384,
      dataMode: 'lowrank',
      efSearch: 200,
      queryP50Ms: 0.95,
      recallAt10: 0.988,
      bruteForceP50Ms: 47,
      speedupVsBruteForce: 49.5,
    },
  ],
  engineScale: [
    {
      chunks: 100000,
      indexBuildMs: 35000,
      buildStagesMs: { 'embed chunks': 17000, 'hnsw build': 12000, lexical: 1900 },
      indexLoadMs: 6000,
      rssMb: 900,
      heapUsedMb: 400,
      latencyMs: {
        lexical: lat(6),
        dense: lat(0.4),
        hybrid: lat(7),
        bruteForceDense: lat(32),
        ask: lat(8),
        askFirst: lat(11),
      },
      denseRecallAt10: 0.95,
      headingHitAt10: { lexical: 1, dense: 0.2, hybrid: 1 },
      devMrr: { lexical: 0.79, dense: 0.39, hybrid: 0.73 },
    },
  ],
} as unknown as BenchReport;

describe('benchMarkdown', () => {
  it('puts each figure beside its same-run baseline, with ratios', () => {
    const md = benchMarkdown(report);
    const row = (label: string): string => md.split('\n').find((l) => l.startsWith(`| ${label}`)) ?? '';
    expect(row('Query p50 / p95: hybrid')).toContain('BM25 0.20 ms');
    expect(row('Query p50 / p95: hybrid')).toContain('×2.0');
    expect(row('Log-mel features')).toContain('×15.0 faster');
    expect(row('Query p50 / p95: hybrid + unit rerank')).toContain('×2.0');
    expect(row('STT real-time factor')).toContain('n/a: weights not installed');
    expect(row('STT real-time factor')).toContain('0.0017');
    expect(row('Retrieval recall@1 / MRR: hybrid + unit rerank')).toContain('0.855 / 0.915');
    expect(row('Retrieval recall@1 / MRR: hybrid + unit rerank')).toContain('hybrid 0.84 / 0.909');
    expect(row('HNSW 100,000 × 384-d (lowrank)')).toContain('recall@10 0.988');
    expect(row('Retrieval MRR: hybrid')).toContain('BM25 0.926');
    expect(row('Scale 100,000 chunks: index build')).toContain('35.0 s');
    expect(row('Scale 100,000 chunks: index build')).toContain('HNSW 12.0 s');
    expect(row('Scale 100,000 chunks: query p50 / p95 hybrid')).toContain('BM25 6.00 ms');
    expect(row('Scale 100,000 chunks: dense (HNSW)')).toContain('×80.0 faster');
  });

  it('leaves out what was skipped instead of printing empty rows', () => {
    const md = benchMarkdown(report);
    expect(md).not.toMatch(/Web start-up|TTS/);
  });
});
