/** Longest question we accept: a generous paragraph. Longer input is almost surely a paste. */
export const MAX_QUESTION_CHARS = 2000;

export class QuestionError extends Error {
  override name = 'QuestionError';
  constructor(
    message: string,
    readonly code: 'empty' | 'too-long' | 'not-text',
  ) {
    super(message);
  }
}

// Control characters (but tab and newline) in pasted text would garble output and logs.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Trims, strips control characters and rejects empty or oversized questions with a clear message. */
export function validateQuestion(input: unknown): string {
  if (typeof input !== 'string') throw new QuestionError('The question must be text.', 'not-text');
  const q = input.replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim();
  if (!q) throw new QuestionError('The question is empty: type what you want to know.', 'empty');
  if (q.length > MAX_QUESTION_CHARS) {
    throw new QuestionError(
      `The question is too long (${q.length} characters; the limit is ${MAX_QUESTION_CHARS}). Ask one thing at a time.`,
      'too-long',
    );
  }
  return q;
}
