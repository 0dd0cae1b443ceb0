import type { Chunk } from '../knowledge/types';
import type { TermModel } from './composeAnswer';

/**
 * Evidence for "do the notes cover this question?". Scores of BM25 and cosine are not comparable
 * across embedders and queries, so the decision rests on vocabulary: are the question's
 * informative words in the notes at all, and do the top sections contain them?
 */
export interface AbstentionFeatures {
  /** IDF-weighted share of the question's terms found in the top sections (0..1). */
  coverage: number;
  /** IDF-weighted share of the question's terms absent from the notes entirely (0..1). */
  unknownShare: number;
  /** Question words (as typed) that the notes never use, not even with a typo's distance. */
  unknownTerms: string[];
  /** Unknown words written like names (capitalised mid-sentence, or with digits/inner capitals). */
  unknownNames: string[];
  /** Number of informative terms in the question. */
  termCount: number;
}

export interface AbstentionThresholds {
  minCoverage: number;
  /** With an unknown name (e.g. a service the notes never mention), require more coverage. */
  minCoverageWithUnknownName: number;
  maxUnknownShare: number;
}

// Calibrated on the dev set's in-scope vs out-of-scope questions (see README).
export const DEFAULT_THRESHOLDS: AbstentionThresholds = {
  minCoverage: 0.45,
  minCoverageWithUnknownName: 0.75,
  maxUnknownShare: 0.5,
};

const WORD = /[A-Za-z0-9][A-Za-z0-9'’-]*/g;

function looksLikeName(word: string, index: number): boolean {
  if (/\d/.test(word) || /[a-z][A-Z]/.test(word)) return true;
  return index > 0 && /^[A-Z]/.test(word);
}

export function assessCoverage(question: string, top: Chunk[], terms: TermModel): AbstentionFeatures {
  const inTop = new Set<string>();
  for (const c of top) for (const t of terms.analyze(`${c.headingPath.join(' ')} ${c.text}`)) inTop.add(t);

  const seen = new Set<string>();
  const weights: { w: number; covered: boolean; unknown: boolean }[] = [];
  const unknownTerms: string[] = [];
  const unknownNames: string[] = [];
  let maxWeight = 0;
  const words = question.match(WORD) ?? [];
  const resolvedWords = words.map((word, i) => {
    const analysed = terms.analyze(word);
    return analysed.map((t) => ({ word, i, t, resolved: terms.resolve(t) }));
  });
  for (const group of resolvedWords) for (const r of group) if (r.resolved) maxWeight = Math.max(maxWeight, terms.weight(r.resolved));
  maxWeight = Math.max(maxWeight, 1);

  for (const group of resolvedWords) {
    for (const { word, i, t, resolved } of group) {
      if (seen.has(t)) continue;
      seen.add(t);
      if (!resolved) {
        unknownTerms.push(word);
        if (looksLikeName(word, i)) unknownNames.push(word);
        weights.push({ w: maxWeight, covered: false, unknown: true });
      } else {
        weights.push({ w: terms.weight(resolved), covered: inTop.has(resolved), unknown: false });
      }
    }
  }
  const total = weights.reduce((a, x) => a + x.w, 0);
  if (total === 0) return { coverage: 0, unknownShare: 0, unknownTerms, unknownNames, termCount: 0 };
  return {
    coverage: weights.filter((x) => x.covered).reduce((a, x) => a + x.w, 0) / total,
    unknownShare: weights.filter((x) => x.unknown).reduce((a, x) => a + x.w, 0) / total,
    unknownTerms,
    unknownNames,
    termCount: weights.length,
  };
}

export function decideAbstention(f: AbstentionFeatures, th: AbstentionThresholds = DEFAULT_THRESHOLDS): boolean {
  if (f.termCount === 0) return true;
  if (f.unknownShare > th.maxUnknownShare) return true;
  if (f.coverage < th.minCoverage) return true;
  return f.unknownNames.length > 0 && f.coverage < th.minCoverageWithUnknownName;
}
