/**
 * Contract, part two: the library views the app browses besides chatting — the catalog of phases
 * and lessons (the channel rail), a section in the reader, instant search, review cards and the
 * models page. api.ts assembles these into the one call table.
 */
import { z } from 'zod';
import { MAX_QUESTION_CHARS } from './constants';

const Id = z.string().min(1).max(500);
const MAX_QUERY_PAYLOAD = 4 * MAX_QUESTION_CHARS;

// catalog(): phases in order with their lessons (self-learned topics are the 'self' phase).
export const CatalogSchema = z.object({
  phases: z.array(
    z.object({
      phaseId: z.string(),
      order: z.number().int(),
      title: z.string(),
      /** Short channel name, e.g. "core-services". */
      channel: z.string(),
      lessons: z.array(z.object({ lessonId: z.string(), title: z.string(), headingPath: z.array(z.string()) })),
    }),
  ),
});
export type CatalogDto = z.infer<typeof CatalogSchema>;

// section({sectionId} | {chunkId}): the reader panel's view of one section.
export const SectionRequestSchema = z.union([z.object({ sectionId: Id }).strict(), z.object({ chunkId: Id }).strict()]);
export type SectionRequest = z.infer<typeof SectionRequestSchema>;

export const SectionViewSchema = z.object({
  sectionId: z.string(),
  phaseId: z.string(),
  headingPath: z.array(z.string()),
  /** The section's Markdown and that of its sub-sections, in note order (headings included). */
  markdown: z.string(),
  /** The cited passage, when opened from a citation, to highlight in `markdown`. */
  highlight: z.string().nullable(),
  /** The lesson this section belongs to, so the reader can offer "study this lesson". */
  lessonId: z.string().nullable(),
});
export type SectionViewDto = z.infer<typeof SectionViewSchema>;

// search({query, limit}): instant results for Ctrl+K.
export const SearchRequestSchema = z.object({
  query: z.string().max(MAX_QUERY_PAYLOAD),
  limit: z.number().int().min(1).max(50).optional(),
});
export type SearchRequest = z.infer<typeof SearchRequestSchema>;
export const SearchHitDtoSchema = z.object({
  chunkId: z.string(),
  sectionId: z.string(),
  phaseId: z.string(),
  headingPath: z.array(z.string()),
  snippet: z.string(),
});
export type SearchHitDto = z.infer<typeof SearchHitDtoSchema>;

// review.due({limit}) / review.answer({questionId, answer})
export const ReviewDueRequestSchema = z.object({ limit: z.number().int().min(1).max(100).optional() }).optional();
export const ReviewAnswerRequestSchema = z.object({
  questionId: Id,
  answer: z.union([z.string().max(MAX_QUERY_PAYLOAD), z.array(z.string().max(MAX_QUERY_PAYLOAD)).max(50)]),
});
export type ReviewAnswerRequest = z.infer<typeof ReviewAnswerRequestSchema>;

// models.status() / models.install({ids})
export const ModelStatusDtoSchema = z.object({
  id: z.string(),
  role: z.string(),
  description: z.string(),
  /** built: made on this machine from the notes; installed/missing/damaged: downloadable weights. */
  state: z.enum(['built', 'installed', 'missing', 'damaged']),
  /** In use right now (the embedder answering questions). */
  active: z.boolean(),
  /** Bytes to download when installing; null when only the hub's listing will tell (hub-attested model). */
  sizeBytes: z.number().nonnegative().nullable(),
  installable: z.boolean(),
});
export type ModelStatusDto = z.infer<typeof ModelStatusDtoSchema>;
export const ModelsStatusSchema = z.object({
  modelsRoot: z.string(),
  models: z.array(ModelStatusDtoSchema),
});
export type ModelsStatusDto = z.infer<typeof ModelsStatusSchema>;

export const ModelsInstallRequestSchema = z.object({ ids: z.array(Id).min(1).max(10) });
export type ModelsInstallRequest = z.infer<typeof ModelsInstallRequestSchema>;
export const ModelsInstallReportSchema = z.object({
  ok: z.boolean(),
  models: z.array(z.object({ id: z.string(), status: z.string(), reason: z.string().optional() })),
  /** The engine re-opened with a newly installed embedder. */
  reloaded: z.boolean(),
});
export type ModelsInstallReportDto = z.infer<typeof ModelsInstallReportSchema>;
