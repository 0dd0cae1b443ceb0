import type { ApiError, AskResponse, TutorEventDto } from '../../electron/shared/api';

/** One entry of the conversation timeline. */
export type ChatMessage =
  | { id: number; role: 'learner'; text: string }
  | { id: number; role: 'tutor'; status: 'pending' }
  | { id: number; role: 'tutor'; status: 'answer'; response: AskResponse }
  | { id: number; role: 'tutor'; status: 'error'; error: ApiError }
  /** Something the guided tutor said: a lesson header, a message, a check question, a verdict … */
  | { id: number; role: 'tutor'; status: 'event'; event: TutorEventDto };

export const VERDICT_LABEL = { correct: 'Correct', partly: 'Partly right', 'not-yet': 'Not yet' } as const;

/** "Amazon S3 › Storage Classes": the section path a citation points to, without the phase title. */
export function sectionPath(headingPath: string[]): string {
  const path = headingPath.length > 1 ? headingPath.slice(1) : headingPath;
  return path.join(' › ');
}

/** A learner-facing name for the active embedder. */
export function embedderLabel(kind: string, modelId: string): string {
  if (kind === 'minilm') return 'MiniLM semantic search';
  if (kind === 'static-domain') return 'Built-in notes model';
  return modelId;
}
