import { describe, expect, it } from 'vitest';
import { chunkSections } from '../../../electron/core/knowledge/chunkNotes';
import { loadContent } from '../../../electron/core/knowledge/loadContent';
import { defaultContentDir } from '../../../electron/core/paths';
import { LexicalIndex } from '../../../electron/core/retrieval/lexicalIndex';
import { PhraseIndex } from '../../../electron/core/engine/phraseIndex';

describe('PhraseIndex', () => {
  it('agrees with a scan of all the notes, reading only chunks that hold every word', async () => {
    const chunks = chunkSections((await loadContent(defaultContentDir())).sections);
    const textOf = new Map(chunks.map((c) => [c.id, `${c.headingPath.join('\n')}\n${c.text}`]));
    const lexical = new LexicalIndex();
    lexical.add(chunks.map((c) => ({ id: c.id, text: c.text, headingPath: c.headingPath })));
    const read: string[] = [];
    const index = new PhraseIndex({
      candidates: (groups) => lexical.chunksWithAll(groups),
      all: () => textOf.keys(),
      textOf: (id) => (read.push(id), textOf.get(id)),
    });
    // The reference: every chunk normalised, word-bounded, plural allowed on the last word.
    const all = [...textOf.values()].map((t) => ` ${PhraseIndex.normalise(t)} `);
    const scan = (phrase: string): boolean => {
      const p = PhraseIndex.normalise(phrase).trim();
      const forms = [p, `${p}s`, ...(p.endsWith('s') ? [p.slice(0, -1)] : [])];
      return all.some((t) => forms.some((f) => t.includes(` ${f} `)));
    };
    const phrases = [
      'Availability Zone',
      'availability zones',
      'Local Zones',
      'NAT Gateway',
      'Amazon Braket',
      'Quantum Ledger Database',
      'Direct Connect',
      'Web Services',
      'of the',
      'S3 Glacier',
      'Elastic Beanstalk',
      'Lambda function',
    ];
    for (const p of phrases) expect(index.has(p), p).toBe(scan(p));
    read.length = 0;
    expect(index.has('Amazon Braket')).toBe(false);
    expect(read).toEqual([]); // "braket" is in no chunk: nothing to read
  });
});
