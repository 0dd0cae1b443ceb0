// Heading-aware chunking. A chunk never spans two sections (its heading path must be true for all
// of its text), and long sections split only at paragraph / list-item / table-row boundaries, so a
// retrieved chunk reads as a complete piece of the notes.

import { chunkId } from './ids';
import { isListItem, isTableLine, splitSentences, stripNumbering } from './text';
import type { Chunk, Section } from './types';

export interface ChunkOptions {
  /** Target size in estimated word-piece tokens (default 200 ≈ 140 words; embedder window is 256). */
  maxTokens?: number;
  /** Sentences of the previous chunk repeated at the start of the next (default 0). */
  overlapSentences?: number;
}

const DEFAULT_MAX_TOKENS = 200;
/** A last piece under this share of the target is merged back into the previous chunk. */
const TINY_SHARE = 0.25;
/** …as long as the merged chunk stays under this share of the target. */
const MERGE_SLACK = 1.25;

interface TableRef {
  header: string;
  headerTokens: number;
}

interface Unit {
  text: string;
  tokens: number;
  /** Separator placed before this unit when it follows another in the same chunk. */
  sep: string;
  /** Set for table rows: the table, whose header is repeated when a row opens a chunk. */
  table?: TableRef;
  /** The first row's text already starts with the header. */
  withHeader?: boolean;
}

/**
 * Rough BERT word-piece count: every punctuation mark is a token, long words and numbers split
 * into several pieces. Errs high, which keeps chunk + heading inside the 256-token window.
 */
export function estimateTokens(text: string): number {
  let n = 0;
  // Groups say which alternative matched: no second regex per token (chunking 100k chunks).
  for (const m of text.matchAll(/(\p{L}+)|(\p{N}+)|[^\s\p{L}\p{N}]/gu)) {
    if (m[1] !== undefined) n += 1 + Math.floor((m[1].length - 1) / 7);
    else if (m[2] !== undefined) n += Math.ceil(m[2].length / 3);
    else n += 1;
  }
  return n;
}

/** Bold markers carry no meaning for the embedder and are stripped from what it sees (chunkEmbeddingText). */
function stripBold(text: string): string {
  return text.replace(/\*\*|__/g, '');
}

/** Tokens the embedder will spend on this text. */
function embedTokens(text: string): number {
  return estimateTokens(stripBold(text));
}

function unit(text: string, sep: string, table?: TableRef, withHeader = false): Unit {
  return { text, tokens: embedTokens(text), sep, table, withHeader };
}

const TABLE_DELIM_RE = /^\|?\s*:?-{3,}/;

/** A table becomes one unit per row; the first row carries the header, later rows reference it. */
function tableUnits(lines: string[], sep: string): Unit[] {
  const hasHeader = lines.length >= 2 && TABLE_DELIM_RE.test(lines[1].trim());
  if (!hasHeader) return lines.map((l, i) => unit(l, i === 0 ? sep : '\n'));
  const header = `${lines[0]}\n${lines[1]}`;
  const ref: TableRef = { header, headerTokens: embedTokens(header) };
  const rows = lines.slice(2);
  if (rows.length === 0) return [unit(header, sep)];
  return [unit(`${header}\n${rows[0]}`, sep, ref, true), ...rows.slice(1).map((r) => unit(r, '\n', ref))];
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** Body → units: paragraphs, top-level list items (with their nested items), table rows. */
function toUnits(body: string): Unit[] {
  const units: Unit[] = [];
  const lines = body.split('\n');
  let blankBefore = false;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') {
      blankBefore = true;
      i++;
      continue;
    }
    const sep = blankBefore || units.length === 0 ? '\n\n' : '\n';
    blankBefore = false;
    let j = i + 1;
    if (isTableLine(line)) {
      while (j < lines.length && isTableLine(lines[j])) j++;
      units.push(...tableUnits(lines.slice(i, j), sep));
    } else {
      const list = isListItem(line);
      // A list item owns the indented lines under it; a paragraph runs to the next blank/list/table line.
      while (j < lines.length && lines[j].trim() !== '' && !isTableLine(lines[j])) {
        if (list ? indentOf(lines[j]) <= indentOf(line) && isListItem(lines[j]) : isListItem(lines[j])) break;
        j++;
      }
      units.push(unit(lines.slice(i, j).join('\n'), sep));
    }
    i = j;
  }
  return units;
}

/** Splits a unit larger than the target: first by its lines (nested items), then by sentences. */
function splitOversized(u: Unit, max: number): Unit[] {
  if (u.tokens <= max || u.table) return [u];
  const lines = u.text.split('\n');
  if (lines.length > 1) {
    return lines.flatMap((l, i) => splitOversized(unit(l, i === 0 ? u.sep : '\n'), max));
  }
  const sentences = splitSentences(u.text);
  if (sentences.length <= 1) return [u];
  const pieces: Unit[] = [];
  let cur: string[] = [];
  for (const s of sentences) {
    if (cur.length > 0 && embedTokens([...cur, s].join(' ')) > max) {
      pieces.push(unit(cur.join(' '), pieces.length === 0 ? u.sep : ' '));
      cur = [];
    }
    cur.push(s);
  }
  pieces.push(unit(cur.join(' '), pieces.length === 0 ? u.sep : ' '));
  return pieces;
}

/** A table row that opens a chunk (or follows other text) gets its table's header again. */
function needsHeader(u: Unit, prev: Unit | undefined): boolean {
  return u.table !== undefined && !u.withHeader && (prev === undefined || prev.table !== u.table);
}

function cost(u: Unit, prev: Unit | undefined): number {
  return u.tokens + (needsHeader(u, prev) && u.table ? u.table.headerTokens : 0);
}

function chunkTokens(units: Unit[]): number {
  return units.reduce((sum, u, i) => sum + cost(u, units[i - 1]), 0);
}

// Packing weights: fewest chunks first, then clean break points, then even sizes.
const CHUNK_COST = 100;
const BREAK_WEIGHT = 10;
const BALANCE_WEIGHT = 10;
const TINY_COST = 30;

/** Cost of starting a new chunk at unit u: free at paragraph breaks, dear inside a list or sentence run. */
function breakPenalty(prev: Unit, u: Unit): number {
  if (u.sep === ' ') return 6;
  // "Here's how you can use AWS Fargate:" belongs with what it introduces.
  if (/:\s*$/.test(prev.text)) return 5;
  if (u.table && prev.table === u.table) return 1;
  if (u.sep === '\n') return /^\s/.test(u.text) ? 4 : 2;
  return 0;
}

/**
 * Splits units into chunks of at most `max` tokens by dynamic programming over break points
 * (sections have at most a few dozen units), so breaks land at natural boundaries and sizes even out.
 */
function pack(units: Unit[], max: number): Unit[][] {
  const total = chunkTokens(units);
  const target = total / Math.max(1, Math.ceil(total / max));
  const best: { score: number; from: number }[] = [{ score: 0, from: -1 }];
  for (let i = 1; i <= units.length; i++) {
    let bestHere = { score: Infinity, from: i - 1 };
    for (let j = i - 1; j >= 0; j--) {
      const tokens = chunkTokens(units.slice(j, i));
      if (tokens > max && i - j > 1) break;
      const score =
        best[j].score +
        CHUNK_COST +
        (j > 0 ? breakPenalty(units[j - 1], units[j]) * BREAK_WEIGHT : 0) +
        (Math.abs(tokens - target) / max) * BALANCE_WEIGHT +
        (tokens < max * TINY_SHARE ? TINY_COST : 0);
      if (score < bestHere.score) bestHere = { score, from: j };
    }
    best.push(bestHere);
  }
  const chunks: Unit[][] = [];
  for (let i = units.length; i > 0; i = best[i].from) chunks.unshift(units.slice(best[i].from, i));
  return mergeTinyTail(chunks, max);
}

function mergeTinyTail(chunks: Unit[][], max: number): Unit[][] {
  if (chunks.length < 2) return chunks;
  const last = chunks[chunks.length - 1];
  const prev = chunks[chunks.length - 2];
  const merged = [...prev, ...last];
  if (chunkTokens(last) < max * TINY_SHARE && chunkTokens(merged) <= max * MERGE_SLACK) {
    return [...chunks.slice(0, -2), merged];
  }
  return chunks;
}

function render(units: Unit[]): string {
  let out = '';
  units.forEach((u, i) => {
    const prev = units[i - 1];
    const header = needsHeader(u, prev) && u.table ? `${u.table.header}\n` : '';
    out += (i === 0 ? '' : u.sep) + header + u.text;
  });
  return out;
}

function overlapPrefix(prev: Unit[], n: number): string {
  const last = prev[prev.length - 1];
  if (n <= 0 || !last || last.table || isTableLine(last.text)) return '';
  return splitSentences(last.text.replace(/^\s*([-*+]|\d+[.)])\s+/, ''))
    .slice(-n)
    .join(' ');
}

export function chunkSection(section: Section, opts: ChunkOptions = {}): Chunk[] {
  if (section.body.trim() === '') return [];
  const max = opts.maxTokens ?? DEFAULT_MAX_TOKENS;
  const units = toUnits(section.body).flatMap((u) => splitOversized(u, max));
  const groups = pack(units, max);
  return groups.map((g, ordinal) => {
    const prefix = ordinal > 0 ? overlapPrefix(groups[ordinal - 1], opts.overlapSentences ?? 0) : '';
    const text = prefix ? `${prefix}\n\n${render(g)}` : render(g);
    return {
      id: chunkId(section.headingPath, text),
      sectionId: section.id,
      phaseId: section.phaseId,
      headingPath: section.headingPath,
      text,
      ordinal,
      source: section.source,
    };
  });
}

export function chunkSections(sections: Section[], opts: ChunkOptions = {}): Chunk[] {
  return sections.flatMap((s) => chunkSection(s, opts));
}

/**
 * What the embedder and the lexical index see: heading path + "\n" + text. The phase title is left
 * out (it is the same for every chunk of a phase, so it only blurs the vectors) unless it is the
 * only heading; list numbering ("2. ") and bold markers are dropped for the same reason (and "**"
 * alone costs the embedder two tokens each time).
 */
export function chunkEmbeddingText(chunk: Chunk): string {
  const path = chunk.headingPath.length > 1 ? chunk.headingPath.slice(1) : chunk.headingPath;
  return `${path.map(stripNumbering).join(' > ')}\n${stripBold(chunk.text)}`;
}
