// Synthetic notes for scale benchmarks: a content folder in the real format (phase Markdown files
// plus curriculum.json) holding the real notes and N chunks' worth of made-up services. Sections
// are recombined from real sections' blocks (list items, paragraphs) with the service names
// swapped and a few words resampled from the notes' own word frequencies, so term statistics look
// like real notes (Zipf-like, shared domain vocabulary) rather than uniform random words.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { estimateTokens, chunkSections } from '../knowledge/chunkNotes';
import { goalFor, type Curriculum } from '../knowledge/curriculum';
import { sectionId } from '../knowledge/ids';
import { loadContent } from '../knowledge/loadContent';
import { isListItem, isTableLine } from '../knowledge/text';
import type { PhaseId, Section } from '../knowledge/types';
import { mulberry32 } from '../util/prng';

export interface SyntheticNotesOptions {
  /** The real notes to recombine (content/). */
  sourceDir: string;
  outDir: string;
  /** Chunks wanted in total (real notes included). */
  targetChunks: number;
  seed?: number;
}

/** A question whose answer is a known synthetic section (for hit@k at scale). */
export interface SyntheticQuestion {
  question: string;
  sectionId: string;
}

export interface SyntheticNotesResult {
  /** Chunks the folder yields (real + synthetic): every synthetic section is exactly one chunk. */
  chunks: number;
  realChunks: number;
  services: number;
  questions: SyntheticQuestion[];
  bytes: number;
  ms: number;
}

interface Template {
  title: string;
  /** The template service's names (longest first), null when it has none to swap. */
  names: RegExp | null;
  blocks: string[];
}

// Well under the chunker's 200-token target, so each synthetic section is one chunk.
const MAX_SECTION_TOKENS = 170;
const WORD_SWAP_RATE = 0.12;
const SYLLABLES = 'zel tor ka vin lo mar quo pex dri nu sa bel gro fen tal ori cus dem ya ith'.split(' ');
const PHASES: PhaseId[] = ['phase1', 'phase2', 'phase3', 'phase4', 'phase5', 'phase6'];

/** "Amazon Simple Storage Service (Amazon S3)" → its names, longest first, to swap out of text. */
export function serviceNameForms(title: string): string[] {
  const m = /^(.*?)\s*\((.*?)\)\s*$/.exec(title);
  const raw = m ? [m[1], m[2]] : [title];
  const forms = raw.flatMap((f) => [f, f.replace(/^(Amazon|AWS)\s+/, '')]);
  return [...new Set(forms.map((f) => f.trim()).filter((f) => f.length >= 2))].sort((a, b) => b.length - a.length);
}

/** Top-level list items (with their nested lines) and paragraphs; tables are left out. */
function blocksOf(body: string): string[] {
  const blocks: string[] = [];
  let cur: string[] = [];
  const flush = (): void => {
    if (cur.length) blocks.push(cur.join('\n'));
    cur = [];
  };
  for (const line of body.split('\n')) {
    if (line.trim() === '' || isTableLine(line)) {
      flush();
      continue;
    }
    const topItem = isListItem(line) && !/^\s/.test(line);
    if (topItem || (cur.length > 0 && !isListItem(cur[0]) && isListItem(line))) flush();
    cur.push(line);
  }
  flush();
  return blocks;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function namesRe(forms: string[]): RegExp | null {
  return forms.length ? new RegExp(`\\b(?:${forms.map(escapeRe).join('|')})\\b`, 'g') : null;
}

function swapNames(text: string, names: RegExp | null, name: string): string {
  return names ? text.replace(names, name) : text;
}

export async function generateSyntheticNotes(opts: SyntheticNotesOptions): Promise<SyntheticNotesResult> {
  const t0 = performance.now();
  const rand = mulberry32(opts.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const { sections, curriculum } = await loadContent(opts.sourceDir);
  const realChunks = chunkSections(sections).length;

  // Templates: "###" sections (bodies to recombine) and "##" service intros.
  const serviceOf = (s: Section): string => s.headingPath[1] ?? '';
  const templateOf = (s: Section): Template => ({
    title: s.headingPath[s.headingPath.length - 1],
    names: namesRe(serviceNameForms(serviceOf(s))),
    blocks: blocksOf(s.body).filter((b) => estimateTokens(b) <= MAX_SECTION_TOKENS / 2),
  });
  const subs = sections.filter((s) => s.headingPath.length === 3).map(templateOf);
  const intros = sections.filter((s) => s.headingPath.length === 2).map(templateOf);
  const usable = (ts: Template[]): Template[] => ts.filter((t) => t.blocks.length > 0);
  const subTemplates = usable(subs);
  const introTemplates = usable(intros);
  // Sampling a word from this list is sampling by the notes' own word frequencies.
  const words = sections.flatMap((s) => s.body.match(/\b[a-z]{4,}\b/g) ?? []);

  const resample = (text: string): string =>
    text.replace(/\b[a-z]{4,}\b/g, (w) => (rand() < WORD_SWAP_RATE ? pick(words) : w));
  const body = (main: Template, name: string, extra: Template | null): string => {
    const n = 1 + Math.floor(rand() * Math.min(4, main.blocks.length));
    const chosen = main.blocks.filter(() => rand() < n / main.blocks.length).slice(0, n);
    const blocks = (chosen.length ? chosen : [pick(main.blocks)]).map((b) => swapNames(b, main.names, name));
    if (extra) blocks.push(swapNames(pick(extra.blocks), extra.names, name));
    const out: string[] = [];
    for (const b of blocks) {
      const next = resample(b);
      if (out.length && estimateTokens([...out, next].join('\n')) > MAX_SECTION_TOKENS) break;
      out.push(next);
    }
    return out.join('\n');
  };

  const phaseTitle = new Map(
    sections.filter((s) => s.headingPath.length === 1).map((s) => [s.phaseId, s.headingPath[0]]),
  );
  const markdown = new Map<PhaseId, string[]>(PHASES.map((p) => [p, []]));
  const lessons = new Map<PhaseId, Curriculum['phases'][number]['lessons']>(PHASES.map((p) => [p, []]));
  const questions: SyntheticQuestion[] = [];
  let chunks = realChunks;
  let services = 0;
  while (chunks < opts.targetChunks) {
    const phase = PHASES[services % PHASES.length];
    const short = `${pick(SYLLABLES)}${pick(SYLLABLES)}${services}`.replace(/^./, (c) => c.toUpperCase());
    const service = `Amazon ${short}`;
    const root = phaseTitle.get(phase) ?? phase;
    const md = markdown.get(phase) as string[];
    md.push(`## ${service}`, '', body(pick(introTemplates), service, null), '');
    chunks++;
    const titles = new Set<string>();
    const headings: string[] = [];
    const want = Math.min(3 + Math.floor(rand() * 4), opts.targetChunks - chunks);
    for (let tries = 0; titles.size < want && tries < want * 4; tries++) {
      const t = pick(subTemplates);
      const title = swapNames(t.title, t.names, short);
      if (titles.has(title.toLowerCase())) continue;
      titles.add(title.toLowerCase());
      headings.push(title);
      md.push(`### ${title}`, '', body(t, short, rand() < 0.5 ? pick(subTemplates) : null), '');
      chunks++;
      if (questions.length < 2000 && rand() < 0.2) {
        const q = title.includes(short) ? `What about ${title}?` : `What should I know about ${title} in ${service}?`;
        questions.push({ question: q, sectionId: sectionId(phase, [root, service, title]) });
      }
    }
    (lessons.get(phase) as Curriculum['phases'][number]['lessons']).push({
      id: sectionId(phase, [root, service]),
      title: service,
      headingPath: [root, service],
      goals: [service, ...headings].slice(0, 6).map(goalFor),
    });
    services++;
  }

  mkdirSync(opts.outDir, { recursive: true });
  let bytes = 0;
  const out: Curriculum = { version: 1, phases: [] };
  for (const p of curriculum.phases) {
    const real = readFileSync(join(opts.sourceDir, p.file), 'utf8');
    const extra = markdown.get(p.id)?.join('\n') ?? '';
    const text = extra ? `${real.trimEnd()}\n\n${extra}` : real;
    writeFileSync(join(opts.outDir, p.file), text);
    bytes += Buffer.byteLength(text);
    out.phases.push({ ...p, lessons: [...p.lessons, ...(lessons.get(p.id) ?? [])] });
  }
  const json = JSON.stringify(out, null, 2);
  writeFileSync(join(opts.outDir, 'curriculum.json'), json);
  bytes += Buffer.byteLength(json);
  return { chunks, realChunks, services, questions, bytes, ms: performance.now() - t0 };
}
