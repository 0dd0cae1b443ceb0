/**
 * A small Markdown parser for tutor answers: paragraphs, headings, **bold**, *italic*, `code`,
 * citation markers [n], bullet/numbered lists (nested by indentation), pipe tables and fenced code. It yields a
 * plain tree that Markdown.tsx turns into React elements; raw HTML is never interpreted (it stays
 * text), and there are no links, so nothing in an answer can run or navigate.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'cite'; marker: number };

export type Align = 'left' | 'center' | 'right' | null;

export interface ListItem {
  content: Inline[];
  /** Nested lists. */
  children: ListBlock[];
}

export interface ListBlock {
  type: 'list';
  ordered: boolean;
  start: number;
  items: ListItem[];
}

export type Block =
  | { type: 'paragraph'; content: Inline[] }
  | { type: 'heading'; level: number; content: Inline[] }
  | ListBlock
  | { type: 'table'; align: Align[]; header: Inline[][]; rows: Inline[][][] }
  | { type: 'quote'; blocks: Block[] }
  | { type: 'code'; lang: string; text: string };

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const QUOTE = /^ {0,3}> ?/;
const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)/;
const ITEM = /^(\s*)([-*+]|(\d{1,9})[.)])\s+(.*)$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/**
 * Quotes nest by recursion; past this depth a `>` line is plain paragraph text, so hostile input
 * (thousands of `> > > …`) can neither overflow the stack nor re-scan its text once per level.
 */
const MAX_QUOTE_DEPTH = 16;

const isBlank = (line: string): boolean => line.trim() === '';
const indentOf = (ws: string): number => ws.replace(/\t/g, '    ').length;
const isTableStart = (lines: string[], i: number): boolean =>
  lines[i].includes('|') && i + 1 < lines.length && TABLE_SEPARATOR.test(lines[i + 1]) && lines[i + 1].includes('|');

export function parseMarkdown(source: string, depth = 0): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      i++;
      continue;
    }
    const heading = HEADING.exec(line);
    const fence = FENCE.exec(line);
    if (fence) {
      // verbatim until the closing fence (or the end): never parsed as Markdown
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(fence[1])) body.push(lines[i++]);
      i++;
      blocks.push({ type: 'code', lang: fence[2], text: body.join('\n') });
    } else if (heading) {
      blocks.push({ type: 'heading', level: heading[1].length, content: parseInline(heading[2]) });
      i++;
    } else if (depth < MAX_QUOTE_DEPTH && QUOTE.test(line)) {
      // the tutor quotes the notes this way: its lines are Markdown of their own
      const quoted: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i])) quoted.push(lines[i++].replace(QUOTE, ''));
      blocks.push({ type: 'quote', blocks: parseMarkdown(quoted.join('\n'), depth + 1) });
    } else if (isTableStart(lines, i)) {
      i = parseTable(lines, i, blocks);
    } else if (ITEM.test(line)) {
      i = parseList(lines, i, blocks);
    } else {
      // The first line always belongs to the paragraph (it may be a `>` line past MAX_QUOTE_DEPTH).
      const text: string[] = [lines[i++].trim()];
      while (i < lines.length && !isBlank(lines[i]) && !startsBlock(lines, i)) text.push(lines[i++].trim());
      blocks.push({ type: 'paragraph', content: parseInline(text.join(' ')) });
    }
  }
  return blocks;
}

function startsBlock(lines: string[], i: number): boolean {
  return (
    HEADING.test(lines[i]) ||
    FENCE.test(lines[i]) ||
    QUOTE.test(lines[i]) ||
    ITEM.test(lines[i]) ||
    isTableStart(lines, i)
  );
}

function splitRow(line: string): string[] {
  let row = line.trim();
  if (row.startsWith('|')) row = row.slice(1);
  if (row.endsWith('|') && !row.endsWith('\\|')) row = row.slice(0, -1);
  // Split on pipes that are not escaped as \|.
  return row.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

function parseTable(lines: string[], start: number, out: Block[]): number {
  const header = splitRow(lines[start]);
  const align: Align[] = splitRow(lines[start + 1]).map((spec) => {
    const left = spec.startsWith(':');
    const right = spec.endsWith(':');
    return left && right ? 'center' : right ? 'right' : left ? 'left' : null;
  });
  const rows: Inline[][][] = [];
  let i = start + 2;
  while (i < lines.length && !isBlank(lines[i]) && lines[i].includes('|')) {
    const cells = splitRow(lines[i++]);
    // Every row gets exactly the header's column count.
    rows.push(header.map((_, c) => parseInline(cells[c] ?? '')));
  }
  out.push({
    type: 'table',
    align: header.map((_, c) => align[c] ?? null),
    header: header.map((h) => parseInline(h)),
    rows,
  });
  return i;
}

interface RawItem {
  indent: number;
  ordered: boolean;
  start: number;
  text: string;
}

/** Collects the list's lines (items, lazy continuations, blank lines between items), then nests them. */
function parseList(lines: string[], start: number, out: Block[]): number {
  const raw: RawItem[] = [];
  let i = start;
  while (i < lines.length) {
    const m = ITEM.exec(lines[i]);
    if (m) {
      raw.push({ indent: indentOf(m[1]), ordered: m[3] !== undefined, start: Number(m[3] ?? 1), text: m[4] });
      i++;
    } else if (!isBlank(lines[i]) && !HEADING.test(lines[i]) && !FENCE.test(lines[i]) && !isTableStart(lines, i)) {
      raw[raw.length - 1].text += ` ${lines[i].trim()}`;
      i++;
    } else if (isBlank(lines[i])) {
      let next = i;
      while (next < lines.length && isBlank(lines[next])) next++;
      if (next < lines.length && ITEM.test(lines[next])) i = next;
      else break;
    } else {
      break;
    }
  }
  out.push(...nestItems(raw));
  return i;
}

function nestItems(raw: RawItem[]): ListBlock[] {
  const roots: ListBlock[] = [];
  // Open lists from the outermost in; `siblings` is where a new list at that depth is appended.
  const stack: { indent: number; list: ListBlock; siblings: ListBlock[] }[] = [];
  for (const item of raw) {
    while (stack.length && stack[stack.length - 1].indent > item.indent) stack.pop();
    const top = stack[stack.length - 1];
    const entry: ListItem = { content: parseInline(item.text), children: [] };
    if (top && top.indent === item.indent && top.list.ordered === item.ordered) {
      top.list.items.push(entry);
      continue;
    }
    let siblings: ListBlock[];
    if (!top) siblings = roots;
    else if (top.indent === item.indent) {
      stack.pop(); // same depth, other kind of list: a new sibling list
      siblings = top.siblings;
    } else siblings = top.list.items[top.list.items.length - 1].children;
    const list: ListBlock = { type: 'list', ordered: item.ordered, start: item.start, items: [entry] };
    siblings.push(list);
    stack.push({ indent: item.indent, list, siblings });
  }
  return roots;
}

const ESCAPABLE = /[\\`*_[\]()#+\-.!|<>]/;

export function parseInline(src: string): Inline[] {
  const out: Inline[] = [];
  // Where a search for a closing * or _ already failed: a later search from there on fails too, so
  // it is not repeated (without this, `*a *a *a …` re-scans to the end once per marker: quadratic).
  const noCloseFrom: Record<string, number> = { '*': Infinity, _: Infinity };
  let text = '';
  const flush = (): void => {
    if (text) out.push({ type: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '\\' && i + 1 < src.length && ESCAPABLE.test(src[i + 1])) {
      text += src[i + 1];
      i += 2;
      continue;
    }
    if (ch === '`') {
      const end = src.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ type: 'code', text: src.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (src.startsWith('**', i) || src.startsWith('__', i)) {
      const end = src.indexOf(src.slice(i, i + 2), i + 2);
      if (end > i + 2 && src[i + 2] !== ' ') {
        flush();
        out.push({ type: 'strong', children: parseInline(src.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    // Single * or _ emphasis; _ only at word edges so snake_case names stay intact.
    if ((ch === '*' || (ch === '_' && !/\w/.test(src[i - 1] ?? ''))) && src[i + 1] && !/[\s*_]/.test(src[i + 1])) {
      const end = i + 1 >= noCloseFrom[ch] ? -1 : findEmphasisClose(src, ch, i + 1);
      if (end < 0) noCloseFrom[ch] = Math.min(noCloseFrom[ch], i + 1);
      if (end > 0) {
        flush();
        out.push({ type: 'em', children: parseInline(src.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    const cite = /^\[(\d{1,3})\]/.exec(src.slice(i, i + 5));
    if (cite) {
      flush();
      out.push({ type: 'cite', marker: Number(cite[1]) });
      i += cite[0].length;
      continue;
    }
    text += ch;
    i++;
  }
  flush();
  return out;
}

function findEmphasisClose(src: string, delim: string, from: number): number {
  for (let j = from + 1; j < src.length; j++) {
    if (src[j] !== delim || /\s/.test(src[j - 1]) || src[j + 1] === delim) continue;
    if (delim === '_' && /\w/.test(src[j + 1] ?? '')) continue;
    return j;
  }
  return -1;
}
