import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { chunkSections } from '../../../electron/core/knowledge/chunkNotes';
import { loadContent } from '../../../electron/core/knowledge/loadContent';
import { defaultContentDir } from '../../../electron/core/paths';
import { LexicalIndex, fuzzyDistanceFor } from '../../../electron/core/retrieval/lexicalIndex';
import { normalizeTerm, tokenizeRaw, analyze } from '../../../electron/core/retrieval/textNorm';
import { loadDevSet } from '../../../electron/core/eval/devEval';
import { DEV_SET } from '../../helpers/engine';

// bm25.ts replaces MiniSearch's search for speed and must rank exactly as it did: same scores
// to the last bit, same order, same matched terms, on the real notes.
describe('Bm25Postings scores exactly as MiniSearch', () => {
  it('gives MiniSearch’s scores, order and matched terms for every question', async () => {
    const chunks = chunkSections((await loadContent(defaultContentDir())).sections);
    const lexical = new LexicalIndex();
    lexical.add(chunks.map((c) => ({ id: c.id, text: c.text, headingPath: c.headingPath })));
    const ms = new MiniSearch<{ id: string; text: string; headings: string }>({
      idField: 'id',
      fields: ['text', 'headings'],
      storeFields: [],
      tokenize: (t) => tokenizeRaw(t),
      processTerm: (t) => normalizeTerm(t),
    });
    for (const c of chunks) ms.add({ id: c.id, text: c.text, headings: c.headingPath.join(' / ') });
    const reference = (q: string) =>
      ms
        .search([...new Set(analyze(q))].join(' '), {
          tokenize: (x) => x.split(' '),
          processTerm: (t) => t,
          combineWith: 'OR',
          boost: { text: 1, headings: 2 },
          fuzzy: (t) => fuzzyDistanceFor(t) || false,
          prefix: (t) => t.length >= 5,
        })
        .map((r) => ({ chunkId: String(r.id), score: r.score, terms: [...r.terms].sort() }))
        .sort((a, b) => b.score - a.score || (a.chunkId < b.chunkId ? -1 : 1))
        .slice(0, 20);
    const questions = [
      ...(existsSync(DEV_SET) ? loadDevSet(DEV_SET).map((q) => q.question) : []),
      'memmory lambda',
      'dynamo sort keys',
      'replicaton of s3 buckets accross regions',
      'what is the diference between scaling and load balancing',
    ];
    for (const q of questions) {
      const ours = lexical
        .search(q, 20)
        .map((h) => ({ chunkId: h.chunkId, score: h.score, terms: [...h.matchedTerms].sort() }));
      expect(ours, q).toEqual(reference(q));
    }
  });
});
