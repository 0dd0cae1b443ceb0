import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KnowledgeEngine } from '../../electron/core/engine/KnowledgeEngine';
import { generateQuestions } from '../../electron/core/tutor/questions/generateQuestions';
import { lessonMaterialFor } from '../../electron/core/tutor/lesson';
import type { CheckQuestion } from '../../electron/core/tutor/types';
import { defaultContentDir, vendoredTokenizerDir } from '../../electron/core/paths';
import { tempDir } from '../helpers/engine';
import { TSX, cliArgs } from '../helpers/cli';

const models = tempDir('tcli-models');
const data = tempDir('tcli-data');
const base = cliArgs({ dataDir: data.path, modelsDir: models.path }, []);
let engine: KnowledgeEngine;

beforeAll(async () => {
  engine = await KnowledgeEngine.open({
    contentDir: defaultContentDir(),
    dataDir: data.path,
    modelsRoot: models.path,
    tokenizerDir: vendoredTokenizerDir(),
    embedder: 'static',
  });
});
afterAll(() => {
  models.cleanup();
  data.cleanup();
});

/** Drives `tutor --jsonl` one command at a time, reading its events as they come. */
function driveTutor() {
  const child = spawn(TSX, [...base, 'tutor', '--jsonl'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout });
  const queue: Record<string, unknown>[] = [];
  let wake: (() => void) | null = null;
  lines.on('line', (l) => {
    queue.push(JSON.parse(l) as Record<string, unknown>);
    wake?.();
  });
  async function send(cmd: object): Promise<Record<string, unknown>[]> {
    child.stdin.write(JSON.stringify(cmd) + '\n');
    // events of one command arrive together; wait until output settles
    await new Promise<void>((resolve) => {
      let timer = setTimeout(resolve, 4000);
      wake = () => {
        clearTimeout(timer);
        timer = setTimeout(resolve, 150);
      };
    });
    return queue.splice(0);
  }
  return { send, close: () => child.stdin.end() };
}

describe('tutor (interactive)', () => {
  it('takes "start" as picking the lesson up again, not as a question about starting', () => {
    const r = spawnSync(TSX, [...base, 'tutor'], { input: 'start\nquit\n', encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    const headers = r.stdout.match(/══ .* \(phase1\) ══/g) ?? [];
    expect(headers).toHaveLength(2); // the lesson on launch, then again on "start"
    expect(r.stdout).not.toContain('Sources:');
  });
});

describe('tutor --jsonl', () => {
  it('walks a whole phase 1 lesson: messages, check questions answered right, lesson done, progress moves', async () => {
    const t = driveTutor();
    try {
      const first = await t.send({ cmd: 'start' });
      const lesson = first[0] as { type: string; lessonId: string; phaseId: string };
      expect(lesson).toMatchObject({ type: 'lesson', phaseId: 'phase1' });
      const questions = new Map<string, CheckQuestion>(
        generateQuestions(lessonMaterialFor(engine.curriculum, engine.sections, lesson.lessonId)).map((q) => [q.id, q]),
      );
      let events = first;
      let messages = 0;
      const verdicts: string[] = [];
      for (let i = 0; i < 40 && !events.some((e) => e.type === 'done'); i++) {
        messages += events.filter((e) => e.type === 'message').length;
        const q = events.find((e) => e.type === 'question') as { question: { id: string } } | undefined;
        if (q) {
          const full = questions.get(q.question.id);
          expect(full).toBeDefined();
          events = await t.send({ cmd: 'answer', answer: full?.answer });
          for (const e of events) if (e.type === 'verdict') verdicts.push((e.verdict as { result: string }).result);
        } else events = await t.send({ cmd: 'next' });
      }
      expect(messages).toBeGreaterThanOrEqual(3);
      expect(verdicts.length).toBe(questions.size);
      expect(verdicts.every((v) => v === 'correct')).toBe(true);
      expect(events.some((e) => e.type === 'done')).toBe(true);
      const progress = events.find((e) => e.type === 'progress') as {
        summary: { phases: { done: number; mastery: number }[] };
      };
      expect(progress.summary.phases[0].done).toBe(1);
      expect(progress.summary.phases[0].mastery).toBeGreaterThan(0);
    } finally {
      t.close();
    }
    // progress survives: a new process sees the finished lesson
    const p = spawnSync(TSX, [...base, '--json', 'progress'], { encoding: 'utf8' });
    expect((JSON.parse(p.stdout) as { phases: { done: number }[] }).phases[0].done).toBe(1);
    const r = spawnSync(TSX, [...base, '--json', 'review'], { encoding: 'utf8' });
    expect(Array.isArray(JSON.parse(r.stdout))).toBe(true);
  });

  it('bookmarks and self-learned topics work from the command line', () => {
    const chunk = engine.chunks().find((c) => c.headingPath.includes('NAT Gateway'));
    const add = spawnSync(
      TSX,
      [...base, '--json', 'bookmarks', 'add', '--chunk', chunk?.id ?? '', '--note', 'review this'],
      { encoding: 'utf8' },
    );
    expect(add.status).toBe(0);
    const id = (JSON.parse(add.stdout) as { id: string }).id;
    const list = spawnSync(TSX, [...base, 'bookmarks', 'list'], { encoding: 'utf8' });
    expect(list.stdout).toContain(id);
    expect(list.stdout).toContain('review this');
    expect(spawnSync(TSX, [...base, 'bookmarks', 'remove', id], { encoding: 'utf8' }).status).toBe(0);

    const file = join(data.path, 'athena.md');
    writeFileSync(
      file,
      'Amazon Athena is a serverless interactive query service. Athena charges per terabyte of data scanned.',
    );
    const learned = spawnSync(TSX, [...base, 'learn', 'add', '--title', 'Amazon Athena', '--file', file], {
      encoding: 'utf8',
    });
    expect(learned.status).toBe(0);
    const ask = spawnSync(TSX, [...base, '--json', 'ask', 'How does Athena charge?'], { encoding: 'utf8' });
    const r = JSON.parse(ask.stdout) as { abstained: boolean; answer: string };
    expect(r.abstained).toBe(false);
    expect(r.answer).toContain('per terabyte');
    const bad = spawnSync(TSX, [...base, 'learn', 'add', '--title', 'X', '--file', join(data.path, 'missing.md')], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/No such file/);
  });
});
