// Candidate facts of a lesson: the sentences and list items of its sections (via the answer
// segmenter, so questions quote exactly what answers would), with the structure the generators
// need — an item's bold label and description, and which items are siblings of one list.

import { segmentChunk, plainText, splitSentences } from '../../answer/segment';
import type { Section } from '../../knowledge/types';

export interface Fact {
  section: Section;
  kind: 'sentence' | 'item' | 'row';
  /** Verbatim Markdown from the notes (an item without its bullet). */
  source: string;
  /** Plain text of `source` (no Markdown markers). */
  plain: string;
  /** "**S3 Standard**: For frequently accessed data." → "S3 Standard" (colon labels only). */
  label?: string;
  /** The plain text after a label. */
  desc?: string;
  /** "**Buckets** are containers …" → "Buckets": a bold subject without a colon. */
  subject?: string;
  /** Items of one list share a group; the parent item (or section) names what kind they are. */
  group: string;
  groupLabel?: string;
  numbered: boolean;
  hasChildren: boolean;
  /** Top-level item or paragraph sentence of the section. */
  topLevel: boolean;
  /** A table row's cells after the first, each with its column header ("Secrets Manager": "Up to 64KB"). */
  cells?: { header: string; value: string }[];
}

function cellsOf(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => plainText(c));
}

function rowFact(section: Section, markdown: string, tableHeader: string): Fact | null {
  const headers = cellsOf(tableHeader.split('\n')[0]);
  const rowLine = markdown.split('\n').pop() ?? '';
  const cells = cellsOf(rowLine);
  if (cells.length !== headers.length || cells.length < 2) return null;
  return {
    section,
    kind: 'row',
    source: rowLine.trim(),
    plain: cells.join(' | '),
    label: cells[0],
    group: `${section.id}:${tableHeader}`,
    numbered: false,
    hasChildren: false,
    topLevel: true,
    cells: cells.slice(1).map((value, i) => ({ header: headers[i + 1], value })),
  };
}

const ITEM = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;
// "**Label**: text", "**Label:** text", or a short plain label "General Purpose (e.g., t3, m6i): text".
const BOLD_LABEL = /^\*\*([^*]+?):?\*\*\s*:?\s*(.*)$/;
const PLAIN_LABEL = /^([A-Z][\w/&+-]*(?:\s+[\w/&+-]+){0,4})\s*(?:\((?:e\.g\.|i\.e\.)[^)]*\))?:\s+(\S.*)$/;

function parseLabel(md: string): { label?: string; desc?: string; subject?: string } {
  const bold = BOLD_LABEL.exec(md);
  if (bold) {
    const colon = /^\*\*[^*]+?:\*\*|^\*\*[^*]+?\*\*\s*:/.test(md);
    if (colon) return { label: bold[1].trim(), desc: plainText(bold[2]) };
    return { subject: bold[1].trim() };
  }
  const plain = PLAIN_LABEL.exec(md);
  if (plain) return { label: plain[1].trim(), desc: plainText(plain[2]) };
  return {};
}

interface Open {
  indent: number;
  fact: Fact;
}

function itemFacts(section: Section, lines: string[], isRoot: boolean, out: Fact[]): void {
  const stack: Open[] = [];
  const heading = section.headingPath[section.headingPath.length - 1];
  for (const line of lines) {
    const m = ITEM.exec(line);
    if (!m) continue; // continuation lines do not occur in the shipped notes
    const indent = m[1].replace(/\t/g, '    ').length;
    while (stack.length > 0 && stack[stack.length - 1].indent >= indent) stack.pop();
    const parent = stack[stack.length - 1]?.fact;
    if (parent) parent.hasChildren = true;
    const source = m[3].trim();
    const { label, desc, subject } = parseLabel(source);
    const fact: Fact = {
      section,
      kind: 'item',
      source,
      plain: plainText(source),
      label,
      desc: desc || undefined,
      subject,
      group: parent ? `${section.id}:${parent.source}` : section.id,
      // a labelled parent names its children ("**Storage Classes**:"); an unlabelled one
      // ("S3 offers multiple storage classes …:") leaves it to the section heading
      groupLabel: parent?.label ?? (isRoot ? undefined : heading),
      numbered: /\d/.test(m[2]),
      hasChildren: false,
      topLevel: !parent,
    };
    out.push(fact);
    stack.push({ indent, fact });
  }
}

/** All facts of the lesson's sections, in reading order. */
export function lessonFacts(sections: readonly Section[]): Fact[] {
  const out: Fact[] = [];
  sections.forEach((section, i) => {
    let items: string[] = [];
    const flush = () => {
      itemFacts(section, items, i === 0, out);
      items = [];
    };
    for (const unit of segmentChunk(section.body)) {
      // consecutive item units form one list (a long item comes split into parent and children)
      if (unit.kind === 'item') {
        items.push(...unit.markdown.split('\n'));
        continue;
      }
      flush();
      if (unit.kind === 'table') {
        const row = unit.tableHeader ? rowFact(section, unit.markdown, unit.tableHeader) : null;
        if (row) out.push(row);
        continue;
      }
      out.push({
        section,
        kind: 'sentence',
        source: unit.markdown,
        plain: unit.plain,
        group: section.id,
        numbered: false,
        hasChildren: false,
        topLevel: true,
      });
    }
    flush();
  });
  return out;
}

/** The single sentences of a fact (a long item's description may hold several); none for a table row. */
export function factSentences(fact: Fact): string[] {
  if (fact.kind === 'row') return [];
  return fact.kind === 'sentence' ? [fact.plain] : splitSentences(fact.plain);
}

/**
 * Texts a term may be blanked in, each with where its blankable part starts: after an item's label
 * ("S3 Standard: …" — labels are names, not facts), or a table cell after "row — column: ".
 */
export function clozeTexts(fact: Fact): { text: string; from: number }[] {
  if (fact.kind === 'row') {
    return (fact.cells ?? []).map(({ header, value }) => {
      const lead = `${fact.label ?? ''} — ${header}: `;
      return { text: lead + value, from: lead.length };
    });
  }
  return factSentences(fact).map((text) => {
    const label = fact.label && text.startsWith(fact.label) ? text.indexOf(':', fact.label.length) + 1 : 0;
    return { text, from: label };
  });
}
