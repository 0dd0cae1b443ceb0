import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSyntheticNotes, serviceNameForms } from '../../../electron/core/bench/syntheticNotes';
import { chunkSections } from '../../../electron/core/knowledge/chunkNotes';
import { loadContent } from '../../../electron/core/knowledge/loadContent';
import { defaultContentDir } from '../../../electron/core/paths';
import { tempDir } from '../../helpers/engine';

const dirs = [tempDir('syn-a'), tempDir('syn-b'), tempDir('syn-c')];
afterAll(() => dirs.forEach((d) => d.cleanup()));

const filesOf = (dir: string): Record<string, string> =>
  Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('generateSyntheticNotes', () => {
  const gen = (dir: string, seed: number, targetChunks = 1_200) =>
    generateSyntheticNotes({ sourceDir: defaultContentDir(), outDir: dir, targetChunks, seed });

  it('writes loadable notes in the real format with the asked number of chunks (±5 %)', async () => {
    const r = await gen(dirs[0].path, 7);
    const { sections, curriculum } = await loadContent(dirs[0].path); // throws on a malformed folder
    const chunks = chunkSections(sections);
    expect(Math.abs(chunks.length - 1_200) / 1_200).toBeLessThanOrEqual(0.05);
    expect(r.chunks).toBe(chunks.length);
    // the real notes are all there, the synthetic services are lessons of their phase
    const real = chunkSections((await loadContent(defaultContentDir())).sections);
    const ids = new Set(chunks.map((c) => c.id));
    expect(real.every((c) => ids.has(c.id))).toBe(true);
    expect(curriculum.phases.flatMap((p) => p.lessons).length).toBeGreaterThan(r.services);
    // every question points at a section that exists and names its service
    const sectionIds = new Set(sections.map((s) => s.id));
    expect(r.questions.length).toBeGreaterThan(20);
    for (const q of r.questions) expect(sectionIds.has(q.sectionId)).toBe(true);
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    await gen(dirs[1].path, 7);
    await gen(dirs[2].path, 8);
    expect(filesOf(dirs[1].path)).toEqual(filesOf(dirs[0].path));
    expect(filesOf(dirs[2].path)['phase1-core-services.md']).not.toBe(filesOf(dirs[0].path)['phase1-core-services.md']);
  });

  it('recombines real sentences: the notes’ own vocabulary, not random words', async () => {
    const notes = readFileSync(join(defaultContentDir(), 'phase2-databases-storage.md'), 'utf8').toLowerCase();
    const synthetic = filesOf(dirs[0].path)['phase2-databases-storage.md'].slice(notes.length);
    const words = synthetic.toLowerCase().match(/\b[a-z]{4,}\b/g) ?? [];
    const known = new Set(
      readdirSync(defaultContentDir())
        .filter((f) => f.endsWith('.md'))
        .flatMap(
          (f) =>
            readFileSync(join(defaultContentDir(), f), 'utf8')
              .toLowerCase()
              .match(/\b[a-z]{4,}\b/g) ?? [],
        ),
    );
    const share = words.filter((w) => known.has(w)).length / words.length;
    expect(share).toBeGreaterThan(0.9); // the rest: synthetic service names
    expect(synthetic).toMatch(/## Amazon [A-Z][a-z]+\d+/);
  });

  it('knows a service by all its names', () => {
    expect(serviceNameForms('Amazon Simple Storage Service (Amazon S3)')).toEqual([
      'Amazon Simple Storage Service',
      'Simple Storage Service',
      'Amazon S3',
      'S3',
    ]);
  });
});
