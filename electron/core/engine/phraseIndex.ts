import { normalizeTerm } from '../retrieval/textNorm';

/** Where phrases are looked up: the chunks, narrowed through the lexical index. */
export interface PhraseSource {
  /** Ids of chunks holding, for every group, at least one of its index terms. */
  candidates(groups: string[][]): Iterable<string>;
  /** Every chunk id (a phrase with no word to narrow by). */
  all(): Iterable<string>;
  /** The text a phrase is looked for in (heading path and body), or undefined if gone. */
  textOf(id: string): string | undefined;
}

/**
 * Word-boundary phrase lookup over the notes ("does 'direct connect' occur anywhere?"). Only the
 * chunks holding every word of the phrase (as index terms) are read: one string of all the notes
 * took 2 s to build at 100k chunks and ~25 ms per lookup (up to three per name asked about).
 */
export class PhraseIndex {
  constructor(private readonly source: PhraseSource) {}

  static normalise(s: string): string {
    return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ');
  }

  has(phrase: string): boolean {
    const p = PhraseIndex.normalise(phrase).trim();
    if (!p) return false;
    // allow a plural on the last word ("local zones" vs "local zone")
    const words = p.split(' ');
    const groups: string[][] = [];
    words.forEach((w, i) => {
      const forms =
        i < words.length - 1 ? [w] : [w, `${w}s`, ...(w.length > 1 && w.endsWith('s') ? [w.slice(0, -1)] : [])];
      // A word the index drops (stopword, one letter) cannot narrow the search.
      const terms = forms.map((f) => (f.length >= 2 ? normalizeTerm(f) : null));
      if (terms.every((t) => t !== null)) groups.push([...new Set(terms as string[])]);
    });
    const ids = groups.length ? this.source.candidates(groups) : this.source.all();
    // The same test as on normalised text, run on the text itself (case-insensitive): no copy.
    const last = words[words.length - 1];
    const lastForms = [last, `${last}s`, ...(last.length > 1 && last.endsWith('s') ? [last.slice(0, -1)] : [])];
    const re = new RegExp(
      `(?<![a-z0-9])${[...words.slice(0, -1), `(?:${lastForms.join('|')})`].join('[^a-z0-9]+')}(?![a-z0-9])`,
      'i',
    );
    for (const id of ids) {
      const text = this.source.textOf(id);
      if (text !== undefined && re.test(text)) return true;
    }
    return false;
  }
}
