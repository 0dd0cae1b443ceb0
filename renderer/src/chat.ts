import type { ApiError, AskResponse } from '../../electron/shared/api';

/** One entry of the conversation timeline. */
export type ChatMessage =
  | { id: number; role: 'learner'; text: string }
  | { id: number; role: 'tutor'; status: 'pending' }
  | { id: number; role: 'tutor'; status: 'answer'; response: AskResponse }
  | { id: number; role: 'tutor'; status: 'error'; error: ApiError };

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
