// Word error rate the way Whisper's papers count it: both texts go through a port of the main
// steps of whisper's EnglishTextNormalizer (lower case, bracketed asides and fillers dropped,
// contractions expanded, symbols and diacritics removed, spelled-out numbers as digits, a space
// at letter/digit boundaries, British spellings mapped to American when a map is given — the
// model folder's normalizer.json), then a word-level Levenshtein alignment.

const REPLACERS: [RegExp, string][] = [
  [/\bwon't\b/g, 'will not'],
  [/\bcan't\b/g, 'can not'],
  [/\blet's\b/g, 'let us'],
  [/\bain't\b/g, 'aint'],
  [/\by'all\b/g, 'you all'],
  [/\bwanna\b/g, 'want to'],
  [/\bgotta\b/g, 'got to'],
  [/\bgonna\b/g, 'going to'],
  [/\bmr\b/g, 'mister '],
  [/\bmrs\b/g, 'missus '],
  [/\bdr\b/g, 'doctor '],
  [/'d been\b/g, ' had been'],
  [/'s been\b/g, ' has been'],
  [/'s got\b/g, ' has got'],
  [/n't\b/g, ' not'],
  [/'re\b/g, ' are'],
  [/'s\b/g, ' is'],
  [/'d\b/g, ' would'],
  [/'ll\b/g, ' will'],
  [/'t\b/g, ' not'],
  [/'ve\b/g, ' have'],
  [/'m\b/g, ' am'],
];

const ONES: Record<string, number> = {
  zero: 0,
  oh: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1e6, billion: 1e9 };

/**
 * Spelled-out cardinals → digits: "fifty three" → "53", "one hundred and five" → "105",
 * "ten thousand two hundred forty" → "10240". "oh" counts only between other number words.
 */
export function spelledNumbersToDigits(words: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  const isNum = (w: string | undefined): boolean => w !== undefined && (w in ONES || w in TENS || w in SCALES);
  while (i < words.length) {
    const w = words[i];
    if (!isNum(w) || w === 'oh' || (w in SCALES && !isNum(words[i - 1]))) {
      out.push(w);
      i++;
      continue;
    }
    let total = 0;
    let current = 0;
    let j = i;
    let last: 'one' | 'ten' | 'scale' | null = null;
    while (j < words.length) {
      const v = words[j];
      if (v === 'and' && last === 'scale' && isNum(words[j + 1]) && !(words[j + 1] in SCALES)) {
        j++;
        continue;
      }
      if (v in ONES && v !== 'oh') {
        if (last === 'one' || (last === 'ten' && ONES[v] >= 10) || (last === 'ten' && current % 10 !== 0)) break;
        current += ONES[v];
        last = 'one';
      } else if (v in TENS) {
        if (last === 'one' || last === 'ten') break;
        current += TENS[v];
        last = 'ten';
      } else if (v in SCALES) {
        const s = SCALES[v];
        if (s === 100) current = (current || 1) * 100;
        else {
          total += (current || 1) * s;
          current = 0;
        }
        last = 'scale';
      } else break;
      j++;
    }
    out.push(String(total + current));
    i = j;
  }
  return out;
}

export interface NormalizeOptions {
  /** British → American spellings (whisper's normalizer.json). */
  spellings?: Record<string, string>;
}

export function normalizeForWer(text: string, opts: NormalizeOptions = {}): string {
  let s = text.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'");
  s = s.replace(/[<[][^>\]]*[>\]]/g, '');
  s = s.replace(/\(([^)]+?)\)/g, '');
  s = s.replace(/\b(hmm|mm|mhm|mmm|uh|um)\b/g, '');
  s = s.replace(/\s+'/g, "'");
  for (const [re, rep] of REPLACERS) s = s.replace(re, rep);
  s = s.replace(/(\d),(\d)/g, '$1$2');
  s = s.replace(/\.([^0-9]|$)/g, ' $1');
  s = s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}\s.%$€£]/gu, ' ');
  s = s.replace(/([a-z])([0-9])/g, '$1 $2').replace(/([0-9])([a-z])/g, '$1 $2');
  s = s.replace(/([0-9])\s+(st|nd|rd|th|s)\b/g, '$1$2');
  let words = s.split(/\s+/).filter(Boolean);
  words = spelledNumbersToDigits(words);
  if (opts.spellings) words = words.map((w) => opts.spellings?.[w] ?? w);
  s = words.join(' ');
  s = s.replace(/[.$€£]([^0-9])/g, ' $1').replace(/[.$€£]$/g, '');
  s = s.replace(/([^0-9])%/g, '$1 ');
  return s.replace(/\s+/g, ' ').trim();
}

export interface WerCounts {
  substitutions: number;
  deletions: number;
  insertions: number;
  /** Words in the reference. */
  referenceWords: number;
}

/** Minimum-edit alignment of two word lists. */
export function alignWords(ref: string[], hyp: string[]): WerCounts {
  const n = ref.length;
  const m = hyp.length;
  // cost and op counts per cell of the current/previous row
  let prev = Array.from({ length: m + 1 }, (_, j) => ({ c: j, s: 0, d: 0, i: j }));
  for (let r = 1; r <= n; r++) {
    const cur = [{ c: r, s: 0, d: r, i: 0 }];
    for (let j = 1; j <= m; j++) {
      const same = ref[r - 1] === hyp[j - 1];
      const diag = prev[j - 1];
      const up = prev[j];
      const left = cur[j - 1];
      const sub = { c: diag.c + (same ? 0 : 1), s: diag.s + (same ? 0 : 1), d: diag.d, i: diag.i };
      const del = { c: up.c + 1, s: up.s, d: up.d + 1, i: up.i };
      const ins = { c: left.c + 1, s: left.s, d: left.d, i: left.i + 1 };
      cur.push(sub.c <= del.c && sub.c <= ins.c ? sub : del.c <= ins.c ? del : ins);
    }
    prev = cur;
  }
  const last = prev[m];
  return { substitutions: last.s, deletions: last.d, insertions: last.i, referenceWords: n };
}

export function wordErrorCounts(reference: string, hypothesis: string, opts: NormalizeOptions = {}): WerCounts {
  const ref = normalizeForWer(reference, opts).split(' ').filter(Boolean);
  const hyp = normalizeForWer(hypothesis, opts).split(' ').filter(Boolean);
  return alignWords(ref, hyp);
}

/** WER of one pair. An empty reference gives 0 for an empty hypothesis, else 1. */
export function wordErrorRate(reference: string, hypothesis: string, opts: NormalizeOptions = {}): number {
  return corpusWer([wordErrorCounts(reference, hypothesis, opts)]);
}

/** Corpus WER: total edits over total reference words (not a mean of per-file rates). */
export function corpusWer(counts: WerCounts[]): number {
  let edits = 0;
  let words = 0;
  for (const c of counts) {
    edits += c.substitutions + c.deletions + c.insertions;
    words += c.referenceWords;
  }
  if (words === 0) return edits === 0 ? 0 : 1;
  return edits / words;
}
