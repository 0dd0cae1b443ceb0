import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { boundedLevenshtein } from '../retrieval/textNorm';

/**
 * Everyday English words, taken from the WordPiece vocabulary we ship anyway (whole-word tokens
 * of an uncased English BERT vocabulary). Abstention uses it to tell "cheapest" or "visitors"
 * (just words the notes happen not to use) from "sourdough" or "Beanstalk" (a topic they lack).
 */
// Vocabulary ids below this are everyday words; above RARE_RANK mostly names and jargon.
const COMMON_RANK = 8000;
const RARE_RANK = 20000;

export class CommonWords {
  private readonly byFirst = new Map<string, string[]>();
  private readonly words: Set<string>;

  /** `rank`: the word's position in a frequency-ordered list (the vocabulary ids are roughly that). */
  private constructor(private readonly rank: Map<string, number>) {
    this.words = new Set(rank.keys());
    for (const w of this.words) {
      const list = this.byFirst.get(w[0]) ?? [];
      list.push(w);
      this.byFirst.set(w[0], list);
    }
  }

  static fromTokenizerDir(dir: string): CommonWords {
    const json = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as {
      model?: { vocab?: Record<string, number> };
    };
    const vocab = json.model?.vocab ?? {};
    return new CommonWords(new Map(Object.entries(vocab).filter(([w]) => /^[a-z]{2,}$/.test(w))));
  }

  /** Words given most frequent first (tests, other lexicons). */
  static fromList(words: Iterable<string>, firstRank = 2000): CommonWords {
    return new CommonWords(new Map([...words].map((w, i) => [w, firstRank + i])));
  }

  /**
   * How rare a word is, 0 (everyday: "visitors") to 1 (unknown: "sourdough"). The uncased BERT
   * vocabulary also holds names (athena, azure) but far down its frequency order, so rank matters.
   */
  rarity(word: string): number {
    const r = this.rankOf(word.toLowerCase());
    if (r === undefined) return 1;
    if (r < COMMON_RANK) return 0;
    if (r >= RARE_RANK) return 0.85;
    return (0.7 * (r - COMMON_RANK)) / (RARE_RANK - COMMON_RANK);
  }

  /** An everyday word as written (or its plural / past form), never as a likely typo of one. */
  isEveryday(word: string): boolean {
    const r = this.rankOf(word.toLowerCase(), false);
    return r !== undefined && r < COMMON_RANK;
  }

  private rankOf(w: string, typos = true): number | undefined {
    const direct = this.rank.get(w);
    if (direct !== undefined) return direct;
    for (const base of [w.replace(/(es|s|ed)$/, ''), w.replace(/(s|d)$/, '')]) {
      const r = this.rank.get(base);
      if (r !== undefined && /(s|ed)$/.test(w)) return r;
    }
    if (!typos) return undefined;
    const typo = this.closestCommon(w);
    return typo === null ? undefined : this.rank.get(typo);
  }

  private closestCommon(w: string): string | null {
    if (w.length < 5) return null;
    const max = w.length >= 8 ? 2 : 1;
    let best: string | null = null;
    for (const c of this.byFirst.get(w[0]) ?? []) {
      if (Math.abs(c.length - w.length) > max) continue;
      if (best !== null && (this.rank.get(c) ?? Infinity) >= (this.rank.get(best) ?? Infinity)) continue;
      if (boundedLevenshtein(w, c, max) <= max || isTransposition(w, c)) best = c;
    }
    return best;
  }

  has(word: string): boolean {
    return this.words.has(word.toLowerCase());
  }

  /** A common word, or a likely misspelling or plural of one ("wierd", "logins"). */
  isCommonOrTypo(word: string): boolean {
    return this.rarity(word) < 0.5;
  }
}

/** One swap of adjacent letters ("wierd" / "weird"), the commonest typo Levenshtein counts as two. */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}
