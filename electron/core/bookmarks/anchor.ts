// Re-finding a bookmark after the notes (or a learner topic) change. Ids are content hashes, so an
// edited section or renumbered heading gets a new id; the heading path and the saved snippet let
// the bookmark follow it instead of silently breaking.

import { normForCompare, stripNumbering } from '../knowledge/text';
import type { Chunk, Section } from '../knowledge/types';
import type { AnchorResolution, AnchorStatus, BookmarkAnchor, ContentView } from './types';

export const SNIPPET_CHARS = 160;
/** Share of the snippet's words the text must contain to count as the same passage. */
export const MIN_OVERLAP = 0.6;
/** Below this many distinct words a snippet matches too much to search the whole content with. */
const MIN_SEARCH_TOKENS = 3;

/** First ~160 characters of a text, whitespace collapsed, cut at a word boundary. */
export function snippetOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= SNIPPET_CHARS) return flat;
  const cut = flat.slice(0, SNIPPET_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${space > SNIPPET_CHARS / 2 ? cut.slice(0, space) : cut}…`;
}

/** What a section is compared by: its body, or its heading when it is a pure container. */
export function sectionText(section: Section): string {
  return section.body.trim() !== '' ? section.body : (section.headingPath[section.headingPath.length - 1] ?? '');
}

/** Heading comparison ignores case, markup, spacing and leading numbering ("2. Amazon DynamoDB"). */
function headingKey(path: readonly string[]): string {
  return path
    .map((h) =>
      stripNumbering(normForCompare(h))
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim(),
    )
    .join('\u001f');
}

function tokens(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) if (m[0].length > 1) out.add(m[0]);
  return out;
}

/** Share of the snippet's words found in the text (0..1). */
function overlap(snippet: Set<string>, text: Set<string>): number {
  if (snippet.size === 0) return text.size === 0 ? 1 : 0;
  let hit = 0;
  for (const t of snippet) if (text.has(t)) hit++;
  return hit / snippet.size;
}

/** Lookups over one content view; build once when resolving many anchors. */
export class ContentIndex {
  private readonly sectionById = new Map<string, Section>();
  private readonly chunkById = new Map<string, Chunk>();
  private readonly byPath = new Map<string, Section[]>();
  private readonly byTailPath = new Map<string, Section[]>();
  private readonly chunksBySection = new Map<string, Chunk[]>();
  private readonly tokenCache = new Map<string, Set<string>>();
  /** Document order of each section (for listing bookmarks in reading order). */
  readonly order = new Map<string, number>();

  constructor(readonly content: ContentView) {
    content.sections.forEach((s, i) => {
      this.sectionById.set(s.id, s);
      this.order.set(s.id, i);
      push(this.byPath, headingKey(s.headingPath), s);
      if (s.headingPath.length > 1) push(this.byTailPath, headingKey(s.headingPath.slice(1)), s);
    });
    for (const c of content.chunks) {
      this.chunkById.set(c.id, c);
      push(this.chunksBySection, c.sectionId, c);
    }
  }

  section(id: string | undefined): Section | undefined {
    return id === undefined ? undefined : this.sectionById.get(id);
  }

  chunk(id: string | undefined): Chunk | undefined {
    return id === undefined ? undefined : this.chunkById.get(id);
  }

  chunksOf(sectionId: string): Chunk[] {
    return this.chunksBySection.get(sectionId) ?? [];
  }

  /** Same heading path; failing that, the same path below the phase heading (a renamed phase). */
  sameHeading(anchor: BookmarkAnchor): Section | undefined {
    const full = this.byPath.get(headingKey(anchor.headingPath)) ?? [];
    const tail =
      anchor.headingPath.length > 1
        ? (this.byTailPath.get(headingKey(anchor.headingPath.slice(1))) ?? []).filter(
            (s) => s.phaseId === anchor.phaseId,
          )
        : [];
    const all = full.length > 0 ? full : tail;
    return all.find((s) => s.phaseId === anchor.phaseId) ?? all[0];
  }

  tokensOf(key: string, text: string): Set<string> {
    let t = this.tokenCache.get(key);
    if (!t) {
      t = tokens(text);
      this.tokenCache.set(key, t);
    }
    return t;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function ofChunk(status: AnchorStatus, c: Chunk): AnchorResolution {
  return { status, sectionId: c.sectionId, chunkId: c.id, headingPath: [...c.headingPath] };
}

function ofSection(status: AnchorStatus, s: Section): AnchorResolution {
  return { status, sectionId: s.id, headingPath: [...s.headingPath] };
}

/** The candidate sharing most of the snippet's words; earlier (document order) wins ties. */
function best<T>(items: T[], score: (item: T) => number): { item: T; score: number } | null {
  let top: { item: T; score: number } | null = null;
  for (const item of items) {
    const s = score(item);
    if (!top || s > top.score) top = { item, score: s };
  }
  return top;
}

/**
 * exact id → 'exact'; same heading path → 'moved' ('changed' when the text differs a lot); else
 * the passage that best contains the snippet → 'changed'; else 'missing'. Chunk-level when the
 * anchor has a chunk id, section-level otherwise.
 */
export function resolveAnchor(anchor: BookmarkAnchor, content: ContentView | ContentIndex): AnchorResolution {
  const idx = content instanceof ContentIndex ? content : new ContentIndex(content);
  const chunkLevel = anchor.chunkId !== undefined;
  const snip = tokens(anchor.snippet);
  const chunkScore = (c: Chunk): number => overlap(snip, idx.tokensOf(`c:${c.id}`, c.text));
  const sectionScore = (s: Section): number => overlap(snip, idx.tokensOf(`s:${s.id}`, sectionText(s)));

  const exactChunk = idx.chunk(anchor.chunkId);
  if (exactChunk) return ofChunk('exact', exactChunk);
  const exactSection = chunkLevel ? undefined : idx.section(anchor.sectionId);
  if (exactSection) return ofSection('exact', exactSection);

  const same = idx.sameHeading(anchor);
  if (same) {
    const top = chunkLevel ? best(idx.chunksOf(same.id), chunkScore) : null;
    if (top) return ofChunk(top.score >= MIN_OVERLAP ? 'moved' : 'changed', top.item);
    return ofSection(!chunkLevel && sectionScore(same) >= MIN_OVERLAP ? 'moved' : 'changed', same);
  }

  if (snip.size >= MIN_SEARCH_TOKENS) {
    const samePhaseFirst = (score: number, phaseId: string): number => score + (phaseId === anchor.phaseId ? 1e-6 : 0);
    if (chunkLevel) {
      const top = best(idx.content.chunks, (c) => samePhaseFirst(chunkScore(c), c.phaseId));
      if (top && top.score >= MIN_OVERLAP) return ofChunk('changed', top.item);
    } else {
      const top = best(idx.content.sections, (s) => samePhaseFirst(sectionScore(s), s.phaseId));
      if (top && top.score >= MIN_OVERLAP) return ofSection('changed', top.item);
    }
  }
  return { status: 'missing' };
}
