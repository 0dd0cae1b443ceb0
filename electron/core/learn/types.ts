// Self-learned topic document shapes (as persisted by the store layer) and the errors imports and
// edits report. Local types for now; they mirror the store's zod schemas one for one.

export interface LearnedTopic {
  id: string;
  title: string;
  /** Sanitised Markdown body (sub-headings allowed); stored as text, rendered sanitised. */
  markdown: string;
  source: 'typed' | 'import';
  fileName?: string;
  createdAt: string;
  updatedAt: string;
}

export interface TopicsDoc {
  /** 1 today; typed as number like the store's schema (migrations bump it), so its stores fit here. */
  schemaVersion: number;
  items: LearnedTopic[];
}

export function emptyTopicsDoc(): TopicsDoc {
  return { schemaVersion: 1, items: [] };
}

export interface TopicInput {
  title: string;
  markdown: string;
}

export interface LearnLimits {
  /** Bytes per imported file or text. */
  maxImportBytes: number;
  /** Bytes of Markdown per topic. */
  maxTopicBytes: number;
  /** Characters per title. */
  maxTitleChars: number;
}

export const DEFAULT_LIMITS: LearnLimits = {
  maxImportBytes: 200 * 1024,
  maxTopicBytes: 50 * 1024,
  maxTitleChars: 150,
};

export type LearnErrorCode =
  | 'too-large'
  | 'encoding'
  | 'binary'
  | 'unsupported-type'
  | 'empty'
  | 'invalid-title'
  | 'duplicate'
  | 'not-found'
  | 'read-failed';

export interface LearnErrorDetails {
  /** For 'duplicate': the topic that already has this title (offer to update it instead). */
  existingId?: string;
  title?: string;
  limit?: number;
  size?: number;
}

export class LearnError extends Error {
  constructor(
    readonly code: LearnErrorCode,
    message: string,
    readonly details: LearnErrorDetails = {},
  ) {
    super(message);
    this.name = 'LearnError';
  }
}
