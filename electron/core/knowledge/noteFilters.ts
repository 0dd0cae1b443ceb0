// Line-level clean-up of the raw notes: things that are not knowledge (citation markers, remarks
// addressed to a chatbot, chat filler) go; every other sentence keeps its exact wording.

import { isListItem, isProseLine, isTableLine, normalizeTableRow, splitSentences } from './text';

// "[3][7]" after a word. Not "[1](url)" (a link) nor "[1]: url" (a link definition).
const CITATION_RE = /(?:\s*\[\d{1,3}\])+(?![(:])/g;

const LEADING_INTERJECTION_RE = /^(?:sure|certainly|of course|absolutely|great question|good question)\s*[!,.]\s*/i;

/** Sentences that talk about the notes or to the reader rather than about AWS. */
const FILLER_SENTENCE_RES: RegExp[] = [
  /\bRAG\b/,
  /\bchat ?bot\b/i,
  /^let me know\b/i,
  /^(?:i )?hope (?:this|that) helps\b/i,
  /^feel free to\b/i,
  /^(?:this|that) (?:is|was) (?:a|an) (?:high-level|brief|quick|short|general) (?:overview|summary)\b/i,
];

export const REFERENCES_RE = /^\s*(?:references|sources)\s*:?\s*$/i;

export function stripCitations(line: string): string {
  return line.replace(CITATION_RE, '');
}

function isFiller(sentence: string): boolean {
  return FILLER_SENTENCE_RES.some((re) => re.test(sentence));
}

/** Drops filler sentences from a prose line; the line is returned untouched when nothing is dropped. */
export function dropFillerSentences(line: string): string {
  const trimmed = line.trim();
  const withoutInterjection = trimmed.replace(LEADING_INTERJECTION_RE, '');
  const sentences = splitSentences(withoutInterjection);
  const kept = sentences.filter((s) => !isFiller(s));
  if (kept.length === sentences.length && withoutInterjection === trimmed) return trimmed;
  return kept.join(' ');
}

/**
 * Cleans one content line. Prose loses its indentation (the seed indents some paragraphs by a
 * space); list items keep it because it carries the nesting; table rows lose their padding.
 */
export function cleanContentLine(raw: string): string {
  const line = stripCitations(raw).trimEnd();
  if (line.trim() === '') return '';
  if (isListItem(line)) return line;
  if (isTableLine(line)) return normalizeTableRow(line);
  return isProseLine(line) ? dropFillerSentences(line) : line.trim();
}
