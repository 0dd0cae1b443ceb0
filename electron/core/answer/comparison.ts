// "S3 vs EBS vs EFS?", "difference between X and Y", "compare X and Y": each
// thing compared is a part of the question the answer must cover, however common its name is in
// the notes. Term weights are IDF-like, so a frequent name ("S3") would otherwise count for too
// little next to a rare one ("EFS") for its section to join the answer. The comparison words
// themselves ("vs") are markers, not content.
import type { TermModel } from './composeAnswer';

const MARKERS = new Set(['vs', 'versus', 'v']);
// Explicit comparisons only: a bare "or" is as often a choice inside one topic ("which one rotates
// secrets: X or Y?" is about rotation, and X should lead).
const COMPARISON = /\b(?:vs\.?|versus)\s|\bdifferences? between\b|\bcompare\b/i;
const SPLIT = /\s*(?:\bvs\.?|\bversus\b|\bor\b|\band\b|,|\/)\s*/i;

/** The compared parts' terms, when the question compares two or more things; else null. */
export function comparisonParts(question: string, terms: TermModel): string[][] | null {
  if (!COMPARISON.test(question)) return null;
  // The comparison is usually the clause with the marker: drop a lead-in ("difference between").
  const body = question.replace(/^.*?\bdifferences? between\b/i, '').replace(/[?!.]+\s*$/, '');
  const parts = body
    .split(SPLIT)
    .map((p) => [
      ...new Set(
        terms
          .analyze(p)
          .map((t) => terms.resolve(t))
          .filter((t): t is string => !!t),
      ),
    ])
    .map((ts) => ts.filter((t) => !MARKERS.has(t)))
    .filter((ts) => ts.length > 0);
  return parts.length >= 2 ? parts : null;
}

/**
 * Question term weights with comparison markers dropped and, given the question's comparisonParts,
 * each compared part raised to at least the parts' mean total weight (never lowered), so every
 * part is worth covering.
 */
export function comparisonWeights(weights: Map<string, number>, parts: string[][] | null): Map<string, number> {
  const out = new Map([...weights].filter(([t]) => !MARKERS.has(t)));
  if (!parts) return out.size ? out : weights;
  const sums = parts.map((p) => p.reduce((s, t) => s + (out.get(t) ?? 0), 0));
  const mean = sums.reduce((a, b) => a + b, 0) / sums.length;
  parts.forEach((p, i) => {
    if (sums[i] <= 0 || sums[i] >= mean) return;
    const scale = mean / sums[i];
    for (const t of p) if (out.has(t)) out.set(t, (out.get(t) ?? 0) * scale);
  });
  return out.size ? out : weights;
}
