// Builds the cleaned, committed content/ folder from the raw seed notes: one Markdown file per
// phase plus curriculum.json. Output depends only on the seed text, so rebuilding is byte-identical.

import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { atomicWriteFile } from '../util/atomicWrite';
import { buildCurriculum } from './curriculum';
import { parseRawNotes, type ParsedNotes } from './parseNotes';
import { phaseInfo } from './phases';
import type { PhaseId, Section } from './types';

/** A phase's sections as Markdown: `#` phase title, `##` services/topics, `###` below. */
export function renderPhaseMarkdown(sections: Section[]): string {
  const parts: string[] = [];
  for (const s of sections) {
    const level = Math.min(6, s.headingPath.length);
    parts.push(`${'#'.repeat(level)} ${s.headingPath[s.headingPath.length - 1]}`);
    if (s.body.trim() !== '') parts.push(s.body.trim());
  }
  return parts.join('\n\n') + '\n';
}

export interface RenderedContent {
  /** File name (relative to the content folder) → file text. */
  files: Map<string, string>;
  sections: number;
}

/** Pure rendering, kept separate from writing so tests can compare without touching disk. */
export function renderContent(parsed: ParsedNotes): RenderedContent {
  const files = new Map<string, string>();
  const byPhase = (id: PhaseId): Section[] => parsed.sections.filter((s) => s.phaseId === id);
  for (const p of parsed.phases) files.set(phaseInfo(p.id).file, renderPhaseMarkdown(byPhase(p.id)));
  const curriculum = buildCurriculum(parsed.phases, parsed.sections);
  files.set('curriculum.json', JSON.stringify(curriculum, null, 2) + '\n');
  return { files, sections: parsed.sections.length };
}

export async function buildContentFromSeed(
  seedPath: string,
  outDir: string,
): Promise<{ files: string[]; sections: number }> {
  const raw = await readFile(seedPath, 'utf8');
  const rendered = renderContent(parseRawNotes(raw, { source: 'notes' }));
  const written: string[] = [];
  for (const [name, text] of rendered.files) {
    const target = join(outDir, name);
    await atomicWriteFile(target, text);
    written.push(target);
  }
  return { files: written, sections: rendered.sections };
}

// `npx tsx electron/core/knowledge/buildContent.ts [seed] [outDir]` regenerates content/.
const invokedPath = process.argv[1] ? pathToFileURL(resolve(process.argv[1])).href : '';
if (import.meta.url === invokedPath) {
  const seed = process.argv[2] ?? '../shared/seed/000_9efeb02e0cf42077.txt';
  const out = process.argv[3] ?? 'content';
  buildContentFromSeed(seed, out).then(
    (r) => console.log(`wrote ${r.files.length} files, ${r.sections} sections to ${out}`),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
