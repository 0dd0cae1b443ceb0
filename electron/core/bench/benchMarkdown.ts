/**
 * `npm run bench`'s short Markdown table (bench/results.md): each figure beside its same-run
 * baseline, so a reader sees ratios rather than absolute numbers from an unknown machine.
 */
import type { EngineBench } from './benchEngine';
import type { WebStartupReport } from './webStartup';
import type { ScaleBenchResult } from '../retrieval/scaleBench';
import type { benchVoice } from './voiceBench';
import type { ScaleEngineRun } from './scaleEngine';

type VoiceReport = Awaited<ReturnType<typeof benchVoice>>;

export interface BenchReport {
  when: string;
  machine: { cpus: number; node: string };
  engine: EngineBench;
  webStartup: WebStartupReport | { skipped: string };
  voice: VoiceReport;
  hnswScale: (ScaleBenchResult & { speedupVsBruteForce: number })[];
  /** The whole engine on synthetic notes (10k and 100k chunks; quick: 2k and 10k). */
  engineScale?: ScaleEngineRun[];
}

const ms = (x: number): string => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms` : 'n/a');
const dur = (x: number): string => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : ms(x));
const ratio = (a: number, b: number): string => (b > 0 && Number.isFinite(a / b) ? `×${(a / b).toFixed(1)}` : '');

export function benchMarkdown(r: BenchReport): string {
  const e = r.engine;
  const lat = e.latencyMs;
  const retrieval = Object.fromEntries((e.retrieval ?? []).map((x) => [x.mode, x]));
  const rows: [string, string, string, string][] = [
    ['Index build (cold, ' + e.chunks + ' chunks)', ms(e.indexBuildMs), 'load from disk ' + ms(e.indexLoadMs), ''],
    ['Engine open, warm', ms(e.engineOpenWarmMs), 'cold ' + ms(e.engineOpenColdMs), ''],
    ['Query p50 / p95: lexical (BM25)', `${ms(lat.lexical.p50)} / ${ms(lat.lexical.p95)}`, 'baseline', ''],
    [
      'Query p50 / p95: dense (HNSW)',
      `${ms(lat.dense.p50)} / ${ms(lat.dense.p95)}`,
      `brute force ${ms(lat.bruteForceDense.p50)}`,
      '',
    ],
    [
      'Query p50 / p95: hybrid',
      `${ms(lat.hybrid.p50)} / ${ms(lat.hybrid.p95)}`,
      `BM25 ${ms(lat.lexical.p50)}`,
      ratio(lat.hybrid.p50, lat.lexical.p50),
    ],
    ...(lat.hybridRerank
      ? [
          [
            'Query p50 / p95: hybrid + unit rerank',
            `${ms(lat.hybridRerank.p50)} / ${ms(lat.hybridRerank.p95)}`,
            `hybrid ${ms(lat.hybrid.p50)}`,
            ratio(lat.hybridRerank.p50, lat.hybrid.p50),
          ] as [string, string, string, string],
        ]
      : []),
    ['Answer (ask, reranked) p50 / p95', `${ms(lat.ask.p50)} / ${ms(lat.ask.p95)}`, '', ''],
    [
      'Retrieval MRR: hybrid',
      String(retrieval.hybrid?.mrr ?? ''),
      `BM25 ${retrieval.lexical?.mrr ?? ''}, dense ${retrieval.dense?.mrr ?? ''}`,
      '',
    ],
    ...(retrieval['hybrid+rerank']
      ? [
          [
            'Retrieval recall@1 / MRR: hybrid + unit rerank',
            `${retrieval['hybrid+rerank'].recall1} / ${retrieval['hybrid+rerank'].mrr}`,
            `hybrid ${retrieval.hybrid?.recall1 ?? ''} / ${retrieval.hybrid?.mrr ?? ''}`,
            '',
          ] as [string, string, string, string],
        ]
      : []),
    ['Answers: keyword coverage / citation hit', `${e.answers?.keywordCoverage} / ${e.answers?.citationHit}`, '', ''],
    ['Out-of-scope abstention / false abstention', `${e.answers?.oosAbstain} / ${e.answers?.falseAbstain}`, '', ''],
  ];
  if ('median' in r.webStartup) {
    const w = r.webStartup;
    rows.push(
      [
        'Web start-up: launch → first paint',
        ms(w.median.launchToFcpMs),
        `static page FCP ${ms(w.baseline.staticPageFcpMs)}`,
        '',
      ],
      [
        'Web start-up: launch → interactive',
        ms(w.median.launchToInteractiveMs),
        `server ready ${ms(w.median.serverReadyMs)}`,
        '',
      ],
      [
        'Answer shown after the core returns it (p50 / max)',
        `${ms(w.answerRender.p50Ms)} / ${ms(w.answerRender.maxMs)}`,
        '',
        '',
      ],
    );
  }
  const v = r.voice;
  if (v.stt) {
    const m = v.stt.model;
    rows.push([
      `STT real-time factor${'id' in m ? ` (${m.id})` : ''}`,
      'realTimeFactor' in m ? String(m.realTimeFactor) : `n/a: ${m.skipped}`,
      `around the model (decode, resample, VAD, clean-up) ${v.stt.frontEnd.realTimeFactor}`,
      '',
    ]);
  }
  rows.push([
    'Log-mel features per audio second',
    ms(v.features.msPerAudioSecond),
    `transformers.js ${ms(v.features.transformersJsMsPerAudioSecond)}`,
    ratio(v.features.transformersJsMsPerAudioSecond, v.features.msPerAudioSecond) + ' faster',
  ]);
  if ('timeToFirstAudioMs' in v.tts && v.tts.timeToFirstAudioMs && v.tts.timesRealTime)
    rows.push([
      `TTS (${v.tts.engine}): first audio p50 / max`,
      `${ms(v.tts.timeToFirstAudioMs.p50)} / ${ms(v.tts.timeToFirstAudioMs.max)}`,
      `×${v.tts.timesRealTime.p50} real time`,
      '',
    ]);
  rows.push(['VAD end-pointing error (max)', ms(v.vad.endErrorMs.max), `${v.vad.cases} generated utterances`, '']);
  for (const h of r.hnswScale)
    rows.push([
      `HNSW ${h.n.toLocaleString('en')} × ${h.dims}-d (${h.dataMode}), ef ${h.efSearch}`,
      `${ms(h.queryP50Ms)}, recall@10 ${h.recallAt10}`,
      `brute force ${ms(h.bruteForceP50Ms)}`,
      `×${h.speedupVsBruteForce} faster`,
    ]);
  for (const s of r.engineScale ?? []) rows.push(...scaleRows(s));
  const table = rows.map((c) => `| ${c.join(' | ')} |`).join('\n');
  return [
    `# Bench — ${r.when} (${r.machine.cpus} CPUs, Node ${r.machine.node}, ${e.embedder.kind} embedder)`,
    '',
    '| Figure | Value | Same-run baseline | Ratio |',
    '|---|---|---|---|',
    table,
    '',
  ].join('\n');
}

/** Rows for one synthetic-notes scale run: build, start-up, query and answer time, quality. */
function scaleRows(s: ScaleEngineRun): [string, string, string, string][] {
  const n = `Scale ${s.chunks.toLocaleString('en')} chunks`;
  const lat = s.latencyMs;
  const b = s.buildStagesMs;
  return [
    [
      `${n}: index build (cold)`,
      dur(s.indexBuildMs),
      `embed ${dur(b['embed chunks'] ?? NaN)}, HNSW ${dur(b['hnsw build'] ?? NaN)}, BM25 ${dur(b.lexical ?? NaN)}`,
      '',
    ],
    [
      `${n}: start-up (index load, fresh process)`,
      dur(s.indexLoadMs),
      `RSS ${s.rssMb} MB (heap ${s.heapUsedMb} MB)`,
      '',
    ],
    [
      `${n}: query p50 / p95 hybrid`,
      `${ms(lat.hybrid.p50)} / ${ms(lat.hybrid.p95)}`,
      `BM25 ${ms(lat.lexical.p50)} / ${ms(lat.lexical.p95)}`,
      ratio(lat.hybrid.p50, lat.lexical.p50),
    ],
    [
      `${n}: dense (HNSW) p50, recall@10`,
      `${ms(lat.dense.p50)}, ${s.denseRecallAt10}`,
      `brute force ${ms(lat.bruteForceDense.p50)}`,
      `${ratio(lat.bruteForceDense.p50, lat.dense.p50)} faster`,
    ],
    [
      `${n}: answer (ask) p50 / p95`,
      `${ms(lat.ask.p50)} / ${ms(lat.ask.p95)}`,
      `first ask ${ms(lat.askFirst.p50)} / ${ms(lat.askFirst.p95)}`,
      '',
    ],
    [
      `${n}: dev-set MRR hybrid (notes among synthetic ones)`,
      String(s.devMrr?.hybrid ?? 'n/a'),
      `BM25 ${s.devMrr?.lexical ?? 'n/a'}, dense ${s.devMrr?.dense ?? 'n/a'}; heading hit@10 ${s.headingHitAt10.hybrid}`,
      '',
    ],
  ];
}
