// Cloze questions: a fact of the lesson with one key term blanked out — a number with its unit
// ("15 minutes"), a capitalised service/feature name ("Internet Gateway") or a rare domain word
// ("stateless") — provided the rest of the prompt does not give the term away.

import { isStopword, normalizeTerm, tokenizeRaw } from '../../retrieval/textNorm';
import { normalizeAnswer } from '../grading/normalize';
import { clozeTexts, type Fact } from './facts';
import { isBrandWord } from './names';
import { commonWords, givesAway, GENERIC, wordCount } from './terms';
import type { Candidate } from './candidate';

export const BLANK = '_____';

interface Term {
  text: string;
  start: number;
  score: number;
  numeric: boolean;
}

const NUM_UNIT =
  /\b\d[\d,.]*(?:\s?[–-]\s?\d[\d,.]*)?\s?(?:%|KB|MB|GB|TB|PB|ms|seconds?|minutes?|hours?|days?|months?|years?)(?![A-Za-z0-9])|\b(?:Layer|port) \d+\b/g;
const WORD = /[A-Za-z0-9](?:[A-Za-z0-9/-]*[A-Za-z0-9])?/g;

function rarity(word: string): number {
  return Math.max(0, ...tokenizeRaw(word).map((t) => commonWords().rarity(t)));
}

/** Inside parentheses: examples ("e.g. t3") and glosses ("(AZ)", "(Elastic Container Service)") are too easy or too arbitrary. */
function inParens(text: string, at: number): boolean {
  return text.lastIndexOf('(', at) > text.lastIndexOf(')', at - 1);
}

function capitalRuns(text: string, bodyStart: number): Term[] {
  // "AWS-focused" is an adjective, not a name
  const words = [...text.matchAll(WORD)]
    .map((m) => ({ w: m[0], at: m.index ?? 0 }))
    .filter((x) => !/^(?:AWS|Amazon)-[a-z]/.test(x.w));
  const runs: { w: string; at: number }[][] = [];
  let run: { w: string; at: number }[] = [];
  for (const [i, word] of words.entries()) {
    const prev = words[i - 1];
    const adjacent = prev && text.slice(prev.at + prev.w.length, word.at) === ' ';
    const cap = /^[A-Z]/.test(word.w) || (/^\d+$/.test(word.w) && adjacent && run.length > 0);
    if (cap && (adjacent || run.length === 0)) run.push(word);
    else {
      if (run.length) runs.push(run);
      run = cap ? [word] : [];
    }
  }
  if (run.length) runs.push(run);
  const out: Term[] = [];
  for (let r of runs) {
    // a capital only because the text starts there ("Deploying", "Visualizes") is not a name
    const opensText = text.slice(bodyStart, r[0].at).trim() === '';
    if (opensText && !isBrandWord(r[0].w)) r = r.slice(1);
    if (r.length === 0 || r.every((x) => GENERIC.has(x.w.toLowerCase()))) continue;
    const textOf = text.slice(r[0].at, r[r.length - 1].at + r[r.length - 1].w.length);
    const brand = r.some((x) => isBrandWord(x.w));
    const rare = Math.max(...r.map((x) => rarity(x.w)));
    if (!brand && r.length === 1 && rare < 0.3) continue;
    // two-letter acronyms ("IP", "ID") make thin blanks
    const thin = textOf.length <= 2 ? 0.5 : 0;
    const score = (brand || r.length > 1 ? 2 + 0.5 * rare : 1.2 + 0.5 * rare) - thin;
    out.push({ text: textOf, start: r[0].at, score, numeric: false });
  }
  return out;
}

/** How often each stem occurs in the lesson and its phase: a domain word recurs, a one-off word is just prose. */
export type PhaseCounts = ReadonlyMap<string, number>;

function termCandidates(text: string, bodyStart: number, counts: PhaseCounts): Term[] {
  const terms: Term[] = [...text.matchAll(NUM_UNIT)].map((m) => ({
    text: m[0],
    start: m.index ?? 0,
    score: 3,
    numeric: true,
  }));
  terms.push(...capitalRuns(text, bodyStart));
  for (const m of text.matchAll(WORD)) {
    const w = m[0];
    // inflected verbs, adverbs and compounds ("optimized", "modifying", "fault-tolerant") are rare in
    // the vocabulary, not in English
    if (!/^[a-z]{6,}$/.test(w) || isStopword(w) || /(?:ed|ing|i[sz]es?|ly|able|ates)$/.test(w)) continue;
    const r = rarity(w);
    if (r >= 0.8 && (counts.get(normalizeTerm(w) ?? w) ?? 0) >= 2)
      terms.push({ text: w, start: m.index ?? 0, score: 1 + 0.5 * r, numeric: false });
  }
  return terms.filter((t) => t.start >= bodyStart && !inParens(text, t.start));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function occurrences(text: string, term: string): number {
  return [...text.matchAll(new RegExp(`(?<![A-Za-z0-9])${escapeRe(term)}(?![A-Za-z0-9])`, 'gi'))].length;
}

/** Initials of each run of capitalised words ("Identity and Access Management" → "iam"). */
function expansions(text: string): Set<string> {
  const out = new Set<string>();
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    let init = '';
    for (let j = i; j < words.length && j < i + 6; j++) {
      const w = words[j];
      if (/^(?:and|of|the|for)$/.test(w) && init) continue;
      if (!/^[A-Z]/.test(w)) break;
      init += w[0].toLowerCase();
      if (init.length >= 2) out.add(init);
    }
  }
  return out;
}

/** Would the learner find `term` in the rest of the prompt (same word, its stem, its acronym, its number)? */
function guessable(term: Term, rest: string): boolean {
  if (term.numeric) {
    const num = /\d[\d,.]*/.exec(term.text)?.[0] ?? '';
    return new RegExp(`(?<![\\d,.])${escapeRe(num)}(?![\\d,])`).test(rest);
  }
  // "AZ" next to "Availability Zone", "ECS" next to "(Elastic Container Service)", and the reverse
  const acronym = /^[A-Z][A-Z0-9]+s?$/.test(term.text) ? term.text.toLowerCase().replace(/s$/, '') : '';
  if (acronym && expansions(rest).has(acronym)) return true;
  const own = term.text
    .split(/\s+/)
    .filter((w) => /^[A-Z]/.test(w))
    .map((w) => w[0].toLowerCase())
    .join('');
  if (own.length >= 2 && tokenizeRaw(rest).some((t) => t.toLowerCase().replace(/s$/, '') === own)) return true;
  return givesAway(rest, term.text);
}

/** Normalised spellings accepted for the blank: the term, without vendor prefix, without the unit. */
function acceptedFor(term: Term): string[] {
  const variants = [term.text, term.text.replace(/^(?:Amazon|AWS)\s+/, '')];
  if (/^[A-Z0-9]+s$/.test(term.text)) variants.push(term.text.slice(0, -1)); // "AZs" → "AZ"
  if (term.numeric) variants.push(/\d[\d,.]*/.exec(term.text)?.[0] ?? term.text);
  return [...new Set(variants.map(normalizeAnswer))].filter((v) => v.length >= 2 || /^\d+$/.test(v));
}

export function clozeCandidates(
  facts: readonly Fact[],
  topicOf: (f: Fact, text: string) => string,
  counts: PhaseCounts,
): Candidate[] {
  const out: Candidate[] = [];
  for (const fact of facts) {
    if (fact.hasChildren) continue; // a list's lead-in ("Popular categories include:") is not a fact
    const texts = clozeTexts(fact);
    for (const { text, from } of texts) {
      const words = wordCount(text);
      if (words < 5 || words > 40) continue;
      const topic = topicOf(fact, text);
      let best: { term: Term; blanked: string } | null = null;
      for (const term of termCandidates(text, from, counts)) {
        const norm = normalizeAnswer(term.text);
        if (norm.length < 2 || isStopword(norm) || occurrences(text, term.text) !== 1) continue;
        const blanked = text.slice(0, term.start) + BLANK + text.slice(term.start + term.text.length);
        if (wordCount(blanked) < 4 || guessable(term, `${blanked.replace(BLANK, ' ')} ${topic}`)) continue;
        if (!best || term.score > best.term.score) best = { term, blanked };
      }
      if (!best) continue;
      const { term, blanked } = best;
      // a sentence of a longer item is quoted alone when it is verbatim in the notes
      const source = fact.kind !== 'row' && texts.length > 1 && fact.source.includes(text) ? text : fact.source;
      out.push({
        kind: 'cloze',
        section: fact.section,
        source,
        key: normalizeAnswer(term.text),
        score: term.score,
        build: () => ({
          prompt: `**Fill in the blank** (${topic}):\n\n> ${blanked}`,
          answer: term.text,
          accepted: acceptedFor(term),
        }),
      });
    }
  }
  return out;
}
