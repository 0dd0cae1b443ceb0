// Turns one section's blocks into chat-sized pieces of quoted text. A message holds at most
// MAX_BULLETS points and MAX_WORDS words of the notes; a table or a numbered list of steps is never
// cut (cutting a table or a procedure in half would teach it wrong). A list item too big for one
// message is split between its sub-items, repeating the parent line above each part, so sub-items
// are never shown without their parent.

import { bulletCount, listLines, nodeLines, parseBlocks, wordCount, type Block, type ListNode } from './blocks';

export const MAX_BULLETS = 4;
export const MAX_WORDS = 90;

/** Smallest quotable things: a sentence, a list item under its (repeated) ancestors, a whole block. */
export type Unit =
  | { type: 'sentence'; text: string; block: number }
  | { type: 'item'; node: ListNode; context: ListNode[]; block: number }
  | { type: 'block'; kind: 'table' | 'steps'; markdown: string };

/** Units that must share a message; `alone` ones get a message to themselves. */
interface Packet {
  units: Unit[];
  alone?: boolean;
}

/** A message's worth of quoted text from one section. */
export interface Piece {
  kind: 'points' | 'table' | 'steps';
  markdown: string;
}

const blockOf = (u: Unit): number => (u.type === 'block' ? -1 : u.block);

/** Renders units verbatim: sentences of one paragraph run on, items of one list stay one list. */
export function renderUnits(units: Unit[]): string {
  const paras: string[] = [];
  let lines: string[] = [];
  let prev: Unit | undefined;
  let shown: ListNode[] = [];
  for (const u of units) {
    const sameBlock = prev !== undefined && prev.type === u.type && blockOf(prev) === blockOf(u) && blockOf(u) >= 0;
    if (!sameBlock && lines.length > 0) {
      paras.push(lines.join('\n'));
      lines = [];
      shown = [];
    }
    if (u.type === 'sentence') {
      if (sameBlock) lines[lines.length - 1] += ` ${u.text}`;
      else lines.push(u.text);
    } else if (u.type === 'item') {
      let common = 0; // ancestors already shown above the previous item are not repeated
      while (common < shown.length && common < u.context.length && shown[common] === u.context[common]) common++;
      for (const a of u.context.slice(common)) lines.push(...a.lines);
      lines.push(...nodeLines(u.node));
      shown = u.context;
    } else {
      lines.push(u.markdown);
    }
    prev = u;
  }
  if (lines.length > 0) paras.push(lines.join('\n'));
  return paras.join('\n\n');
}

export function fits(units: Unit[]): boolean {
  const md = renderUnits(units);
  return wordCount(md) <= MAX_WORDS && bulletCount(md) <= MAX_BULLETS;
}

/**
 * Fewest messages of near-equal size that each fit: a list of five reads better as 3 + 2 than
 * as 4 + 1. A single packet that cannot fit (one very long sentence) still gets its own message.
 */
export function balance<T>(items: T[], fitsGroup: (group: T[]) => boolean): T[][] {
  for (let g = 1; g <= items.length; g++) {
    const groups: T[][] = [];
    let start = 0;
    for (let i = 0; i < g; i++) {
      const size = Math.ceil((items.length - start) / (g - i));
      groups.push(items.slice(start, start + size));
      start += size;
    }
    if (g === items.length || groups.every(fitsGroup)) return groups;
  }
  return [];
}

const flat = (packets: Packet[]): Unit[] => packets.flatMap((p) => p.units);

/** One list item, whole if it fits, else split between its sub-items (recursively). */
function itemPackets(node: ListNode, context: ListNode[], block: number): Packet[] {
  const whole: Packet = { units: [{ type: 'item', node, context, block }] };
  if (node.children.length === 0 || fits(whole.units)) return [whole];
  const out: Packet[] = [];
  let run: Packet[] = [];
  const flush = (): void => {
    for (const group of balance(run, (g) => fits(flat(g)))) out.push({ units: flat(group), alone: true });
    run = [];
  };
  for (const child of node.children) {
    const parts = itemPackets(child, [...context, node], block);
    if (parts.length === 1 && !parts[0].alone) run.push(parts[0]);
    else {
      flush();
      out.push(...parts);
    }
  }
  flush();
  return out;
}

/** A paragraph ending in ":" right before a list or table introduces it and travels with it. */
function isLeadIn(block: Block, next: Block | undefined): boolean {
  if (block.kind !== 'para' || !next || next.kind === 'para') return false;
  return /:\s*$/.test(block.sentences[block.sentences.length - 1] ?? '');
}

function blockPackets(blocks: Block[]): Packet[] {
  const out: Packet[] = [];
  let leadIn: Unit[] = [];
  blocks.forEach((block, i) => {
    if (block.kind === 'para') {
      const units: Unit[] = block.sentences.map((text) => ({ type: 'sentence', text, block: i }));
      if (isLeadIn(block, blocks[i + 1])) {
        leadIn = units.slice(-1);
        units.pop();
      }
      out.push(...units.map((u) => ({ units: [u] })));
      return;
    }
    let packets: Packet[];
    if (block.kind === 'table')
      packets = [{ units: [{ type: 'block', kind: 'table', markdown: block.lines.join('\n') }] }];
    else if (block.ordered) {
      packets = [{ units: [{ type: 'block', kind: 'steps', markdown: listLines(block.items).join('\n') }] }];
    } else packets = block.items.flatMap((item) => itemPackets(item, [], i));
    const first = packets[0];
    const blockFirst = first.units[0].type === 'block';
    if (leadIn.length > 0 && (blockFirst || fits([...leadIn, ...first.units]))) first.units.unshift(...leadIn);
    else if (leadIn.length > 0) out.push({ units: leadIn });
    if (blockFirst) first.alone = true;
    leadIn = [];
    out.push(...packets);
  });
  return out;
}

function pieceOf(units: Unit[]): Piece {
  const block = units.find((u) => u.type === 'block');
  return { kind: block?.type === 'block' ? block.kind : 'points', markdown: renderUnits(units) };
}

/** Packs packets into messages: runs of small packets balanced, the rest one message each. */
function packMessages(packets: Packet[]): Piece[] {
  const out: Piece[] = [];
  let run: Packet[] = [];
  const flush = (): void => {
    for (const group of balance(run, (g) => fits(flat(g)))) out.push(pieceOf(flat(group)));
    run = [];
  };
  for (const p of packets) {
    if (!p.alone) {
      run.push(p);
      continue;
    }
    flush();
    out.push(pieceOf(p.units));
  }
  flush();
  return out;
}

/** The messages quoting one section body, in reading order. */
export function sectionPieces(body: string): Piece[] {
  return packMessages(blockPackets(parseBlocks(body)));
}

/**
 * The section's opening paragraph (the service's one-line definition), split off so the lesson
 * can open with it; `rest` is everything after. A paragraph introducing a list is not an intro.
 */
export function splitIntro(body: string): { intro: Piece[]; rest: Piece[] } {
  const blocks = parseBlocks(body);
  const first = blocks[0];
  if (!first || first.kind !== 'para' || isLeadIn(first, blocks[1])) {
    return { intro: [], rest: packMessages(blockPackets(blocks)) };
  }
  return { intro: packMessages(blockPackets([first])), rest: packMessages(blockPackets(blocks.slice(1))) };
}
