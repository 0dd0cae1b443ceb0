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
    latencyMs: { lexical: lat(0.2), dense: lat(0.05), hybrid: lat(0.4), bruteForceDense: lat(0.03), ask: lat(0.7) },
    hybridVsBruteForceP50: 13,
    retrieval: [
      { mode: 'lexical', questions: 55, recall1: 0.87, recall5: 1, mrr: 0.926, misses: [] },
      { mode: 'hybrid', questions: 55, recall1: 0.84, recall5: 1, mrr: 0.909, misses: [] },
    ],
    answers: { keywordCoverage: 0.82, citationHit: 0.91, falseAbstain: 0, oosAbstain: 1 },
  },
  webStartup: { skipped: 'no Chromium' },
  voice: {
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
} as unknown as BenchReport;

describe('benchMarkdown', () => {
  it('puts each figure beside its same-run baseline, with ratios', () => {
    const md = benchMarkdown(report);
    const row = (label: string): string => md.split('\n').find((l) => l.startsWith(`| ${label}`)) ?? '';
    expect(row('Query p50 / p95: hybrid')).toContain('BM25 0.20 ms');
    expect(row('Query p50 / p95: hybrid')).toContain('×2.0');
    expect(row('Log-mel features')).toContain('×15.0 faster');
    expect(row('HNSW 100,000 × 384-d (lowrank)')).toContain('recall@10 0.988');
    expect(row('Retrieval MRR: hybrid')).toContain('BM25 0.926');
  });

  it('leaves out what was skipped instead of printing empty rows', () => {
    const md = benchMarkdown(report);
    expect(md).not.toMatch(/Web start-up|TTS/);
  });
});
