import { createInterface } from 'node:readline';
import { TutorError } from '../core/tutor/TutorService';
import { awaitingTracker, runTutorCommand as runCommand } from '../core/app/services';
import { TutorCommandSchema } from '../shared/api';
import type { TutorEvent } from '../core/tutor/types';
import { QuestionError } from '../core/engine/validateQuestion';
import { openLearnerSession } from './session';
import { renderEvent } from './renderEvents';
import type { GlobalOptions } from './common';

const Command = TutorCommandSchema;

function errorEvent(err: unknown): TutorEvent {
  if (err instanceof TutorError) return { type: 'error', code: err.code, message: err.message };
  if (err instanceof QuestionError) return { type: 'error', code: err.code, message: err.message };
  return { type: 'error', code: 'failed', message: (err as Error).message ?? String(err) };
}

/** `tutor --jsonl`: one command per input line, one JSON event per output line. */
export async function runTutorJsonl(g: GlobalOptions): Promise<number> {
  const { tutor } = await openLearnerSession(g);
  const tracker = awaitingTracker();
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (!line.trim()) continue;
    let events: TutorEvent[];
    try {
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        throw new TutorErrorLine(`line ${lineNo}: not valid JSON`);
      }
      const parsed = Command.safeParse(raw);
      if (!parsed.success)
        throw new TutorErrorLine(
          `line ${lineNo}: unknown or malformed command (expected {"cmd": start|next|answer|ask|goto|progress, …})`,
        );
      events = await runCommand(tutor, parsed.data, tracker.id);
    } catch (err) {
      events = [
        err instanceof TutorErrorLine ? { type: 'error', code: 'bad-command', message: err.message } : errorEvent(err),
      ];
    }
    tracker.see(events);
    for (const e of events) process.stdout.write(JSON.stringify(e) + '\n');
  }
  return 0;
}

class TutorErrorLine extends Error {}

const HELP = `Commands: Enter or "next" to go on ("start" picks the lesson up again) · type your answer when asked ("skip" to pass) · "ask <question>" · "goto <phase1..phase6|lesson id>" · "progress" · "quit"`;

/** `tutor`: the same session in the terminal, as a chat. */
export async function runTutorInteractive(g: GlobalOptions): Promise<number> {
  const { tutor } = await openLearnerSession(g);
  const tracker = awaitingTracker();
  const print = (events: TutorEvent[]): void => {
    tracker.see(events);
    for (const e of events) process.stdout.write(renderEvent(e) + '\n');
  };
  process.stdout.write(`Nimbus Tutor. ${HELP}\n\n`);
  print(await tutor.start());
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' });
  rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    try {
      if (line === 'quit' || line === 'exit') break;
      if (line === 'help') process.stdout.write(HELP + '\n');
      else if (line === '' && tracker.id())
        process.stdout.write('Type your answer, or "skip" to see it and move on.\n');
      else if (line === 'skip' && tracker.id()) print(await tutor.answer(tracker.id() as string, ''));
      else if (line === '' || line === 'next') print(await tutor.next());
      // what a learner types to pick the lesson up again, not a question about "start"
      else if (/^(start|resume|continue)$/i.test(line)) print(await tutor.start());
      else if (line === 'progress') print([{ type: 'progress', summary: tutor.progress() }]);
      else if (line.startsWith('ask ')) print(await tutor.ask(line.slice(4)));
      else if (line.startsWith('goto ')) {
        const target = line.slice(5).trim();
        print(await tutor.goto(/^phase\d$/.test(target) ? { phaseId: target } : { lessonId: target }));
      } else if (tracker.id()) {
        // the grader itself reads "2,1,3" or "b a c" for order and choice questions
        print(await tutor.answer(tracker.id() as string, line));
      } else print(await tutor.ask(line));
    } catch (err) {
      print([errorEvent(err)]);
    }
    rl.prompt();
  }
  return 0;
}
