import type { LexicalIndex } from '../retrieval/lexicalIndex';
import type { TermModel } from '../answer/composeAnswer';

/**
 * The notes' vocabulary as the answer composer and abstention see it: the lexical index's own
 * analysis, typo resolution and document frequencies, so all three agree on what a term is.
 */
export function termModelOf(lexical: LexicalIndex): TermModel & { forget(): void } {
  const resolved = new Map<string, string | null>();
  return {
    /** The vocabulary changed (topics added or removed): typo resolutions must be redone. */
    forget: () => resolved.clear(),
    analyze: (text) => lexical.analyze(text),
    resolve(term) {
      if (resolved.has(term)) return resolved.get(term) ?? null;
      // terms arrive analysed already, so look them up directly before trying a typo match
      const vocab = lexical.vocabulary();
      // "gpus" -> "gpu": the stemmer leaves "-us" endings alone (status), so try the singular too
      const singular = term.endsWith('s') ? term.slice(0, -1) : null;
      const hit = vocab.has(term)
        ? term
        : singular && vocab.has(singular)
          ? singular
          : (lexical.closestTerm(term)?.term ?? prefixOf(vocab, term));
      resolved.set(term, hit);
      return hit;
    },
    weight(term) {
      const n = Math.max(1, lexical.size);
      const df = lexical.vocabulary().get(term) ?? 0;
      // BM25-style IDF, floored so that very common terms still count a little.
      return Math.max(0.1, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
    },
  };
}

/** "dynamo" -> "dynamodb": learners shorten names; the most frequent completion wins. */
function prefixOf(vocab: ReadonlyMap<string, number>, term: string): string | null {
  if (term.length < 4) return null;
  let best: string | null = null;
  let bestDf = 0;
  for (const [v, df] of vocab) {
    if (v.length > term.length && v.length <= term.length + 4 && v.startsWith(term) && df > bestDf) {
      best = v;
      bestDf = df;
    }
  }
  return best;
}
