// Answer normalisation shared by the generator (cloze `accepted` variants) and the grader, so both
// sides of a comparison go through the very same steps.

import { boundedLevenshtein } from '../../retrieval/textNorm';

// Units after a number, folded to one spelling: "15 minutes" = "15 min" = "15mins".
const UNITS: Record<string, string> = {
  minute: 'min',
  minutes: 'min',
  mins: 'min',
  second: 'sec',
  seconds: 'sec',
  secs: 'sec',
  hour: 'hr',
  hours: 'hr',
  hrs: 'hr',
  h: 'hr',
  day: 'day',
  days: 'day',
  megabyte: 'mb',
  megabytes: 'mb',
  gigabyte: 'gb',
  gigabytes: 'gb',
  terabyte: 'tb',
  terabytes: 'tb',
  kilobyte: 'kb',
  kilobytes: 'kb',
  percent: '%',
};

/** Simple plural → singular, applied the same way to both sides; short acronyms ("sns", "efs") are kept. */
function singularToken(t: string): string {
  if (t.length <= 3 || /\d/.test(t)) return t;
  if (t.endsWith('ies') && t.length > 4) return `${t.slice(0, -3)}y`;
  if (/(?:sses|ches|shes|xes)$/.test(t)) return t.slice(0, -2);
  if (t.endsWith('s') && !/(?:ss|us|is)$/.test(t)) return t.slice(0, -1);
  return t;
}

/**
 * Case, whitespace, punctuation, Markdown, a leading article or "Amazon "/"AWS ", plurals and unit
 * spellings do not make two answers different.
 */
export function normalizeAnswer(text: string): string {
  const s = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[*_`"'“”‘’]/g, '')
    .replace(/(\d),(?=\d{3}\b)/g, '$1') // 10,240 → 10240
    .replace(/(\d)([a-z%])/g, '$1 $2') // 128mb → 128 mb
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim()
    .replace(/^(?:(?:the|a|an)\s+)?(?:(?:amazon|aws)\s+)*/, '');
  const tokens = s.split(' ').filter(Boolean);
  return tokens.map((t, i) => (i > 0 && /^\d/.test(tokens[i - 1]) && UNITS[t] ? UNITS[t] : singularToken(t))).join(' ');
}

/** Typo budget by length: none under 6 characters, 1 from 6, 2 from 10. */
export function typoBudget(expected: string): number {
  if (expected.length >= 10) return 2;
  if (expected.length >= 6) return 1;
  return 0;
}

function digits(s: string): string {
  return (s.match(/\d+/g) ?? []).join(' ');
}

/**
 * Edit distance between two normalised answers, or Infinity when they can never match: numbers are
 * never "typos" ("15 min" is not "16 min").
 */
export function answerDistance(given: string, expected: string): number {
  if (given === expected) return 0;
  if (digits(given) !== digits(expected)) return Infinity;
  const budget = typoBudget(expected);
  const d = boundedLevenshtein(given, expected, budget);
  return d <= budget ? d : Infinity;
}

/** Does `given` match one of the normalised `variants` exactly or within the typo budget? */
export function matchesAny(given: string, variants: readonly string[]): boolean {
  const g = normalizeAnswer(given);
  return g.length > 0 && variants.some((v) => answerDistance(g, normalizeAnswer(v)) < Infinity);
}
