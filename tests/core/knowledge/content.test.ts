import { mkdtemp, readdir, readFile, rm, writeFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildContentFromSeed } from '../../../electron/core/knowledge/buildContent';
import { ContentError, loadContent, parseContentMarkdown } from '../../../electron/core/knowledge/loadContent';
import { parseRawNotes } from '../../../electron/core/knowledge/parseNotes';
import { CONTENT_DIR, SEED_PATH, readSeed } from './helpers';

const EXPECTED_FILES = [
  'curriculum.json',
  'phase1-core-services.md',
  'phase2-databases-storage.md',
  'phase3-serverless-devops.md',
  'phase4-monitoring-management.md',
  'phase5-advanced.md',
  'phase6-real-projects.md',
  'self-learning.md',
];

const temps: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'nimbus-content-'));
  temps.push(d);
  return d;
}
afterAll(async () => {
  for (const d of temps) await rm(d, { recursive: true, force: true });
});

async function readAll(dir: string): Promise<Map<string, Buffer>> {
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
  return new Map(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n))] as const)));
}

describe('buildContentFromSeed', () => {
  it('is deterministic and matches the committed content/', async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    const ra = await buildContentFromSeed(SEED_PATH, a);
    await buildContentFromSeed(SEED_PATH, b);
    expect(ra.files.map((f) => f.slice(a.length + 1)).sort()).toEqual(EXPECTED_FILES);
    const [fa, fb, committed] = [await readAll(a), await readAll(b), await readAll(CONTENT_DIR)];
    expect([...fa.keys()]).toEqual(EXPECTED_FILES);
    for (const name of EXPECTED_FILES) {
      expect(fa.get(name)?.equals(fb.get(name) ?? Buffer.alloc(0)), name).toBe(true);
      expect(fa.get(name)?.toString('utf8'), `${name} differs from committed content/ — rebuild it`).toBe(
        committed.get(name)?.toString('utf8'),
      );
    }
    expect(ra.sections).toBe(parseRawNotes(readSeed()).sections.length);
  });

  it('writes phase files that open with the phase title', async () => {
    const phase2 = await readFile(join(CONTENT_DIR, 'phase2-databases-storage.md'), 'utf8');
    expect(
      phase2.startsWith('# Phase 2 — Databases & Storage\n\n## 1. Amazon RDS (Relational Database Service)\n'),
    ).toBe(true);
    const phase1 = await readFile(join(CONTENT_DIR, 'phase1-core-services.md'), 'utf8');
    expect(phase1).toMatch(/^# Phase 1 — Core Services\n\n## Amazon Web Services \(AWS\)\n/);
    expect(phase1).toContain('\n### Storage Classes\n');
  });
});

describe('loadContent', () => {
  it('round-trips the parsed notes exactly', async () => {
    const loaded = await loadContent(CONTENT_DIR);
    expect(loaded.sections).toEqual(parseRawNotes(readSeed()).sections);
    expect(loaded.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await loadContent(CONTENT_DIR)).contentHash).toBe(loaded.contentHash);
  });

  it('gives full heading paths with the phase title first', async () => {
    const { sections } = await loadContent(CONTENT_DIR);
    const sc = sections.find((s) => s.headingPath[s.headingPath.length - 1] === 'Storage Classes');
    expect(sc?.headingPath).toEqual([
      'Phase 1 — Core Services',
      'Amazon Simple Storage Service (Amazon S3)',
      'Storage Classes',
    ]);
    expect(sc?.phaseId).toBe('phase1');
    expect(sections.find((s) => s.headingPath[1] === 'Topic: AWS Fargate')?.phaseId).toBe('self');
  });

  it('has a curriculum whose lessons are the ## sections, with extractive goals', async () => {
    const { sections, curriculum } = await loadContent(CONTENT_DIR);
    expect(curriculum.phases.map((p) => [p.id, p.order, p.title])).toEqual([
      ['phase1', 1, 'Core Services'],
      ['phase2', 2, 'Databases & Storage'],
      ['phase3', 3, 'Serverless & DevOps Tools'],
      ['phase4', 4, 'Monitoring & Management'],
      ['phase5', 5, 'Advanced / Optional'],
      ['phase6', 6, 'Real Project Examples'],
      ['self', 7, 'Self-Learning Topics'],
    ]);
    for (const phase of curriculum.phases) {
      const lessonSections = sections.filter((s) => s.phaseId === phase.id && s.headingPath.length === 2);
      expect(phase.lessons.map((l) => l.id)).toEqual(lessonSections.map((s) => s.id));
      for (const lesson of phase.lessons) {
        expect(lesson.goals.length).toBeGreaterThan(0);
        const text = sections
          .filter((s) => lesson.headingPath.every((h, i) => s.headingPath[i] === h))
          .map((s) => `${s.headingPath.join('\n')}\n${s.body}`)
          .join('\n')
          .replace(/\*\*/g, '')
          .toLowerCase();
        for (const goal of lesson.goals) {
          const subject = goal.replace(/^(Explain|Compare|Walk through)\s+/, '').toLowerCase();
          expect(text, goal).toContain(subject.split(' vs ')[0]);
        }
      }
    }
  });

  it('reports a missing content folder or file as a ContentError', async () => {
    await expect(loadContent(join(tmpdir(), 'nimbus-no-such-dir'))).rejects.toBeInstanceOf(ContentError);
    const dir = await tempDir();
    await buildContentFromSeed(SEED_PATH, dir);
    await unlink(join(dir, 'phase4-monitoring-management.md'));
    await expect(loadContent(dir)).rejects.toThrow(/phase4-monitoring-management\.md: file is missing/);
  });

  it('reports malformed curriculum.json and Markdown as a ContentError', async () => {
    const dir = await tempDir();
    await buildContentFromSeed(SEED_PATH, dir);
    const good = await readFile(join(dir, 'curriculum.json'), 'utf8');
    await writeFile(join(dir, 'curriculum.json'), '{ not json');
    await expect(loadContent(dir)).rejects.toThrow(/curriculum\.json: invalid JSON/);
    await writeFile(join(dir, 'curriculum.json'), JSON.stringify({ version: 2, phases: [] }));
    await expect(loadContent(dir)).rejects.toBeInstanceOf(ContentError);
    await writeFile(join(dir, 'curriculum.json'), good);
    await writeFile(join(dir, 'self-learning.md'), '## No phase title\n\ntext\n');
    await expect(loadContent(dir)).rejects.toThrow(/self-learning\.md: first heading is not a `#` phase title/);
    await writeFile(join(dir, 'self-learning.md'), '# Self-Learning Topics\n\n## Something else\n');
    await expect(loadContent(dir)).rejects.toThrow(/has no matching section/);
  });

  it('parses headings by level, ignoring # inside code fences', () => {
    const md = '# Phase 3 — X\n\n## A\n\na\n\n### A1\n\n```\n# comment\n```\n\n## B\n\n#### B deep\n\nb\n';
    const out = parseContentMarkdown(md, 'phase3', 'x.md');
    expect(out.map((s) => s.headingPath.join(' / '))).toEqual([
      'Phase 3 — X',
      'Phase 3 — X / A',
      'Phase 3 — X / A / A1',
      'Phase 3 — X / B',
      'Phase 3 — X / B / B deep',
    ]);
    expect(out[2].body).toBe('```\n# comment\n```');
    expect(() => parseContentMarkdown('text first\n# T\n', 'phase3', 'y.md')).toThrow(ContentError);
    expect(() => parseContentMarkdown('# T\n\n# T2\n', 'phase3', 'z.md')).toThrow(/more than one/);
  });
});
