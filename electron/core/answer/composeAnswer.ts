import type { Chunk } from '../knowledge/types';
import { unitsOfChunk, type AnswerUnit } from './segment';
import { comparisonParts, comparisonWeights } from './comparison';

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
  /** Units of the lead section at least this share of the best unit's relevance join it. */
  companionShare?: number;
  /** A second section joins only if it covers at least this share of the question still uncovered. */
  minGain?: number;
  /** A different section's best unit joins when its relevance reaches this share of the lead's. */
  runnerUpShare?: number;
  /** Synonyms of the question's words ("two-factor" → "MFA"), counted at half weight. */
  expansions?: string[];
  /** Semantic similarity of a unit's plain text to the question (from the embedder), if known. */
  similarity?: (plain: string) => number | undefined;
  /** How rare a question word is in everyday English, 0..1 (lexicon.ts); unknown: all count. */
  rarity?: (term: string) => number;
}

/** An extra section joins only with at least this share of the lead unit's relevance. */
const ADDITION_RELEVANCE = 0.3;
/** …and with at least this share when it only covers everyday words of the question. */
const GENERIC_ADDITION_RELEVANCE = 0.5;

interface Candidate {
  unit: AnswerUnit;
  source: number;
  terms: Set<string>;
  /** Terms of the section's headings (below the phase): what the section is about. */
  about: Set<string>;
  words: number;
  relevance: number;
}

/** Every unit of the top chunks, as the composer sees it (the engine embeds these for `similarity`). */
export function answerUnitsOf(ranked: RankedChunk[], maxSources = 5): AnswerUnit[] {
  return ranked.slice(0, maxSources).flatMap((s) => unitsOfChunk(s.chunk));
}

/**
 * Extractive answer. The lead is the most relevant unit of the best sections (question terms it
 * holds, IDF-weighted, plus semantic similarity); its close runners-up from the same section
 * join it; then other sections are added only while they cover parts of the question still
 * uncovered, which is what makes "X vs Y" and two-part questions pull from both sections.
 */
export function composeAnswer(
  question: string,
  ranked: RankedChunk[],
  terms: TermModel,
  opts: ComposeOptions = {},
): ComposedAnswer {
  const maxSources = opts.maxSources ?? 5;
  const maxUnits = opts.maxUnits ?? 5;
  const companionShare = opts.companionShare ?? 0.6;
  const minGain = opts.minGain ?? 0.2;
  const sources = ranked.slice(0, maxSources);
  const compared = comparisonParts(question, terms);
  const qTerms = comparisonWeights(questionTerms(question, terms), compared);
  const totalWeight = [...qTerms.values()].reduce((a, b) => a + b, 0) || 1;
  // Synonyms help pick a unit but are not parts of the question to cover.
  const synonymTerms = new Map<string, number>();
  for (const raw of terms.analyze((opts.expansions ?? []).join(' '))) {
    const t = terms.resolve(raw);
    if (t && !qTerms.has(t)) synonymTerms.set(t, 0.5 * terms.weight(t));
  }

  const candidates: Candidate[] = sources.flatMap((s, source) => {
    const heading = terms.analyze(s.chunk.headingPath.slice(-1).join(' '));
    const about = new Set(terms.analyze(s.chunk.headingPath.slice(1).join(' ')));
    return unitsOfChunk(s.chunk).map((unit) => {
      const own = new Set(terms.analyze(unit.plain));
      const all = new Set([...own, ...heading]);
      let lexical = 0;
      for (const [t, w] of qTerms) if (own.has(t)) lexical += w;
      for (const [t, w] of synonymTerms) if (own.has(t)) lexical += w;
      const words = unit.plain.split(' ').length;
      const semantic = opts.similarity?.(unit.plain) ?? 0;
      // Rank prior: the retriever's order is the strongest evidence we have about the section.
      const prior = 1 / (1 + 0.3 * source);
      const lengthPenalty = Math.max(0, words - 60) / 400;
      const relevance = (lexical / totalWeight + semantic - lengthPenalty) * prior;
      return { unit, source, terms: all, about, words, relevance };
    });
  });
  if (candidates.length === 0) return { markdown: '', citations: [] };

  const byRelevance = [...candidates].sort((a, b) => b.relevance - a.relevance);
  const lead = byRelevance[0];
  const chosen: Candidate[] = [lead];
  for (const c of byRelevance.slice(1)) {
    if (chosen.length >= 3) break;
    if (c.source === lead.source && c.relevance >= companionShare * lead.relevance) chosen.push(c);
  }
  // A runner-up section nearly as relevant as the lead is worth showing too: retrieval's top
  // two are often the answer and its closest neighbour, and the learner sees both cited.
  const runnerUp = byRelevance.find((c) => c.source !== lead.source);
  if (runnerUp && runnerUp.relevance >= (opts.runnerUpShare ?? 0.7) * lead.relevance) chosen.push(runnerUp);
  const covered = new Set<string>();
  const cover = (c: Candidate): void => {
    for (const t of qTerms.keys()) if (c.terms.has(t)) covered.add(t);
  };
  chosen.forEach(cover);
  const gainOf = (c: Candidate): number => {
    let g = 0;
    for (const [t, w] of qTerms) if (!covered.has(t) && c.terms.has(t)) g += w;
    return g / totalWeight;
  };
  // A section not yet quoted must bring a word that names something ("Braket", "NACL"), not only
  // an everyday one ("used", "difference"), or "what is X used for?" pulls in any "… are used for".
  // A unit nearly as relevant as the lead is exempt: it answers the question's other part.
  const namesSomething = (c: Candidate): boolean => {
    if (!opts.rarity || c.relevance >= GENERIC_ADDITION_RELEVANCE * lead.relevance) return true;
    for (const t of qTerms.keys()) if (!covered.has(t) && c.terms.has(t) && opts.rarity(t) >= 0.5) return true;
    return false;
  };
  while (chosen.length < maxUnits) {
    let best: Candidate | null = null;
    let bestValue = 0;
    for (const c of candidates) {
      if (chosen.includes(c)) continue;
      if (!chosen.some((x) => x.source === c.source) && !namesSomething(c)) continue;
      const gain = gainOf(c);
      // covering one leftover word ("difference") is not enough: the unit must be relevant itself
      if (gain < minGain || c.relevance < ADDITION_RELEVANCE * lead.relevance) continue;
      const value = gain + 0.5 * c.relevance;
      if (value > bestValue) {
        best = c;
        bestValue = value;
      }
    }
    if (!best) break;
    chosen.push(best);
    cover(best);
  }
  // In a comparison each thing compared is quoted from its own section when the sources have one:
  // CloudTrail's "sends logs to CloudWatch Logs" mentions CloudWatch but is not about it.
  for (const part of compared ?? []) {
    const isAbout = (c: Candidate): boolean => part.some((t) => c.about.has(t));
    if (chosen.some(isAbout)) continue;
    const own = candidates
      .filter((c) => isAbout(c) && !chosen.includes(c) && c.relevance >= ADDITION_RELEVANCE * lead.relevance)
      .sort((a, b) => b.relevance - a.relevance)[0];
    if (own) chosen.push(own);
  }
  return render(chosen, sources);
}

/** The question's terms as the notes spell them, with their weights. */
export function questionTerms(question: string, terms: TermModel): Map<string, number> {
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
  let i = 0;
  let lastContext: string | undefined;
  while (i < units.length) {
    const u = units[i];
    if (u.context && u.context !== lastContext) {
      flush();
      out.push(u.context);
    }
    lastContext = u.context;
    if (u.kind === 'sentence') {
      paragraph.push(u.markdown);
      i++;
      continue;
    }
    flush();
    if (u.tableHeader) {
      // rows of one table picked together render as one table under a single header
      const rows: string[] = [];
      while (i < units.length && units[i].tableHeader === u.tableHeader) {
        rows.push(units[i].markdown.slice(u.tableHeader.length + 1));
        i++;
      }
      out.push(`${u.tableHeader}\n${rows.join('\n')}`);
      continue;
    }
    out.push(u.markdown);
    i++;
  }
  flush();
  // Consecutive list items stay one list; other blocks are separated by a blank line.
  return out.reduce((acc, block, n) => {
    if (n === 0) return block;
    const bothItems = /^\s*([-*+]|\d+[.)])\s/.test(block) && /^\s*([-*+]|\d+[.)])\s/m.test(out[n - 1]);
    return acc + (bothItems ? '\n' : '\n\n') + block;
  }, '');
}
