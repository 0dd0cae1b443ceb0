import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { AskResult, KnowledgeEngine } from '../core/engine/KnowledgeEngine';
import { sectionLabel } from '../core/answer/composeAnswer';
import { CliError, openEngine, type GlobalOptions } from './common';
import { validateQuestion } from '../core/engine/validateQuestion';

const JsonlQuestion = z.object({
  id: z.union([z.string(), z.number()]),
  question: z.string(),
});

/** One line of `ask --jsonl` output, in the format ../shared/eval/score.mjs reads. */
export function toJsonlRecord(id: string | number, r: AskResult) {
  return {
    id,
    abstained: r.abstained,
    answer: r.answer,
    citations: r.citations.map((c) => ({ chunkId: c.chunkId, headingPath: c.headingPath, text: c.text })),
    hits: r.hits.slice(0, 10).map((h) => ({
      chunkId: h.chunk.id,
      headingPath: h.chunk.headingPath,
      text: h.chunk.text,
      score: Number(h.score.toFixed(6)),
    })),
    ms: Number(r.ms.toFixed(2)),
  };
}

export async function runAsk(g: GlobalOptions, question: string): Promise<number> {
  const q = validateQuestion(question); // fail fast, before loading models
  const engine = await openEngine(g);
  const r = await engine.ask(q);
  if (g.json) {
    process.stdout.write(JSON.stringify(toJsonlRecord('cli', r)) + '\n');
    return 0;
  }
  process.stdout.write(formatAnswer(engine, r));
  return 0;
}

export function formatAnswer(engine: KnowledgeEngine, r: AskResult): string {
  const lines = [r.answer, ''];
  if (r.citations.length) {
    lines.push('Sources:');
    for (const c of r.citations)
      lines.push(`  [${c.marker}] ${sectionLabel(c.headingPath)}  (${c.headingPath[0]}, chunk ${c.chunkId})`);
    lines.push('');
  } else if (r.abstained && r.hits.length) {
    lines.push(
      `Closest sections: ${r.hits
        .slice(0, 3)
        .map((h) => sectionLabel(h.chunk.headingPath))
        .join('; ')}`,
      '',
    );
  }
  const e = engine.info().embedder;
  lines.push(`(${e.kind} embedder ${e.modelId} · ${r.ms.toFixed(1)} ms)`);
  return lines.join('\n') + '\n';
}

/** Reads questions line by line; a bad line yields an error object for that line, never a crash. */
export async function runAskJsonl(g: GlobalOptions): Promise<number> {
  if (process.stdin.isTTY) throw new CliError('ask --jsonl reads {"id","question"} lines on stdin; pipe a file in.', 2);
  const engine = await openEngine(g);
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  let failures = 0;
  for await (const line of rl) {
    lineNo++;
    if (!line.trim()) continue;
    let id: string | number | null = null;
    try {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new Error(`line ${lineNo}: not valid JSON`);
      }
      const rawId = (parsed as { id?: unknown } | null)?.id;
      if (typeof rawId === 'string' || typeof rawId === 'number') id = rawId;
      const q = JsonlQuestion.safeParse(parsed);
      if (!q.success) throw new Error(`line ${lineNo}: expected {"id": string|number, "question": string}`);
      const r = await engine.ask(q.data.question);
      process.stdout.write(JSON.stringify(toJsonlRecord(q.data.id, r)) + '\n');
    } catch (err) {
      failures++;
      process.stdout.write(JSON.stringify({ id, error: (err as Error).message }) + '\n');
    }
  }
  if (failures) process.stderr.write(`nimbus: ${failures} line(s) could not be answered (see "error" fields)\n`);
  return 0;
}
