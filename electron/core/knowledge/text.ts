// Small text helpers shared by the notes parser, the content builder and the chunker.

const LIST_ITEM_RE = /^(\s*)([-*+]|\d+[.)])\s+/;

export function isListItem(line: string): boolean {
  return LIST_ITEM_RE.test(line);
}

export function isTableLine(line: string): boolean {
  return line.trimStart().startsWith('|');
}

/** Plain prose line: not a list item, table row, heading or fence. */
export function isProseLine(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && !isListItem(line) && !isTableLine(line) && !t.startsWith('#') && !t.startsWith('```');
}

/**
 * Sentence split on terminal punctuation followed by a capital/digit start. Good enough for notes
 * prose; "e.g., t3" stays whole because a lowercase word follows.
 */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=["“‘'(*]*[A-Z0-9])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Comparison key: case, markup, quotes and spacing do not make two sentences different. */
export function normForCompare(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[*_`"'“”‘’]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function stripEmoji(text: string): string {
  // pictographs, then the variation selector / zero-width joiner / private-use leftovers they leave
  return text.replace(/\p{Extended_Pictographic}/gu, '').replace(/\u{fe0f}|\u{200d}|\u{f8ff}/gu, '');
}

/** Heading text as shown: no bold markers, no emoji, no closing #s, single spaces. */
export function cleanHeading(text: string): string {
  return stripEmoji(text)
    .replace(/\*\*|__/g, '')
    .replace(/\s+#+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "2. Amazon DynamoDB" → "Amazon DynamoDB". */
export function stripNumbering(heading: string): string {
  return heading.replace(/^\d+[.)]\s+/, '');
}

/** Trim line ends, collapse blank runs, drop blank lines at both ends. */
export function tidyLines(lines: string[]): string {
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

const CONNECTORS = new Set(['and', 'of', 'for', 'the', 'on', 'to', '&', 'in']);

function startsUpper(word: string): boolean {
  return /^[A-Z0-9]/.test(word);
}

/** Leading "(…)" group starting at words[start], or null when it does not close soon. */
function parenthetical(words: string[], start: number): string[] | null {
  for (let j = start; j < Math.min(words.length, start + 6); j++) {
    if (words[j].endsWith(')') || words[j].endsWith('),')) return words.slice(start, j + 1);
  }
  return null;
}

/**
 * The subject of an intro paragraph's first sentence, used as its section heading:
 * "Amazon Simple Storage Service (Amazon S3) provides …" → "Amazon Simple Storage Service (Amazon S3)".
 * Rule: the leading run of capitalised words (allowing "and"/"of"… between them), plus a following
 * parenthetical. Returns null when the sentence does not open with a proper name.
 */
export function sentenceSubject(paragraph: string): string | null {
  const first = splitSentences(paragraph.replace(/\*\*/g, ''))[0] ?? '';
  const words = first.split(/\s+/).filter(Boolean);
  const taken: string[] = [];
  let i = 0;
  while (i < words.length) {
    const w = words[i];
    if (startsUpper(w) && !/[.,;:]$/.test(w)) taken.push(w);
    else if (CONNECTORS.has(w) && taken.length > 0 && i + 1 < words.length && startsUpper(words[i + 1])) taken.push(w);
    else break;
    i++;
  }
  if (taken.length === 0 || taken.length > 10) return null;
  const paren = i < words.length && words[i].startsWith('(') ? parenthetical(words, i) : null;
  const subject = [...taken, ...(paren ?? [])].join(' ').replace(/,$/, '');
  return subject.length > 0 ? subject : null;
}

const DELIM_CELL_RE = /^:?-{3,}:?$/;

/**
 * "| Feature      | Secrets Manager   |" → "| Feature | Secrets Manager |", delimiter cells → "---"
 * (alignment kept). Padding and long dash runs carry no meaning but cost many embedder tokens.
 */
export function normalizeTableRow(line: string): string {
  const cells = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
  const isDelim = cells.length > 0 && cells.every((c) => DELIM_CELL_RE.test(c));
  const out = isDelim ? cells.map((c) => `${c.startsWith(':') ? ':' : ''}---${c.endsWith(':') ? ':' : ''}`) : cells;
  return `| ${out.join(' | ')} |`;
}
