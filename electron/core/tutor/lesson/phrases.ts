// The tutor's own connective phrases. They vary so a lesson doesn't read like a form, but
// deterministically: each lesson starts each family at its own offset (hash of the lesson id) and
// then cycles, so the same phrase never comes twice in a row and replays are identical.

import { createHash } from 'node:crypto';

type Vars = Record<string, string>;
type Template = (v: Vars) => string;

const FAMILIES = {
  intro: [
    (v) => `Let's look at **${v.title}**.`,
    (v) => `Today's topic is **${v.title}**.`,
    (v) => `Let's get into **${v.title}**.`,
  ],
  goals: [
    () => `By the end you'll be able to:`,
    () => `By the end of this lesson you'll be able to:`,
    () => `Here's what you'll be able to do afterwards:`,
  ],
  keyPoints: [
    (v) => `Here are the key points of **${v.title}**:`,
    (v) => `The main points about **${v.title}**:`,
    (v) => `Let's go through **${v.title}** point by point:`,
  ],
  onward: [() => `Let's keep going.`, () => `Now, the next part.`, () => `Moving on.`],
  first: [(v) => `First: **${v.heading}**.`, (v) => `Let's start with **${v.heading}**.`],
  next: [
    (v) => `Next: **${v.heading}**.`,
    (v) => `Now let's move on to **${v.heading}**.`,
    (v) => `Let's turn to **${v.heading}**.`,
    (v) => `On to **${v.heading}**.`,
  ],
  last: [
    (v) => `That's the last part of **${v.title}**: **${v.heading}**.`,
    (v) => `Finally, **${v.heading}**.`,
    (v) => `One last topic: **${v.heading}**.`,
  ],
  continued: [
    (v) => `**${v.heading}** (continued):`,
    (v) => `More on **${v.heading}** (continued):`,
    (v) => `**${v.heading}** (continued), a few more points:`,
  ],
  table: [() => `Here's the table from the notes; take your time with it:`, () => `The notes sum this up in a table:`],
  steps: [() => `Here are the steps, in order:`, () => `Step by step:`],
  summary: [
    (v) => `That wraps up **${v.title}**. We covered ${v.topics}.`,
    (v) => `And that's **${v.title}** done: we went through ${v.topics}.`,
    (v) => `That's the whole of **${v.title}**. We looked at ${v.topics}.`,
  ],
  summaryShort: [(v) => `That wraps up **${v.title}**.`, (v) => `And that's **${v.title}** done.`],
  retry: [
    (v) => `Let's look at that again. Here's what the notes say in **${v.label}**:`,
    (v) => `No worries. Let's look at that again, from **${v.label}**:`,
    (v) => `Let's look at that again together. From **${v.label}**:`,
  ],
  retryClose: [
    () => `Read it once more, then have another go.`,
    () => `Take a moment with it, then try again.`,
    () => `Have another go when you're ready.`,
  ],
} satisfies Record<string, Template[]>;

export type PhraseFamily = keyof typeof FAMILIES;

export function stableHash(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

export class Phrasebook {
  private readonly used = new Map<PhraseFamily, number>();

  constructor(private readonly seed: string) {}

  say(family: PhraseFamily, vars: Vars = {}): string {
    const list: Template[] = FAMILIES[family];
    const n = this.used.get(family) ?? 0;
    this.used.set(family, n + 1);
    return list[(stableHash(`${this.seed}:${family}`) + n) % list.length](vars);
  }
}

/** "A, B and C" */
export function listPhrase(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
