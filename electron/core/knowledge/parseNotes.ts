// Parser for notes in the seed's own loose format (also used for learner .md/.txt imports):
// "-----" lines separate service blocks, "📌 PHASE n — Title" lines start phases, a block may open
// with an intro paragraph before its first heading, "***" rules separate sub-parts, and
// "### New topic - self learning" marks a self-learned topic.

import { repairMojibake } from './mojibake';
import { REFERENCES_RE, cleanContentLine, stripCitations } from './noteFilters';
import { phaseIdFromNumber, phaseInfo } from './phases';
import { SectionTree, type SectionNode } from './sectionTree';
import { cleanHeading, isProseLine, isTableLine, sentenceSubject, tidyLines } from './text';
import type { PhaseId, Section } from './types';

export interface ParseOptions {
  /** Phase for text before any phase marker (default: 'self' for learner imports, else 'phase1'). */
  defaultPhase?: PhaseId;
  source?: 'notes' | 'self';
}

export interface ParsedPhase {
  id: PhaseId;
  order: number;
  /** Short title, e.g. "Databases & Storage". */
  title: string;
  /** The phase's `#` heading and first heading-path entry, e.g. "Phase 2 — Databases & Storage". */
  heading: string;
}

export interface ParsedNotes {
  phases: ParsedPhase[];
  /** Document-order sections, phase roots included, each phase once (duplicates merged). */
  sections: Section[];
}

type NoteLine =
  | { kind: 'blank' }
  | { kind: 'separator' }
  | { kind: 'rule' }
  | { kind: 'phase'; phaseId: PhaseId; title: string }
  | { kind: 'selfTopic' }
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'text'; text: string };

interface Block {
  phaseId: PhaseId;
  phaseTitle?: string;
  lines: NoteLine[];
}

const SEPARATOR_RE = /^\s*-{5,}\s*$/;
const RULE_RE = /^\s*(?:(?:\*\s*){3,}|(?:_\s*){3,}|-{3,4})\s*$/;
const HEADING_RE = /^\s{0,3}(#{1,6})\s+(.+)$/;
const PHASE_RE = /^phase\s+(\d+)\s*[—–:-]+\s*(.+)$/i;
const SELF_TOPIC_RE = /^new topic\b.*\bself[\s-]*learn/i;
const FENCE_RE = /^\s*(?:```|~~~)/;

function phaseMarker(raw: string): NoteLine | null {
  const text = cleanHeading(raw.replace(/^\s*#{1,6}\s+/, ''));
  const m = PHASE_RE.exec(text);
  if (!m || text.length > 120) return null;
  const phaseId = phaseIdFromNumber(Number(m[1]));
  // "(Detailed Notes)" describes the notes, not the phase.
  const title = m[2].replace(/\s*\((?:detailed\s+)?notes\)\s*$/i, '').trim();
  return phaseId && title ? { kind: 'phase', phaseId, title } : null;
}

function classifyLine(raw: string): NoteLine {
  if (SEPARATOR_RE.test(raw)) return { kind: 'separator' };
  if (RULE_RE.test(raw)) return { kind: 'rule' };
  const marker = phaseMarker(raw);
  if (marker) return marker;
  const h = HEADING_RE.exec(raw);
  if (h) {
    const text = cleanHeading(stripCitations(h[2]));
    if (SELF_TOPIC_RE.test(text)) return { kind: 'selfTopic' };
    return text ? { kind: 'heading', level: h[1].length, text } : { kind: 'blank' };
  }
  const text = cleanContentLine(raw);
  return text === '' ? { kind: 'blank' } : { kind: 'text', text };
}

/** Classifies lines; code fences pass through verbatim and "References:" lists are dropped. */
function classify(text: string): NoteLine[] {
  const out: NoteLine[] = [];
  let inFence = false;
  let inReferences = false;
  for (const raw of text.split('\n')) {
    if (FENCE_RE.test(raw) || inFence) {
      if (FENCE_RE.test(raw)) inFence = !inFence;
      out.push({ kind: 'text', text: raw.trimEnd() });
      continue;
    }
    if (REFERENCES_RE.test(raw)) {
      inReferences = true;
      continue;
    }
    const line = classifyLine(raw);
    if (inReferences && line.kind === 'text') continue;
    inReferences = false;
    out.push(line);
  }
  return out;
}

/** Splits at separators and phase/self-topic markers; each block knows its phase. */
function toBlocks(lines: NoteLine[], defaultPhase: PhaseId): Block[] {
  const blocks: Block[] = [];
  let current: Block = { phaseId: defaultPhase, lines: [] };
  const start = (phaseId: PhaseId, phaseTitle?: string): void => {
    blocks.push(current);
    current = { phaseId, phaseTitle, lines: [] };
  };
  for (const line of lines) {
    if (line.kind === 'separator') start(current.phaseId);
    else if (line.kind === 'phase') start(line.phaseId, line.title);
    else if (line.kind === 'selfTopic') start('self');
    else current.lines.push(line);
  }
  blocks.push(current);
  return blocks;
}

function textOf(lines: NoteLine[]): string {
  return tidyLines(lines.map((l) => (l.kind === 'text' ? l.text : '')));
}

function hasContent(lines: string[]): boolean {
  return lines.some((l) => l.trim() !== '');
}

/**
 * Heading for an untitled part that holds a comparison table, taken from the table's header row:
 * "| Feature | Classic Load Balancer (CLB) | Application Load Balancer (ALB) | …" →
 * "Load Balancer Comparison (CLB vs ALB vs NLB)".
 */
export function comparisonHeading(text: string): string {
  const header = text.split('\n').find(isTableLine) ?? '';
  const cols = header
    .split('|')
    .map((c) => c.trim())
    .filter(Boolean)
    .slice(1);
  if (cols.length < 2) return 'Comparison';
  const abbrevs = cols.map((c) => /\(([^()]{1,12})\)\s*$/.exec(c)?.[1]);
  const bare = cols.map((c) => c.replace(/\s*\([^()]*\)\s*$/, ''));
  const short = abbrevs.every((a) => a) ? (abbrevs as string[]) : bare;
  const lower = bare.slice(1).map((c) => new Set(c.toLowerCase().split(/\s+/)));
  const common = bare[0].split(/\s+/).filter((w) => lower.every((set) => set.has(w.toLowerCase())));
  const list = short.join(' vs ');
  return common.length > 0 ? `${common.join(' ')} Comparison (${list})` : `Comparison: ${list}`;
}

/** Turns one block's lines into tree nodes. */
class BlockBuilder {
  private stack: SectionNode[];
  private base = 1;
  private buf: string[] = [];
  private orphan: string[] | null = null;
  private afterRule = false;

  constructor(
    private readonly tree: SectionTree,
    root: SectionNode,
    private readonly minLevel: number,
  ) {
    this.stack = [root];
  }

  private get current(): SectionNode {
    return this.stack[this.stack.length - 1];
  }

  /**
   * A block's opening paragraph describes the service the block is about, so it becomes that
   * service's section (named from its first sentence) and the block's headings its children.
   */
  intro(text: string): void {
    const firstPara = text.split(/\n\s*\n/)[0];
    const subject = isProseLine(firstPara.split('\n')[0]) ? sentenceSubject(firstPara) : null;
    if (!subject) {
      this.tree.addBody(this.current, text);
      return;
    }
    const node = this.tree.child(this.current, subject);
    this.tree.addBody(node, text);
    this.stack.push(node);
    this.base = 2;
  }

  feed(line: NoteLine): void {
    if (line.kind === 'heading') this.heading(line.level, line.text);
    else if (line.kind === 'rule') {
      this.afterRule = true;
      (this.orphan ?? this.buf).push('');
    } else if (line.kind === 'text') {
      // Text after a "***" that follows body text is not more of that subsection (see finishSection).
      if (this.orphan === null && this.afterRule && hasContent(this.buf)) this.orphan = [];
      this.afterRule = false;
      (this.orphan ?? this.buf).push(line.text);
    } else (this.orphan ?? this.buf).push('');
  }

  private heading(level: number, text: string): void {
    this.finishSection();
    const depth = Math.min(5, Math.max(1, this.base + level - this.minLevel));
    const parentIndex = Math.min(depth - 1, this.stack.length - 1);
    const node = this.tree.child(this.stack[parentIndex], text);
    this.stack = [...this.stack.slice(0, parentIndex + 1), node];
  }

  /**
   * Flushes the current section. A part cut off by a rule that holds a table (the ELB comparison)
   * becomes a sibling section named from the table, since it compares all siblings; other cut-off
   * text stays with the section it follows.
   */
  finishSection(): void {
    const orphanText = this.orphan ? tidyLines(this.orphan) : '';
    if (orphanText && orphanText.split('\n').some(isTableLine) && this.stack.length > 1) {
      this.tree.addBody(this.current, tidyLines(this.buf));
      const parent = this.stack[this.stack.length - 2];
      const node = this.tree.child(parent, comparisonHeading(orphanText));
      this.tree.addBody(node, orphanText);
      this.stack = [...this.stack.slice(0, -1), node];
    } else {
      this.tree.addBody(this.current, tidyLines([...this.buf, '', ...(this.orphan ?? [])]));
    }
    this.buf = [];
    this.orphan = null;
    this.afterRule = false;
  }
}

function processBlock(tree: SectionTree, block: Block): void {
  const root = tree.phaseRoot(block.phaseId, block.phaseTitle);
  const first = block.lines.findIndex((l) => l.kind === 'heading');
  const leadEnd = first < 0 ? block.lines.length : first;
  const levels = block.lines.flatMap((l) => (l.kind === 'heading' ? [l.level] : []));
  const builder = new BlockBuilder(tree, root, levels.length > 0 ? Math.min(...levels) : 1);
  const lead = textOf(block.lines.slice(0, leadEnd));
  if (lead) builder.intro(lead);
  for (const line of block.lines.slice(leadEnd)) builder.feed(line);
  builder.finishSection();
}

function hasAnyContent(block: Block): boolean {
  return block.phaseTitle !== undefined || block.lines.some((l) => l.kind === 'text' || l.kind === 'heading');
}

export function parseRawNotes(raw: string, opts: ParseOptions = {}): ParsedNotes {
  const source = opts.source ?? 'notes';
  const defaultPhase = opts.defaultPhase ?? (source === 'self' ? 'self' : 'phase1');
  const text = repairMojibake(raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  const tree = new SectionTree();
  for (const block of toBlocks(classify(text), defaultPhase)) {
    if (hasAnyContent(block)) processBlock(tree, block);
  }
  const phases = tree.phaseList().map((p) => ({
    id: p.id,
    order: phaseInfo(p.id).order,
    title: p.title,
    heading: p.root.heading,
  }));
  return { phases, sections: tree.toSections(source) };
}
