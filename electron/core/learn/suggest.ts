// When the tutor declines a question because the notes don't cover it, the UI/CLI can offer "add it
// as a topic". This picks the title to suggest: the unknown product name the abstention found,
// else its unknown words, else the question's key words.

import type { AbstentionFeatures } from '../answer/abstain';

export type AbstentionHints = Partial<
  Pick<AbstentionFeatures, 'unknownServiceNames' | 'unknownNames' | 'unknownTerms'>
>;

const BRAND_RE = /\b(aws|amazon)\s+$/i;

const STOP = new Set(
  (
    'a an the and or but of to in on at for with by from as is are was were be been being do does did can could ' +
    'should would will shall may might must have has had i me my we our you your it its this that these those ' +
    'what which who whom whose when where why how there here about into over under than then so if not no ' +
    'please tell explain describe difference between vs versus use used using work works mean means ' +
    'aws amazon service services'
  ).split(' '),
);

function titleCase(word: string): string {
  // Words typed with capitals ("DynamoDB", "SQS") keep their spelling.
  return /[A-Z]/.test(word) ? word : word.charAt(0).toUpperCase() + word.slice(1);
}

/** "AWS"/"Amazon" as typed just before the name in the question, if any. */
function withBrand(question: string, name: string): string {
  const at = question.toLowerCase().indexOf(name.split(' ')[0].toLowerCase());
  if (at < 0 || /^(aws|amazon)\b/i.test(name)) return name;
  const brand = BRAND_RE.exec(question.slice(0, at));
  if (!brand) return name;
  return `${brand[1].toLowerCase() === 'aws' ? 'AWS' : 'Amazon'} ${name}`;
}

function keyWords(question: string): string[] {
  return (question.match(/[\p{L}\p{N}][\p{L}\p{N}.+-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu) ?? []).filter(
    (w) => !STOP.has(w.toLowerCase()) && w.length > 1,
  );
}

/** A topic title for an out-of-scope question, or null when the question gives nothing to name. */
export function suggestTopicTitle(question: string, hints: AbstentionHints = {}): string | null {
  const name = hints.unknownServiceNames?.[0] ?? hints.unknownNames?.[0];
  if (name) return withBrand(question, name.split(/\s+/).map(titleCase).join(' '));
  const words = hints.unknownTerms?.length ? hints.unknownTerms.slice(0, 3) : keyWords(question).slice(0, 4);
  if (!words.length) return null;
  return withBrand(question, words.map(titleCase).join(' '));
}
