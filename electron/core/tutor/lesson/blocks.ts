// Reads a section body into the blocks a tutor talks about: paragraphs (as sentences), lists (as
// trees, so sub-items stay with their parent), tables and numbered step lists. Every line is kept
// exactly as written in the notes, so whatever the lesson quotes is verbatim.

import { markdownBlocks, plainText, splitSentences } from '../../answer/segment';

const LIST_ITEM = /^(\s*)([-*+]|\d+[.)])\s+/;
const ORDERED_ITEM = /^\s*\d+[.)]\s+/;

export interface ListNode {
  /** The item's own lines (its bullet line plus continuation lines), verbatim. */
  lines: string[];
  children: ListNode[];
  indent: number;
}

export type Block =
  | { kind: 'para'; sentences: string[] }
  | { kind: 'list'; ordered: boolean; items: ListNode[] }
  | { kind: 'table'; lines: string[] };

function indentOf(line: string): number {
  return (line.match(/^\s*/)?.[0] ?? '').replace(/\t/g, '    ').length;
}

function parseList(lines: string[]): ListNode[] {
  const roots: ListNode[] = [];
  const stack: ListNode[] = [];
  for (const line of lines) {
    if (!LIST_ITEM.test(line)) {
      stack[stack.length - 1]?.lines.push(line); // continuation of the open item
      continue;
    }
    const node: ListNode = { lines: [line], children: [], indent: indentOf(line) };
    while (stack.length > 0 && stack[stack.length - 1].indent >= node.indent) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else roots.push(node);
    stack.push(node);
  }
  return roots;
}

/** Paragraphs, lists and tables in document order; blank lines separate blocks. */
export function parseBlocks(body: string): Block[] {
  const raw = markdownBlocks(body);
  return raw.map((b): Block => {
    if (b.kind === 'table') return { kind: 'table', lines: b.lines };
    if (b.kind === 'list') return { kind: 'list', ordered: ORDERED_ITEM.test(b.lines[0]), items: parseList(b.lines) };
    return { kind: 'para', sentences: splitSentences(b.lines.map((l) => l.trim()).join(' ')) };
  });
}

/** The node with all its descendants, lines verbatim. */
export function nodeLines(node: ListNode): string[] {
  return [...node.lines, ...node.children.flatMap(nodeLines)];
}

export function listLines(items: ListNode[]): string[] {
  return items.flatMap(nodeLines);
}

export function wordCount(markdown: string): number {
  const plain = plainText(markdown);
  return plain ? plain.split(/\s+/).length : 0;
}

/**
 * Bullets the learner reads: list-item lines that are not just a heading for the sub-items under
 * them ("S3 offers multiple storage classes:" above its classes counts as a lead-in, not a point).
 */
export function bulletCount(markdown: string): number {
  const lines = markdown.split('\n');
  let n = 0;
  lines.forEach((line, i) => {
    if (!LIST_ITEM.test(line)) return;
    const next = lines.slice(i + 1).find((l) => LIST_ITEM.test(l) || !/^\s+/.test(l));
    const parentOfNext = next !== undefined && LIST_ITEM.test(next) && indentOf(next) > indentOf(line);
    if (!parentOfNext) n++;
  });
  return n;
}
