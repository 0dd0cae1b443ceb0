// A second stage over the fused top hits: each chunk is judged by its single best answer unit
// (a sentence, list item or table row) rather than as a whole. A chunk that holds one unit
// covering the question, under a heading that names the topic, moves up past chunks that only
// mention the question's words here and there. It is the answer composer's own notion of a
// relevant unit, applied to ranking, so the passage listed first is the one the answer quotes.
import { unitsOfChunk } from '../answer/segment';
import { questionTerms, type RankedChunk, type TermModel } from '../answer/composeAnswer';
import { comparisonParts, comparisonWeights } from '../answer/comparison';

export interface UnitRerankOptions {
  /** How many of the fused hits are reordered (the rest keep their place after them). */
  depth?: number;
  /** The fused rank still counts: a chunk's score is divided by 1 + rankDecay × its rank. */
  rankDecay?: number;
  /** Weight of the unit's semantic similarity next to its term coverage (0..1 each). */
  semanticWeight?: number;
}

/** The same constants as the composer's (rank prior 0.3, similarity weight 1), not tuned anew. */
export const UNIT_RERANK_DEFAULTS: Required<UnitRerankOptions> = { depth: 8, rankDecay: 0.3, semanticWeight: 1 };

/** The plain text of every unit the reranker will score, so the caller can embed them in one batch. */
export function rerankUnits(hits: RankedChunk[], depth = UNIT_RERANK_DEFAULTS.depth): string[] {
  return hits.slice(0, depth).flatMap((h) => unitsOfChunk(h.chunk).map((u) => u.plain));
}

/** Best unit score of one chunk: share of the question's weight it covers (with its heading) + similarity. */
function bestUnitScore(
  hit: RankedChunk,
  qTerms: Map<string, number>,
  total: number,
  terms: TermModel,
  similarity: (plain: string) => number | undefined,
  semanticWeight: number,
): number {
  const heading = new Set(terms.analyze(hit.chunk.headingPath.slice(-1).join(' ')));
  let best = 0;
  for (const unit of unitsOfChunk(hit.chunk)) {
    const own = new Set(terms.analyze(unit.plain));
    let covered = 0;
    for (const [t, w] of qTerms) if (own.has(t) || heading.has(t)) covered += w;
    const words = unit.plain.split(' ').length;
    const lengthPenalty = Math.max(0, words - 60) / 400;
    best = Math.max(best, covered / total + semanticWeight * (similarity(unit.plain) ?? 0) - lengthPenalty);
  }
  return best;
}

/** The hits reordered by their best unit (top `depth` only); scores become the rerank scores. */
export function rerankByUnits<T extends RankedChunk>(
  question: string,
  hits: T[],
  terms: TermModel,
  similarity: (plain: string) => number | undefined,
  opts: UnitRerankOptions = {},
): T[] {
  const { depth, rankDecay, semanticWeight } = { ...UNIT_RERANK_DEFAULTS, ...opts };
  const qTerms = comparisonWeights(questionTerms(question, terms), comparisonParts(question, terms));
  const total = [...qTerms.values()].reduce((a, b) => a + b, 0);
  if (total === 0 || hits.length < 2) return hits;
  const head = hits.slice(0, depth).map((hit, rank) => ({
    hit,
    rank,
    score: bestUnitScore(hit, qTerms, total, terms, similarity, semanticWeight) / (1 + rankDecay * rank),
  }));
  // Ties keep the fused order.
  head.sort((a, b) => b.score - a.score || a.rank - b.rank);
  return [...head.map((h) => ({ ...h.hit, score: h.score })), ...hits.slice(depth)];
}
