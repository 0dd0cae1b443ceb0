import { readFileSync } from 'node:fs';
import type { FusionParams, KnowledgeEngine, SearchMode } from '../engine/KnowledgeEngine';

// Same normalisation as ../shared/eval/score.mjs, so our figures match the scorer's.
const MOJIBAKE: [string, string][] = [
  ['\u201a\u00c4\u00ee', '-'],
  ['\u201a\u00c4\u00ec', '-'],
  ['\u201a\u00c4\u00fa', '"'],
  ['\u201a\u00c4\u00f9', '"'],
  ['\u201a\u00c4\u00f4', "'"],
  ['\u00fc\u00ec\u00e5', ''],
];
export function normForScore(s: string | null | undefined): string {
  return MOJIBAKE.reduce((acc, [bad, good]) => acc.split(bad).join(good), s ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2014\u2013]/g, '-')
    .replace(/[\u2018\u2019\u201c\u201d"'`*_#>[\]()]/g, '')
    .replace(/\p{Extended_Pictographic}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}
const normHeading = (h: string): string => normForScore(h).replace(/^\d+\.\s*/, '');

export interface DevQuestion {
  id: string;
  question: string;
  kind: string;
  gold_headings: string[];
  gold_quote: string | null;
  answer_keywords: string[];
  phase: string;
}

export function loadDevSet(file: string): DevQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DevQuestion);
}

/** The scorer's hit rule: the chunk holds the gold quote, or (split sections) a gold heading and most of its words. */
export function isGoldHit(q: DevQuestion, hit: { text: string; headingPath: string[] }): boolean {
  if (!q.gold_quote) return false;
  const text = normForScore(hit.text);
  if (text.includes(normForScore(q.gold_quote))) return true;
  const path = hit.headingPath.map(normHeading);
  if (!q.gold_headings.some((h) => path.includes(normHeading(h)))) return false;
  const qw = normForScore(q.gold_quote)
    .split(' ')
    .filter((w) => w.length > 2);
  const tw = new Set(text.split(' '));
  return qw.length > 0 && qw.filter((w) => tw.has(w)).length / qw.length >= 0.6;
}

export interface RetrievalScores {
  mode: SearchMode | `${SearchMode}+rerank`;
  questions: number;
  recall1: number;
  recall5: number;
  mrr: number;
  misses: string[];
}

/** Recall@1/5 and MRR of one retrieval mode over the in-scope questions. */
export async function scoreRetrieval(
  engine: KnowledgeEngine,
  qs: DevQuestion[],
  mode: SearchMode,
  fusion?: Partial<FusionParams>,
  rerank = false,
): Promise<RetrievalScores> {
  const inScope = qs.filter((q) => q.kind !== 'out_of_scope');
  let r1 = 0;
  let r5 = 0;
  let mrr = 0;
  const misses: string[] = [];
  for (const q of inScope) {
    const hits = await engine.search(q.question, { k: 10, mode, fusion, rerank });
    const rank = hits.findIndex((h) => isGoldHit(q, h.chunk));
    if (rank === 0) r1++;
    if (rank >= 0 && rank < 5) r5++;
    if (rank >= 0) mrr += 1 / (rank + 1);
    if (rank < 0 || rank >= 5) misses.push(q.id);
  }
  const n = inScope.length || 1;
  const round = (x: number): number => Number(x.toFixed(3));
  return {
    mode: rerank ? `${mode}+rerank` : mode,
    questions: inScope.length,
    recall1: round(r1 / n),
    recall5: round(r5 / n),
    mrr: round(mrr / n),
    misses,
  };
}

export interface AnswerScores {
  keywordCoverage: number;
  citationHit: number;
  falseAbstain: number;
  oosAbstain: number;
}

/** The scorer's answer-level metrics: keywords in the answer, gold cited, abstention both ways. */
export async function scoreAnswers(engine: KnowledgeEngine, qs: DevQuestion[]): Promise<AnswerScores> {
  let kw = 0;
  let cited = 0;
  let falseAbstain = 0;
  let oos = 0;
  let oosAbstain = 0;
  const inScope = qs.filter((q) => q.kind !== 'out_of_scope').length || 1;
  for (const q of qs) {
    const r = await engine.ask(q.question);
    if (q.kind === 'out_of_scope') {
      oos++;
      if (r.abstained) oosAbstain++;
      continue;
    }
    if (r.abstained) falseAbstain++;
    const a = normForScore(r.answer);
    kw += q.answer_keywords.filter((k) => a.includes(normForScore(k))).length / Math.max(1, q.answer_keywords.length);
    if (r.citations.some((c) => isGoldHit(q, c))) cited++;
  }
  const round = (x: number): number => Number(x.toFixed(3));
  return {
    keywordCoverage: round(kw / inScope),
    citationHit: round(cited / inScope),
    falseAbstain: round(falseAbstain / inScope),
    oosAbstain: round(oos ? oosAbstain / oos : 0),
  };
}
