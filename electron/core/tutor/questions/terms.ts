// Term helpers shared by the generators: which words are "key" (rare, domain) and whether one text
// gives away another. Everything compares stems from retrieval's textNorm, so "NACLs"/"NACL" and
// "scales"/"scaling" meet exactly as they do in search.

import { CommonWords } from '../../answer/lexicon';
import { vendoredTokenizerDir } from '../../paths';
import { analyze, isStopword, normalizeTerm, tokenizeRaw } from '../../retrieval/textNorm';

let cached: CommonWords | null = null;

/** Word rarity from the vendored tokenizer vocabulary; without it every word counts as rare. */
export function commonWords(): CommonWords {
  if (!cached) {
    try {
      cached = CommonWords.fromTokenizerDir(vendoredTokenizerDir());
    } catch {
      cached = CommonWords.fromList([]);
    }
  }
  return cached;
}

/** Vendor words carry no information in an AWS course ("Amazon S3" vs "S3"). */
export const GENERIC = new Set(['amazon', 'aw', 'aws']);

export function stemsOf(text: string): string[] {
  return analyze(text).filter((t) => !GENERIC.has(t));
}

/** Same stem, or one a prefix of the other ("config"/"configuration", "scal"/"scalab"). */
export function related(a: string, b: string): boolean {
  if (a === b) return true;
  return Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a));
}

export function mentions(stems: readonly string[], term: string): boolean {
  return stems.some((s) => related(s, term));
}

/** Would a learner find `answer` just by matching words of `prompt`? */
export function givesAway(prompt: string, answer: string, ignore: readonly string[] = []): boolean {
  const p = stemsOf(prompt);
  return stemsOf(answer).some((t) => !ignore.includes(t) && mentions(p, t));
}

/**
 * Share (0..1, rarity-weighted) of `description`'s content words that `other` also contains: how
 * tempting `other` is as a wrong option.
 */
export function coverage(description: string, other: string): number {
  const have = new Set(stemsOf(other));
  let total = 0;
  let hit = 0;
  for (const { stem, raw } of contentTerms(description)) {
    const w = 0.25 + commonWords().rarity(raw);
    total += w;
    if (have.has(stem)) hit += w;
  }
  return total === 0 ? 0 : hit / total;
}

function contentTerms(text: string): { stem: string; raw: string }[] {
  const seen = new Set<string>();
  const out: { stem: string; raw: string }[] = [];
  for (const raw of tokenizeRaw(text)) {
    const stem = normalizeTerm(raw);
    if (!stem || GENERIC.has(stem) || seen.has(stem)) continue;
    seen.add(stem);
    out.push({ stem, raw });
  }
  return out;
}

/**
 * The description's key terms: the more distinctive half of its words — those fewest options
 * share, rarest first ("frequently" in "For frequently accessed data" among storage classes).
 */
export function keyTerms(description: string, options: readonly string[]): string[] {
  const sets = options.map((o) => new Set(stemsOf(o)));
  const df = (t: string) => sets.filter((s) => s.has(t)).length;
  const terms = contentTerms(description);
  return terms
    .map((t, pos) => ({ ...t, pos, df: df(t.stem), rarity: commonWords().rarity(t.raw) }))
    .sort((a, b) => a.df - b.df || b.rarity - a.rarity || a.pos - b.pos)
    .slice(0, Math.ceil(terms.length / 2))
    .map((t) => t.stem);
}

/** A wrong option whose own text holds every key term of the description would fit it too. */
export function fitsToo(keys: readonly string[], other: string): boolean {
  const have = new Set(stemsOf(other));
  return keys.length > 0 && keys.every((k) => have.has(k));
}

// Words any answer may use: never what makes an answer right.
const NOT_KEY = new Set([
  'servic',
  'featur',
  'use',
  'us',
  'using',
  'fully',
  'manag',
  'across',
  'multipl',
  'various',
  'different',
]);

/**
 * Up to `max` key words of `text` (surface form, lowercase, first occurrence) for grading short
 * answers: rarest first, never a stopword or a word the question already says.
 */
export function keyWords(text: string, exclude: string, max = 4): string[] {
  const skip = stemsOf(exclude);
  const seen = new Set<string>();
  const found: { word: string; score: number; pos: number }[] = [];
  const tokens = tokenizeRaw(text);
  tokens.forEach((raw, pos) => {
    const lower = raw.toLowerCase();
    const t = normalizeTerm(raw);
    // two-letter words count only as acronyms or names with a digit ("S3", "AZ")
    if (
      !t ||
      (t.length < 3 && !/\d|^[A-Z]{2}s?$/.test(raw)) ||
      NOT_KEY.has(t) ||
      isStopword(lower) ||
      GENERIC.has(t) ||
      seen.has(t) ||
      mentions(skip, t)
    )
      return;
    seen.add(t);
    // rare words first; among everyday words the longer and earlier ones (the head of the answer)
    const early = 0.3 * (1 - pos / tokens.length);
    const score = commonWords().rarity(raw) + (/\d/.test(raw) ? 0.5 : 0) + Math.min(raw.length, 12) / 40 + early;
    found.push({ word: lower, score, pos });
  });
  return found
    .sort((a, b) => b.score - a.score || a.pos - b.pos)
    .slice(0, max)
    .sort((a, b) => a.pos - b.pos)
    .map((f) => f.word);
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
