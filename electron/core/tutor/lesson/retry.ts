// After a wrong answer the tutor shows the source again, but with its surroundings: the sentence
// before and after it, the parent item of a sub-item, the neighbouring step of a procedure, or the
// header of a table row. Seeing the fact in context is what helps; repeating it bare does not.

import { sectionLabel } from '../../answer/composeAnswer';
import { plainText } from '../../answer/segment';
import { stripNumbering } from '../../knowledge/text';
import type { Section } from '../../knowledge/types';
import type { SourceRef } from '../types';
import { nodeLines, parseBlocks, wordCount, type ListNode } from './blocks';
import { MAX_WORDS } from './pieces';
import { Phrasebook } from './phrases';
import { refOf } from './planLesson';

export interface RetryMessage {
  markdown: string;
  refs: SourceRef[];
  /** The paragraphs of `markdown` that are the tutor's own words; the rest is verbatim notes. */
  tutorBlocks: string[];
}

const norm = (s: string): string => plainText(s).toLowerCase().replace(/\s+/g, ' ').trim();

/** Same text, or one holds the other (a question may quote one sentence of a longer item, or two). */
function overlaps(unit: string, source: string): boolean {
  const u = norm(unit);
  return u.length > 0 && (u.includes(source) || (u.length >= 12 && source.includes(u)));
}

/** Whole item when short enough to read, else just its own lines. */
function itemText(node: ListNode): string[] {
  const whole = nodeLines(node);
  return wordCount(whole.join('\n')) <= MAX_WORDS ? whole : node.lines;
}

function sentenceCount(lines: string[]): number {
  return plainText(lines.join(' ')).split(/(?<=[.!?])\s+(?=[A-Z0-9])/).length;
}

/** The item matching the source, deepest first, with the list it sits in and its ancestors. */
function findItem(
  items: ListNode[],
  source: string,
  ancestors: ListNode[] = [],
): { node: ListNode; siblings: ListNode[]; ancestors: ListNode[] } | undefined {
  for (const node of items) {
    const deeper = findItem(node.children, source, [...ancestors, node]);
    if (deeper) return deeper;
    if (overlaps(node.lines.join(' '), source)) return { node, siblings: items, ancestors };
  }
  return undefined;
}

/** Verbatim context around the source in the section body, or undefined when it isn't there. */
export function contextFor(source: string, body: string): string | undefined {
  const src = norm(source);
  if (!src) return undefined;
  for (const block of parseBlocks(body)) {
    if (block.kind === 'para') {
      const hits = block.sentences.map((s, i) => (overlaps(s, src) ? i : -1)).filter((i) => i >= 0);
      if (hits.length === 0) continue;
      const from = Math.max(0, hits[0] - 1);
      return block.sentences.slice(from, hits[hits.length - 1] + 2).join(' ');
    }
    if (block.kind === 'table') {
      const row = block.lines.findIndex((l, i) => i >= 2 && overlaps(l, src));
      if (row >= 0) return [block.lines[0], block.lines[1], block.lines[row]].join('\n');
      if (overlaps(block.lines.join(' '), src)) return block.lines.join('\n');
      continue;
    }
    const hit = findItem(block.items, src);
    if (!hit) continue;
    const { node, siblings, ancestors } = hit;
    if (ancestors.length > 0) return [...ancestors.flatMap((a) => a.lines), ...itemText(node)].join('\n');
    // A one-sentence point reads better next to its neighbour (the step before, or the one after).
    const at = siblings.indexOf(node);
    const alone = !block.ordered && sentenceCount(node.lines) > 1;
    if (alone || siblings.length === 1) return itemText(node).join('\n');
    const pair = at > 0 ? [siblings[at - 1], node] : [node, siblings[at + 1]];
    return pair.flatMap(itemText).join('\n');
  }
  return undefined;
}

/** A kind re-explanation after a wrong answer: the source in its context, then an invitation to retry. */
export function retryMessage(source: string, section: Section): RetryMessage {
  const book = new Phrasebook(source);
  const label = sectionLabel(section.headingPath.map((h) => stripNumbering(h).replace(/^topic:\s*/i, '')));
  const quoted = contextFor(source, section.body) ?? source.trim();
  const tutorBlocks = [book.say('retry', { label }), book.say('retryClose')];
  return {
    markdown: [tutorBlocks[0], quoted, tutorBlocks[1]].join('\n\n'),
    refs: [refOf(section)],
    tutorBlocks,
  };
}

/** The re-explanation as chat Markdown (what a `message` event carries). */
export function rephraseForRetry(source: string, section: Section): string {
  return retryMessage(source, section).markdown;
}
