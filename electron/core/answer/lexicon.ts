import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { boundedLevenshtein } from '../retrieval/textNorm';

/**
 * Everyday English words, taken from the WordPiece vocabulary we ship anyway (whole-word tokens
 * of an uncased English BERT vocabulary). Abstention uses it to tell "cheapest" or "visitors"
 * (just words the notes happen not to use) from "sourdough" or "Beanstalk" (a topic they lack).
 */
export class CommonWords {
  private readonly byFirst = new Map<string, string[]>();

  private constructor(private readonly words: Set<string>) {
    for (const w of words) {
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
    return CommonWords.fromList(Object.keys(vocab).filter((w) => /^[a-z]{2,}$/.test(w)));
  }

  static fromList(words: Iterable<string>): CommonWords {
    return new CommonWords(new Set(words));
  }

  has(word: string): boolean {
    return this.words.has(word.toLowerCase());
  }

  /** A common word, or a likely misspelling of one ("wierd", "anythng"). */
  isCommonOrTypo(word: string): boolean {
    const w = word.toLowerCase();
    if (this.words.has(w)) return true;
    // plurals and simple inflections of common words ("logins", "uploaded")
    if (/(s|ed)$/.test(w) && (this.words.has(w.replace(/(es|s|ed)$/, '')) || this.words.has(w.replace(/(s|d)$/, ''))))
      return true;
    if (w.length < 5) return false;
    const max = w.length >= 8 ? 2 : 1;
    for (const c of this.byFirst.get(w[0]) ?? []) {
      if (Math.abs(c.length - w.length) > max) continue;
      if (boundedLevenshtein(w, c, max) <= max || isTransposition(w, c)) return true;
    }
    return false;
  }
}

/** One swap of adjacent letters ("wierd" / "weird"), the commonest typo Levenshtein counts as two. */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}
