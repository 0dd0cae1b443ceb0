import { createInterface } from 'node:readline';
import { basename } from 'node:path';
import { z } from 'zod';
import { sectionLabel } from '../core/answer/composeAnswer';
import { LearnError } from '../core/learn/types';
import { BookmarkError } from '../core/bookmarks/types';
import { publicQuestion } from '../core/tutor/TutorService';
import { renderEvent } from './renderEvents';
import { openLearnerSession } from './session';
import { CliError, type GlobalOptions } from './common';

export interface LearnerFlags {
  title?: string;
  file?: string;
  text?: string;
  note?: string;
  section?: string;
  chunk?: string;
  jsonl?: boolean;
}

const out = (g: GlobalOptions, value: unknown, text: string): void => {
  process.stdout.write(g.json ? JSON.stringify(value) + '\n' : text + '\n');
};

/** Expected failures of the services become one line and exit code 2 (bad input) or 1. */
function asCliError(err: unknown): never {
  if (err instanceof LearnError || err instanceof BookmarkError) throw new CliError(err.message, 2);
  throw err;
}

export async function runProgress(g: GlobalOptions): Promise<number> {
  const { tutor } = await openLearnerSession(g);
  const summary = tutor.progress();
  out(g, summary, renderEvent({ type: 'progress', summary }));
  return 0;
}

export async function runBookmarks(g: GlobalOptions, args: string[], f: LearnerFlags): Promise<number> {
  const [sub, id, ...rest] = args;
  const { bookmarks } = await openLearnerSession(g);
  try {
    switch (sub) {
      case 'add': {
        if (!f.section && !f.chunk)
          throw new CliError('bookmarks add needs --section ID or --chunk ID (ids are shown by "search --json")', 2);
        const b = f.section
          ? await bookmarks.addSection(f.section, f.note ?? '')
          : await bookmarks.addChunk(f.chunk as string, f.note ?? '');
        out(g, b, `Bookmarked ${sectionLabel(b.anchor.headingPath)} (${b.id})`);
        return 0;
      }
      case 'list':
      case undefined: {
        const groups = await bookmarks.list();
        const lines = groups.flatMap((grp) => [
          `${grp.phaseId}:`,
          ...grp.items.map(
            (b) =>
              `  ${b.id}  ${sectionLabel(b.anchor.headingPath)}${b.status === 'missing' ? '  [section gone]' : ''}${b.note ? `  — ${b.note}` : ''}`,
          ),
        ]);
        out(g, groups, lines.length ? lines.join('\n') : 'No bookmarks yet.');
        return 0;
      }
      case 'note': {
        if (!id) throw new CliError('bookmarks note ID "text"', 2);
        const b = await bookmarks.editNote(id, f.note ?? rest.join(' '));
        out(g, b, `Note saved for ${b.id}.`);
        return 0;
      }
      case 'remove': {
        if (!id) throw new CliError('bookmarks remove ID', 2);
        const ok = await bookmarks.remove(id);
        if (!ok) throw new CliError(`No bookmark ${id}.`, 2);
        out(g, { removed: id }, `Removed ${id}.`);
        return 0;
      }
      default:
        throw new CliError(`bookmarks: unknown subcommand "${sub}" (add|list|note|remove)`, 2);
    }
  } catch (err) {
    return asCliError(err);
  }
}

export async function runLearn(g: GlobalOptions, args: string[], f: LearnerFlags): Promise<number> {
  const [sub, id] = args;
  const { learn } = await openLearnerSession(g);
  try {
    switch (sub) {
      case 'add': {
        if (f.file && !f.title) {
          const topics = await learn.importFile(f.file);
          out(
            g,
            topics,
            `Learned ${topics.length} topic(s) from ${basename(f.file)}: ${topics.map((t) => t.title).join(', ')}`,
          );
          return 0;
        }
        if (!f.title)
          throw new CliError(
            'learn add needs --title T with --file F or --text "…" (or --file F alone for a notes file)',
            2,
          );
        const markdown = f.file ? await learn.readFileText(f.file) : f.text;
        if (!markdown) throw new CliError('learn add needs the topic text: --file F or --text "…"', 2);
        const topic = await learn.add({ title: f.title, markdown });
        out(g, topic, `Learned "${topic.title}" (${topic.id}). Ask about it any time.`);
        return 0;
      }
      case 'list':
      case undefined: {
        const topics = learn.list();
        out(
          g,
          topics,
          topics.length ? topics.map((t) => `${t.id}  ${t.title}`).join('\n') : 'No self-learned topics yet.',
        );
        return 0;
      }
      case 'remove': {
        if (!id) throw new CliError('learn remove ID', 2);
        if (!(await learn.remove(id))) throw new CliError(`No topic ${id}.`, 2);
        out(g, { removed: id }, `Forgot topic ${id}.`);
        return 0;
      }
      default:
        throw new CliError(`learn: unknown subcommand "${sub}" (add|list|remove)`, 2);
    }
  } catch (err) {
    return asCliError(err);
  }
}

const ReviewCommand = z.discriminatedUnion('cmd', [
  z.object({ cmd: z.literal('due'), limit: z.number().int().positive().optional() }),
  z.object({ cmd: z.literal('answer'), questionId: z.string(), answer: z.union([z.string(), z.array(z.string())]) }),
]);

/** `review --jsonl`: {"cmd":"due"} lists due cards as questions; {"cmd":"answer",…} grades one. */
export async function runReview(g: GlobalOptions, f: LearnerFlags): Promise<number> {
  const { tutor } = await openLearnerSession(g);
  if (!f.jsonl) {
    const due = tutor.review.due(new Date());
    out(
      g,
      due,
      due.length
        ? `${due.length} card(s) due:\n${due.map((d) => `  ${d.question.id}  ${d.question.prompt}`).join('\n')}`
        : 'Nothing due for review.',
    );
    return 0;
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    let event: unknown;
    try {
      const cmd = ReviewCommand.parse(JSON.parse(line));
      if (cmd.cmd === 'due') {
        const due = tutor.review.due(new Date(), cmd.limit);
        event = { type: 'due', count: due.length, questions: due.map((d) => publicQuestion(d.question)) };
      } else {
        event = { type: 'verdict', verdict: await tutor.reviewAnswer(cmd.questionId, cmd.answer) };
      }
    } catch (err) {
      event = {
        type: 'error',
        code: 'bad-command',
        message:
          err instanceof z.ZodError || err instanceof SyntaxError
            ? 'expected {"cmd":"due"} or {"cmd":"answer","questionId","answer"}'
            : (err as Error).message,
      };
    }
    process.stdout.write(JSON.stringify(event) + '\n');
  }
  return 0;
}
