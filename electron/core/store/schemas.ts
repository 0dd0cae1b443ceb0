// The learner's documents as zod schemas (validated on every load and write) and their TS types.
// Tolerance where it costs nothing: z.object strips unknown keys (a stray key, or conf's
// `__internal__`, is not fatal) and settings fields fall back to defaults when missing (a partial
// settings file is plausible). Wrong types are still errors: the loader backs such a file up.
import { z } from 'zod';
import { State } from 'ts-fsrs';
import type { CheckQuestion, SourceRef, VerdictResult } from '../tutor/types';

/** Any string Date can parse; written by us as toISOString(). */
export const isoDateSchema = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'expected an ISO date' });
const schemaVersionSchema = z.number().int().min(1);
const count = z.number().int().min(0);
const unit = z.number().min(0).max(1);

// ---- shared shapes (mirroring electron/core/tutor/types.ts; `satisfies` keeps them in step) ----

export const sourceRefSchema = z.object({
  sectionId: z.string(),
  chunkId: z.string().optional(),
  headingPath: z.array(z.string()),
}) satisfies z.ZodType<SourceRef>;

export const verdictResultSchema = z.enum(['correct', 'partly', 'not-yet']) satisfies z.ZodType<VerdictResult>;

export const checkQuestionSchema = z.object({
  id: z.string().min(1),
  lessonId: z.string(),
  kind: z.enum(['cloze', 'choice', 'short', 'order']),
  prompt: z.string(),
  choices: z.array(z.string()).optional(),
  answer: z.union([z.string(), z.array(z.string())]),
  accepted: z.array(z.string()).optional(),
  keywords: z.array(z.string()).optional(),
  source: z.string(),
  ref: sourceRefSchema,
}) satisfies z.ZodType<CheckQuestion>;

const resultRecordSchema = z.object({ result: verdictResultSchema, score: unit, at: isoDateSchema });
export type ResultRecord = z.infer<typeof resultRecordSchema>;

// ---- settings (v1) ----

export const SETTINGS_VERSION = 1;
export const settingsSchema = z.object({
  schemaVersion: schemaVersionSchema,
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  readAnswersAloud: z.boolean().default(false),
  speechRate: z.number().min(0.5).max(2).default(1),
  embedder: z.enum(['auto', 'minilm', 'static']).default('auto'),
});
export type SettingsDoc = z.infer<typeof settingsSchema>;
export const defaultSettings = (): SettingsDoc => ({
  schemaVersion: SETTINGS_VERSION,
  theme: 'system',
  readAnswersAloud: false,
  speechRate: 1,
  embedder: 'auto',
});

// ---- progress (v2: v1 lessons had no `answered`, see migrations.ts) ----

export const PROGRESS_VERSION = 2;
export const lessonProgressSchema = z.object({
  status: z.enum(['not-started', 'in-progress', 'done']),
  step: count,
  mastery: unit,
  attempts: count,
  correct: count,
  lastVisited: isoDateSchema,
  answered: z.record(z.string(), resultRecordSchema),
});
export type LessonProgress = z.infer<typeof lessonProgressSchema>;
export const progressSchema = z.object({
  schemaVersion: schemaVersionSchema,
  lessons: z.record(z.string(), lessonProgressSchema),
  current: z.object({ phaseId: z.string(), lessonId: z.string() }).nullable().default(null),
});
export type ProgressDoc = z.infer<typeof progressSchema>;
export const defaultProgress = (): ProgressDoc => ({ schemaVersion: PROGRESS_VERSION, lessons: {}, current: null });

// ---- review cards (v1) ----

/** A ts-fsrs Card as JSON: dates as ISO strings (see fsrsCard.ts for the conversions). */
export const storedCardSchema = z.object({
  due: isoDateSchema,
  stability: z.number().min(0),
  difficulty: z.number(),
  // Deprecated in ts-fsrs 5 (gone in 6) and added in 5 respectively: optional on disk either way.
  elapsed_days: z.number().min(0).default(0),
  scheduled_days: z.number().min(0),
  learning_steps: count.default(0),
  reps: count,
  lapses: count,
  state: z.enum(State),
  last_review: isoDateSchema.optional(),
});
export type StoredCard = z.infer<typeof storedCardSchema>;

export const REVIEWS_VERSION = 1;
export const reviewEntrySchema = z.object({
  question: checkQuestionSchema,
  card: storedCardSchema,
  lastResult: resultRecordSchema.optional(),
});
export type ReviewEntry = z.infer<typeof reviewEntrySchema>;
export const reviewsSchema = z.object({
  schemaVersion: schemaVersionSchema,
  cards: z.record(z.string(), reviewEntrySchema),
});
export type ReviewDoc = z.infer<typeof reviewsSchema>;
export const defaultReviews = (): ReviewDoc => ({ schemaVersion: REVIEWS_VERSION, cards: {} });

// ---- bookmarks (v1) ----

export const BOOKMARKS_VERSION = 1;
export const bookmarkSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['section', 'chunk', 'answer']),
  anchor: z.object({
    sectionId: z.string().optional(),
    chunkId: z.string().optional(),
    phaseId: z.string(),
    headingPath: z.array(z.string()),
    snippet: z.string(),
  }),
  answer: z.object({ question: z.string(), markdown: z.string() }).optional(),
  note: z.string().default(''),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Bookmark = z.infer<typeof bookmarkSchema>;
export const bookmarksSchema = z.object({ schemaVersion: schemaVersionSchema, items: z.array(bookmarkSchema) });
export type BookmarksDoc = z.infer<typeof bookmarksSchema>;
export const defaultBookmarks = (): BookmarksDoc => ({ schemaVersion: BOOKMARKS_VERSION, items: [] });

// ---- self-learned topics (v1) ----

export const TOPICS_VERSION = 1;
export const topicSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  markdown: z.string(),
  source: z.enum(['typed', 'import']),
  fileName: z.string().optional(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Topic = z.infer<typeof topicSchema>;
export const topicsSchema = z.object({ schemaVersion: schemaVersionSchema, items: z.array(topicSchema) });
export type TopicsDoc = z.infer<typeof topicsSchema>;
export const defaultTopics = (): TopicsDoc => ({ schemaVersion: TOPICS_VERSION, items: [] });
