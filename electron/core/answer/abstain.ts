import type { Chunk } from '../knowledge/types';
import type { TermModel } from './composeAnswer';

/**
 * Evidence for "do the notes cover this question?". BM25 and cosine scores are not comparable
 * across embedders and queries, so the decision rests on vocabulary: does the question name
 * something the notes never mention, and do the top sections hold its informative words?
 */
export interface AbstentionFeatures {
  /** Weighted share of the question's terms found in the top sections (0..1), names excluded. */
  coverage: number;
  /** Weighted share of the question's terms the notes never use (0..1). */
  unknownShare: number;
  /** Question words (as typed) that the notes never use, not even within a typo's distance. */
  unknownTerms: string[];
  /** Names in the question (capitalised phrases like "Elastic Beanstalk") that the notes lack. */
  unknownNames: string[];
  /** The subset that names a product or service ("Elastic Beanstalk", "AWS Athena"): decisive. */
  unknownServiceNames: string[];
  termCount: number;
}

export interface CoverageContext {
  terms: TermModel;
  /** 0 for everyday English (or a typo of it), up to 1 for words no lexicon knows ("sourdough"). */
  rarity: (word: string) => number;
  /** Does this lowercase phrase occur in the notes (on word boundaries)? */
  hasPhrase: (phrase: string) => boolean;
  /** An everyday word as written, not as a typo of one ("take" yes, "braket" no); default: rarity < 0.5. */
  isEveryday?: (word: string) => boolean;
}

export interface AbstentionThresholds {
  minCoverage: number;
  /** With an unknown single-word name, the rest of the question must be covered this well. */
  minCoverageWithUnknownName: number;
  maxUnknownShare: number;
  /** Weak evidence adds up: unknown vocabulary plus poor coverage together. */
  maxCombined: number;
}

// Calibrated on the dev set's in-scope vs out-of-scope questions (see README).
export const DEFAULT_THRESHOLDS: AbstentionThresholds = {
  minCoverage: 0.25,
  minCoverageWithUnknownName: 0.5,
  maxUnknownShare: 0.4,
  maxCombined: 0.95,
};

// Unknown everyday words weigh this share of the rarest notes term: "visitors" should not sink
// an otherwise well-covered question, "sourdough" should.
const COMMON_WORD_WEIGHT = 0.15;
// Brand prefixes every service name shares; "AWS Direct Connect" is judged by "direct connect".
const BRAND = new Set(['aws', 'amazon']);

interface Word {
  text: string;
  sentenceStart: boolean;
  /** Punctuation (a comma, a slash, a bracket) stands between this word and the previous one. */
  afterBreak: boolean;
}

function wordsOf(question: string): Word[] {
  const out: Word[] = [];
  let start = true;
  let brk = false;
  for (const m of question.matchAll(/[A-Za-z0-9][A-Za-z0-9'’.-]*[A-Za-z0-9]|[A-Za-z0-9]|[.?!:;]|[,/()"“”&+]/g)) {
    const t = m[0];
    if (/^[.?!:;]$/.test(t)) {
      start = true;
      continue;
    }
    if (/^[,/()"“”&+]$/.test(t)) {
      brk = true;
      continue;
    }
    out.push({ text: t.replace(/['’]s$/, ''), sentenceStart: start, afterBreak: brk });
    start = false;
    brk = false;
  }
  return out;
}

export interface NamePhrase {
  words: string[];
  /** Written after "AWS"/"Amazon": the learner is naming a service. */
  branded: boolean;
  /** Starts a sentence, so its first word may be capitalised only by grammar ("Compare ALB"). */
  initial: boolean;
}

const isCapitalised = (w: string): boolean => /^[A-Z]/.test(w) && w !== 'I';

/**
 * Runs of capitalised words inside one sentence: candidate names. A sentence-initial word is
 * capitalised by grammar, not because it names something, so it only counts when it is not a
 * function word ("Can", "With", "How").
 */
export function namePhrases(question: string, isFunctionWord: (w: string) => boolean): NamePhrase[] {
  const runs: NamePhrase[] = [];
  let run: Word[] = [];
  const flush = (): void => {
    if (run[0]?.sentenceStart && isFunctionWord(run[0].text)) run = run.slice(1);
    const startsSentence = run[0]?.sentenceStart ?? false;
    const words = run.map((w) => w.text).filter((w) => !BRAND.has(w.toLowerCase()));
    const branded = words.length < run.length;
    if (words.length >= 2 || (words.length === 1 && (!startsSentence || branded)))
      runs.push({ words, branded, initial: startsSentence });
    run = [];
  };
  for (const w of wordsOf(question)) {
    if (w.sentenceStart || w.afterBreak) flush();
    if (isCapitalised(w.text)) run.push(w);
    else flush();
  }
  flush();
  return runs;
}

/** Names the notes lack. Multi-word and "AWS X" names are services or products; single words may be details. */
function unknownNamesOf(question: string, ctx: CoverageContext): { name: string; strong: boolean }[] {
  const out: { name: string; strong: boolean }[] = [];
  const unknownWord = (w: string): boolean => {
    const analysed = ctx.terms.analyze(w);
    return analysed.length > 0 && analysed.every((t) => ctx.terms.resolve(t) === null);
  };
  for (const { words, branded, initial } of namePhrases(question, (w) => ctx.terms.analyze(w).length === 0)) {
    let name = words;
    if (name.length >= 2 && ctx.hasPhrase(name.join(' ').toLowerCase())) continue;
    // "Compare ALB": a common sentence-initial word is grammar, judge the rest
    if (name.length >= 2 && initial && ctx.rarity(name[0]) < 0.5) {
      name = name.slice(1);
      if (name.length === 1) {
        if (unknownWord(name[0])) out.push({ name: name[0], strong: true });
        continue;
      }
      if (ctx.hasPhrase(name.join(' ').toLowerCase())) continue;
    }
    if (name.length >= 2) out.push({ name: name.join(' '), strong: true });
    else if (unknownWord(name[0])) out.push({ name: name[0], strong: branded });
  }
  // Chat style skips capitals: "amazon braket" names a service as surely as "Amazon Braket".
  const words = wordsOf(question);
  for (let i = 0; i + 1 < words.length; i++) {
    const next = words[i + 1];
    if (!BRAND.has(words[i].text.toLowerCase()) || next.afterBreak || isCapitalised(next.text)) continue;
    // …but "can AWS take over" is grammar: the word after the brand must not be an everyday one.
    const everyday = ctx.isEveryday ?? ((w: string) => ctx.rarity(w) < 0.5);
    if (everyday(next.text) || !unknownWord(next.text)) continue;
    if (!out.some((n) => n.name.toLowerCase() === next.text.toLowerCase())) out.push({ name: next.text, strong: true });
  }
  return out;
}

export function assessCoverage(question: string, top: Chunk[], ctx: CoverageContext): AbstentionFeatures {
  const { terms } = ctx;
  const inTop = new Set<string>();
  for (const c of top) for (const t of terms.analyze(`${c.headingPath.join(' ')} ${c.text}`)) inTop.add(t);
  const names = unknownNamesOf(question, ctx);
  const unknownNames = names.map((n) => n.name);
  const nameWords = new Set(unknownNames.flatMap((n) => n.toLowerCase().split(' ')));

  const entries: { word: string; term: string; resolved: string | null }[] = [];
  const seen = new Set<string>();
  for (const w of wordsOf(question)) {
    for (const t of terms.analyze(w.text)) {
      if (seen.has(t)) continue;
      seen.add(t);
      entries.push({ word: w.text, term: t, resolved: terms.resolve(t) });
    }
  }
  const maxWeight = Math.max(1, ...entries.map((e) => (e.resolved ? terms.weight(e.resolved) : 0)));
  let total = 0;
  let covered = 0;
  let unknown = 0;
  const unknownTerms: string[] = [];
  for (const e of entries) {
    if (nameWords.has(e.word.toLowerCase())) continue; // judged as a name above
    if (e.resolved) {
      const w = terms.weight(e.resolved);
      total += w;
      if (inTop.has(e.resolved)) covered += w;
      continue;
    }
    unknownTerms.push(e.word);
    const w = maxWeight * (COMMON_WORD_WEIGHT + (1 - COMMON_WORD_WEIGHT) * ctx.rarity(e.word));
    total += w;
    unknown += w;
  }
  unknownTerms.push(...unknownNames);
  return {
    coverage: total ? covered / total : 0,
    unknownShare: total ? unknown / total : 0,
    unknownTerms,
    unknownNames,
    unknownServiceNames: names.filter((n) => n.strong).map((n) => n.name),
    termCount: entries.length,
  };
}

export function decideAbstention(f: AbstentionFeatures, th: AbstentionThresholds = DEFAULT_THRESHOLDS): boolean {
  if (f.termCount === 0) return true;
  if (f.unknownServiceNames.length > 0) return true;
  if (f.unknownShare > th.maxUnknownShare) return true;
  if (f.coverage < th.minCoverage) return true;
  if (f.unknownShare + (1 - f.coverage) > th.maxCombined) return true;
  return f.unknownNames.length > 0 && f.coverage < th.minCoverageWithUnknownName;
}
