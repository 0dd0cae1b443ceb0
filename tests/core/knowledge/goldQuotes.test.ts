import { beforeAll, describe, expect, it } from 'vitest';
import { chunkSections } from '../../../electron/core/knowledge/chunkNotes';
import { loadContent } from '../../../electron/core/knowledge/loadContent';
import type { Chunk, Section } from '../../../electron/core/knowledge/types';
import { CONTENT_DIR, loadDevQuestions, norm, normHeading } from './helpers';

// Regression guard for the whole knowledge layer: every dev gold quote must be findable, after the
// scorer's normalisation, in exactly one section, and that section must carry a gold heading.
const questions = loadDevQuestions().filter((q) => q.gold_quote);

let sections: Section[] = [];
let chunks: Chunk[] = [];
beforeAll(async () => {
  sections = (await loadContent(CONTENT_DIR)).sections;
  chunks = chunkSections(sections);
});

const hasGoldHeading = (path: string[], gold: string[]): boolean =>
  gold.some((g) => path.map(normHeading).includes(normHeading(g)));

describe('dev gold quotes', () => {
  it('covers the in-scope dev questions', () => {
    expect(questions.length).toBe(55);
  });

  it.each(questions.map((q) => [q.id, q] as const))('%s is in exactly one section, under a gold heading', (_id, q) => {
    const quote = norm(q.gold_quote);
    const holders = sections.filter((s) => norm(s.body).includes(quote));
    expect(holders.map((s) => s.headingPath.join(' > '))).toHaveLength(1);
    expect(hasGoldHeading(holders[0].headingPath, q.gold_headings)).toBe(true);
  });

  it.each(questions.map((q) => [q.id, q] as const))('%s is whole inside one chunk under a gold heading', (_id, q) => {
    const quote = norm(q.gold_quote);
    const holders = chunks.filter((c) => norm(c.text).includes(quote));
    expect(holders.length).toBeGreaterThanOrEqual(1);
    expect(holders.every((c) => hasGoldHeading(c.headingPath, q.gold_headings))).toBe(true);
  });
});
