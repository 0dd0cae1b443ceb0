import type { Chunk } from '../knowledge/types';
import { segmentChunk, type AnswerUnit } from './segment';

/** What the answer composer needs to know about the notes' vocabulary. */
export interface TermModel {
  /** Index terms of a text (same analysis as the lexical index). */
  analyze(text: string): string[];
  /** The notes' own term for a query term (itself, or its closest spelling), or null if unknown. */
  resolve(term: string): string | null;
  /** How informative a notes term is (IDF-like, > 0). */
  weight(term: string): number;
}

export interface RankedChunk {
  chunk: Chunk;
  score: number;
}

export interface Citation {
  /** 1-based marker used in the answer text, e.g. [1]. */
  marker: number;
  chunkId: string;
  headingPath: string[];
  text: string;
}

export interface ComposedAnswer {
  markdown: string;
  citations: Citation[];
}

export interface ComposeOptions {
  /** How many top chunks may contribute units. */
  maxSources?: number;
  /** Upper bound on quoted units, to keep answers short enough for chat. */
  maxUnits?: number;
  /** Stop adding units once the best remaining one adds less than this share of the question. */
  minGain?: number;
}

interface Candidate {
  unit: AnswerUnit;
  source: number;
  terms: Set<string>;
  words: number;
}

/**
 * Extractive answer: greedily picks the units that cover the most (IDF-weighted) question
 * terms not yet covered, with a prior for better-ranked chunks. Covering rather than
 * top-k scoring is what makes "X vs Y" and two-part questions pull from both sections.
 */
export function composeAnswer(
  question: string,
  ranked: RankedChunk[],
  terms: TermModel,
  opts: ComposeOptions = {},
): ComposedAnswer {
  const maxSources = opts.maxSources ?? 5;
  const maxUnits = opts.maxUnits ?? 5;
  const minGain = opts.minGain ?? 0.12;
  const sources = ranked.slice(0, maxSources);
  const qTerms = questionTerms(question, terms);
  const totalWeight = [...qTerms.values()].reduce((a, b) => a + b, 0) || 1;

  const candidates: Candidate[] = sources.flatMap((s, source) =>
    segmentChunk(s.chunk.text).map((unit) => ({
      unit,
      source,
      terms: new Set([...terms.analyze(unit.plain), ...terms.analyze(s.chunk.headingPath.slice(-1).join(' '))]),
      words: unit.plain.split(' ').length,
    })),
  );

  const covered = new Set<string>();
  const chosen: Candidate[] = [];
  const gainOf = (c: Candidate): number => {
    let g = 0;
    for (const [t, w] of qTerms) if (!covered.has(t) && c.terms.has(t)) g += w;
    return g / totalWeight;
  };
  // Better-ranked chunks and shorter units win ties; a table must earn its length.
  const priorOf = (c: Candidate): number => 1 / (1 + 0.35 * c.source) - Math.min(c.words, 120) / 2000;

  while (chosen.length < maxUnits) {
    let best: Candidate | null = null;
    let bestValue = -Infinity;
    let bestGain = 0;
    for (const c of candidates) {
      if (chosen.includes(c)) continue;
      const gain = gainOf(c);
      const value = gain + 0.08 * priorOf(c);
      if (value > bestValue) {
        best = c;
        bestValue = value;
        bestGain = gain;
      }
    }
    if (!best) break;
    // The first unit is always taken from the best source so the answer leads with the top hit.
    if (chosen.length === 0 && best.source !== 0 && candidates.some((c) => c.source === 0)) {
      const fromTop = candidates.filter((c) => c.source === 0).sort((a, b) => gainOf(b) - gainOf(a))[0];
      if (gainOf(fromTop) >= bestGain * 0.6) best = fromTop;
    } else if (chosen.length > 0 && bestGain < minGain) break;
    chosen.push(best);
    for (const t of qTerms.keys()) if (best.terms.has(t)) covered.add(t);
  }
  if (chosen.length === 0 && candidates.length > 0) chosen.push(candidates[0]);
  return render(chosen, sources);
}

function questionTerms(question: string, terms: TermModel): Map<string, number> {
  const out = new Map<string, number>();
  for (const raw of terms.analyze(question)) {
    const t = terms.resolve(raw);
    if (t) out.set(t, terms.weight(t));
  }
  return out;
}

function render(chosen: Candidate[], sources: RankedChunk[]): ComposedAnswer {
  // Group by source in the order sources were first used; units in reading order inside a group.
  const order: number[] = [];
  for (const c of chosen) if (!order.includes(c.source)) order.push(c.source);
  const citations: Citation[] = [];
  const parts: string[] = [];
  for (const src of order) {
    const chunk = sources[src].chunk;
    const marker = citations.length + 1;
    citations.push({ marker, chunkId: chunk.id, headingPath: chunk.headingPath, text: chunk.text });
    const units = chosen.filter((c) => c.source === src).sort((a, b) => a.unit.position - b.unit.position);
    parts.push(`**${sectionLabel(chunk.headingPath)}** [${marker}]\n\n${joinUnits(units.map((u) => u.unit))}`);
  }
  return { markdown: parts.join('\n\n'), citations };
}

/** "Amazon S3 › Storage Classes": the last two headings name a section well enough for chat. */
export function sectionLabel(headingPath: string[]): string {
  const path = headingPath.length > 1 ? headingPath.slice(1) : headingPath;
  return path.slice(-2).join(' › ');
}

function joinUnits(units: AnswerUnit[]): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length) out.push(paragraph.join(' '));
    paragraph = [];
  };
  for (const u of units) {
    if (u.kind === 'sentence') {
      paragraph.push(u.markdown);
      continue;
    }
    flush();
    out.push(u.markdown);
  }
  flush();
  // Consecutive list items stay one list; other blocks are separated by a blank line.
  return out.reduce((acc, block, i) => {
    if (i === 0) return block;
    const bothItems = /^\s*([-*+]|\d+[.)])\s/.test(block) && /^\s*([-*+]|\d+[.)])\s/m.test(out[i - 1]);
    return acc + (bothItems ? '\n' : '\n\n') + block;
  }, '');
}
