// Loads the cleaned content/ folder (phase Markdown files + curriculum.json) into Sections.
// The Markdown is ours (written by buildContent), so a simple heading parser is enough; anything
// unexpected is reported as a ContentError naming the file, rather than silently yielding less.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CurriculumSchema, type Curriculum } from './curriculum';
import { sectionId } from './ids';
import { tidyLines } from './text';
import type { PhaseId, Section } from './types';

export type { Curriculum, CurriculumLesson, CurriculumPhase } from './curriculum';
export { CurriculumSchema } from './curriculum';

export class ContentError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ContentError';
  }
}

const HEADING_RE = /^(#{1,6})\s+(.+?)(?:\s+#+)?\s*$/;
const FENCE_RE = /^\s*(?:```|~~~)/;

interface OpenSection {
  headingPath: string[];
  lines: string[];
}

/** Parses one phase file. Heading levels nest: a heading's path is its open ancestors plus itself. */
export function parseContentMarkdown(
  markdown: string,
  phaseId: PhaseId,
  file: string,
  source: 'notes' | 'self' = 'notes',
): Section[] {
  const open: OpenSection[] = [];
  const stack: { level: number; text: string }[] = [];
  let inFence = false;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (FENCE_RE.test(line)) inFence = !inFence;
    const h = inFence ? null : HEADING_RE.exec(line);
    if (!h) {
      if (open.length === 0 && line.trim() !== '') throw new ContentError('text before the `#` phase title', file);
      open[open.length - 1]?.lines.push(line);
      continue;
    }
    const level = h[1].length;
    if ((level === 1) !== (open.length === 0)) {
      throw new ContentError(
        level === 1 ? 'more than one `#` phase title' : 'first heading is not a `#` phase title',
        file,
      );
    }
    while (stack.length > 0 && stack[stack.length - 1].level >= level) stack.pop();
    stack.push({ level, text: h[2] });
    open.push({ headingPath: stack.map((s) => s.text), lines: [] });
  }
  if (open.length === 0) throw new ContentError('no `#` phase title', file);
  if (inFence) throw new ContentError('unclosed code fence', file);
  return open.map((o) => ({
    id: sectionId(phaseId, o.headingPath),
    phaseId,
    headingPath: o.headingPath,
    body: tidyLines(o.lines),
    source,
  }));
}

async function readText(path: string, file: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ContentError(code === 'ENOENT' ? 'file is missing' : `cannot read (${String(code ?? err)})`, file);
  }
}

async function readCurriculum(contentDir: string): Promise<Curriculum> {
  const file = 'curriculum.json';
  const text = await readText(join(contentDir, file), file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ContentError(`invalid JSON (${(err as Error).message})`, file);
  }
  const parsed = CurriculumSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ContentError(`malformed: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(), file);
  }
  return parsed.data;
}

/** Lessons must point at sections that exist, or the tutor would offer lessons with no text. */
function checkLessons(curriculum: Curriculum, sections: Section[]): void {
  const ids = new Set(sections.map((s) => s.id));
  for (const phase of curriculum.phases) {
    for (const lesson of phase.lessons) {
      if (!ids.has(lesson.id)) {
        throw new ContentError(`lesson "${lesson.title}" (${lesson.id}) has no matching section`, phase.file);
      }
    }
  }
}

/** sha256 over the sections' identity and text, so caches (embeddings, index) know when to rebuild. */
export function hashSections(sections: Section[]): string {
  const h = createHash('sha256');
  for (const s of sections) {
    h.update(JSON.stringify([s.id, s.phaseId, s.headingPath, s.body, s.source]));
    h.update('\n');
  }
  return h.digest('hex');
}

export async function loadContent(
  contentDir: string,
): Promise<{ sections: Section[]; curriculum: Curriculum; contentHash: string }> {
  const curriculum = await readCurriculum(contentDir);
  const phases = [...curriculum.phases].sort((a, b) => a.order - b.order);
  const sections: Section[] = [];
  for (const phase of phases) {
    const markdown = await readText(join(contentDir, phase.file), phase.file);
    sections.push(...parseContentMarkdown(markdown, phase.id, phase.file));
  }
  checkLessons(curriculum, sections);
  return { sections, curriculum, contentHash: hashSections(sections) };
}
