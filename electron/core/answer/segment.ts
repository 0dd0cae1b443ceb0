// Splits a chunk's Markdown into answer units: the smallest pieces that still read well alone
// (a sentence, a list item with its sub-items, a table). Answers are built from these, so every
// statement in an answer is a verbatim piece of a cited chunk.
import type { Chunk } from '../knowledge/types';

export type UnitKind = 'sentence' | 'item' | 'table';

export interface AnswerUnit {
  kind: UnitKind;
  /** Markdown exactly as it should appear in the answer (bullets and table pipes kept). */
  markdown: string;
  /** Plain text used for matching (no Markdown markers). */
  plain: string;
  /** Order inside the chunk, so selected units can be shown in reading order. */
  position: number;
  /** For a table row: the table's header lines, so rows picked together render as one table. */
  tableHeader?: string;
  /** For a sub-item quoted alone: its parent item's line, shown once above sibling sub-items. */
  context?: string;
}

const LIST_ITEM = /^(\s*)([-*+]|\d+[.)])\s+/;
const TABLE_ROW = /^\s*\|/;
// Sub-items longer than this are offered on their own instead of inside their parent.
const MAX_ITEM_WORDS = 90;

export function plainText(markdown: string): string {
  return markdown
    .replace(/^\s*\|?[\s:|-]+\|[\s:|-]*$/gm, ' ') // table separator rows
    .replace(/[*`]/g, '') // emphasis markers vanish without leaving a gap ("**Bold**:" -> "Bold:")
    .replace(/[>#|]/g, ' ')
    .replace(/^\s*([-+]|\d+[.)])\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const ABBREVIATIONS = /\b(e\.g|i\.e|etc|vs|approx|incl)\.$/i;

/** Sentence split that survives "e.g.," and version numbers like "v4.1". */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const re = /[.!?](?=\s+["“(]?[A-Z0-9*])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const candidate = text.slice(start, m.index + 1);
    if (ABBREVIATIONS.test(candidate)) continue;
    out.push(candidate.trim());
    start = m.index + 1;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out.filter((s) => s.length > 0);
}

function indentOf(line: string): number {
  return (line.match(/^\s*/)?.[0] ?? '').replace(/\t/g, '    ').length;
}

interface ListItem {
  lines: string[];
  children: ListItem[];
  indent: number;
}

function parseList(lines: string[]): ListItem[] {
  const roots: ListItem[] = [];
  const stack: ListItem[] = [];
  for (const line of lines) {
    if (!LIST_ITEM.test(line)) {
      // continuation line of the current item
      const top = stack[stack.length - 1];
      if (top) top.lines.push(line);
      continue;
    }
    const item: ListItem = { lines: [line], children: [], indent: indentOf(line) };
    while (stack.length && stack[stack.length - 1].indent >= item.indent) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(item);
    else roots.push(item);
    stack.push(item);
  }
  return roots;
}

function itemMarkdown(item: ListItem, baseIndent: number): string {
  const own = item.lines.map((l) => l.slice(Math.min(baseIndent, indentOf(l)))).join('\n');
  return [own, ...item.children.map((c) => itemMarkdown(c, baseIndent))].join('\n');
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

type PushUnit = (kind: UnitKind, md: string, extra?: { tableHeader?: string; context?: string }) => void;

function listUnits(items: ListItem[], push: PushUnit, context = ''): void {
  for (const item of items) {
    const md = itemMarkdown(item, item.indent);
    if (wordCount(md) <= MAX_ITEM_WORDS || item.children.length === 0) {
      push('item', context ? md.replace(/^/gm, '  ') : md, context ? { context } : undefined);
      continue;
    }
    // Too long to quote whole: the parent line alone, then each child with the parent as context.
    const head = item.lines.map((l) => l.slice(Math.min(item.indent, indentOf(l)))).join('\n');
    push('item', head);
    listUnits(item.children, push, head);
  }
}

/** A run of lines of one kind; blank lines separate runs. Shared with the lesson planner. */
export type MarkdownBlock = { kind: 'table' | 'list' | 'para'; lines: string[] };
type Block = MarkdownBlock;

export function markdownBlocks(markdown: string): MarkdownBlock[] {
  const blocks: Block[] = [];
  let cur = null as Block | null;
  for (const line of markdown.split('\n')) {
    if (!line.trim()) {
      cur = null;
      continue;
    }
    const kind: Block['kind'] = TABLE_ROW.test(line)
      ? 'table'
      : LIST_ITEM.test(line) || (cur?.kind === 'list' && /^\s+/.test(line))
        ? 'list'
        : 'para';
    if (!cur || cur.kind !== kind) {
      cur = { kind, lines: [] };
      blocks.push(cur);
    }
    cur.lines.push(line);
  }
  return blocks;
}

const unitsByChunk = new WeakMap<Chunk, readonly AnswerUnit[]>();

/**
 * A chunk's units, segmented once: the reranker, the engine's unit embeddings and the composer
 * all read the same top chunks for every question.
 */
export function unitsOfChunk(chunk: Chunk): readonly AnswerUnit[] {
  let units = unitsByChunk.get(chunk);
  if (!units) {
    units = segmentChunk(chunk.text);
    unitsByChunk.set(chunk, units);
  }
  return units;
}

export function segmentChunk(markdown: string): AnswerUnit[] {
  const units: AnswerUnit[] = [];
  const push: PushUnit = (kind, md, extra) => {
    // a sub-item is matched together with its parent's label ("Storage Classes: EFS Standard …")
    const plain = plainText(extra?.context ? `${extra.context}\n${md}` : md);
    if (plain) units.push({ kind, markdown: md.trimEnd(), plain, position: units.length, ...extra });
  };
  for (const block of markdownBlocks(markdown)) {
    if (block.kind === 'table') tableUnits(block.lines, push);
    else if (block.kind === 'list') listUnits(parseList(block.lines), push);
    else for (const s of splitSentences(block.lines.join(' '))) push('sentence', s);
  }
  return units;
}

const SEPARATOR_ROW = /^\s*\|?[\s:|-]+\|[\s:|-]*$/;

/**
 * A table is offered row by row (each row carries the header, so it reads alone and matches on
 * column names); a table without a header/separator stays whole.
 */
function tableUnits(lines: string[], push: PushUnit): void {
  if (lines.length < 3 || !SEPARATOR_ROW.test(lines[1])) {
    push('table', lines.join('\n'));
    return;
  }
  const header = `${lines[0]}\n${lines[1]}`;
  for (const row of lines.slice(2)) push('table', `${header}\n${row}`, { tableHeader: header });
}
