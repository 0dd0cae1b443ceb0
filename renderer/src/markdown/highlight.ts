/**
 * Finds the parts of a section that a cited passage quotes, so the reader can mark them: the
 * paragraphs, list items, table rows and code blocks whose text the passage contains (or that
 * contain the passage), compared on normalised text (case, Markdown markers, punctuation and
 * spacing ignored). A chunk is cut at those same boundaries, so they are the right grain.
 */
import { parseInline, type Block, type Inline, type ListBlock } from './parse';

// List/heading/quote markers are stripped after the blanks of one line only: `^\s*` would run on
// across newlines and, retried at every line start, make a run of blank lines quadratic.
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/^[^\S\n]*(?:[-*+]|\d+[.)]|#{1,6}|>)\s+/gm, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function inlineText(nodes: Inline[]): string {
  return nodes
    .map((n) => (n.type === 'text' || n.type === 'code' ? n.text : n.type === 'cite' ? '' : inlineText(n.children)))
    .join('');
}

/** Something that can be marked: a paragraph or code block, a list item, a table row. */
interface Unit {
  node: object;
  text: string;
}

function unitsOf(blocks: Block[], out: Unit[] = []): Unit[] {
  const list = (l: ListBlock): void => {
    for (const item of l.items) {
      out.push({ node: item, text: normalise(inlineText(item.content)) });
      item.children.forEach(list);
    }
  };
  for (const b of blocks) {
    if (b.type === 'paragraph') out.push({ node: b, text: normalise(inlineText(b.content)) });
    else if (b.type === 'code') out.push({ node: b, text: normalise(b.text) });
    else if (b.type === 'list') list(b);
    else if (b.type === 'quote') unitsOf(b.blocks, out);
    else if (b.type === 'table')
      for (const row of b.rows) out.push({ node: row, text: normalise(row.map(inlineText).join(' ')) });
  }
  return out;
}

const MIN_UNIT = 4;
const FALLBACK_CHARS = 48;

/** The nodes of `blocks` to mark for `highlight` (an empty set when there is none or nothing matches). */
export function highlightedNodes(blocks: Block[], highlight: string | null | undefined): Set<object> {
  const hits = new Set<object>();
  if (!highlight) return hits;
  // The passage is Markdown too: compare its text, not its markers.
  const h = normalise(
    highlight
      .split('\n')
      .map((l) => inlineText(parseInline(l)))
      .join('\n'),
  );
  if (!h) return hits;
  const padded = ` ${h} `;
  const units = unitsOf(blocks).filter((u) => u.text);
  for (const u of units) {
    const contained = u.text.length >= MIN_UNIT && padded.includes(` ${u.text} `);
    const contains = u.text.length >= h.length && ` ${u.text} `.includes(padded);
    if (contained || contains) hits.add(u.node);
  }
  if (hits.size > 0) return hits;
  // A long paragraph split mid-way: mark the units holding the passage's start or end.
  const head = h.slice(0, FALLBACK_CHARS).replace(/\s\S*$/, '');
  const tail = h.slice(-FALLBACK_CHARS).replace(/^\S*\s/, '');
  for (const u of units) if (u.text.includes(head) || u.text.includes(tail)) hits.add(u.node);
  return hits;
}
