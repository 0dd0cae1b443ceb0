/**
 * The one contract between the renderer and the main process: channel names, zod schemas for
 * every payload and result, and the `window.nimbus` API type. Only plain serialisable data crosses
 * it; failures travel as typed `Result` values, never as thrown strings.
 */
import { z } from 'zod';
import { MAX_QUESTION_CHARS } from './constants';

export { IpcChannel, MAX_QUESTION_CHARS, type IpcChannelName } from './constants';

/** Raw payload guard, looser than the engine's limit so its friendlier message is what the learner sees. */
const MAX_QUESTION_PAYLOAD = 4 * MAX_QUESTION_CHARS;

export const ErrorCode = {
  invalidRequest: 'invalid-request',
  forbiddenSender: 'forbidden-sender',
  emptyQuestion: 'empty-question',
  questionTooLong: 'question-too-long',
  engineUnavailable: 'engine-unavailable',
  internal: 'internal',
} as const;
export type ErrorCodeName = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ApiErrorSchema = z.object({ code: z.string(), message: z.string() });
export type ApiError = z.infer<typeof ApiErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ApiErrorSchema }),
  ]);
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCodeName, message: string): Result<T> => ({
  ok: false,
  error: { code, message },
});

// ask(question)
export const AskRequestSchema = z.string().max(MAX_QUESTION_PAYLOAD);

export const CitationDtoSchema = z.object({
  marker: z.number().int().positive(),
  chunkId: z.string(),
  headingPath: z.array(z.string()),
  text: z.string(),
});
export type CitationDto = z.infer<typeof CitationDtoSchema>;

export const AskResponseSchema = z.object({
  abstained: z.boolean(),
  /** Markdown; the renderer turns it into React elements, never into raw HTML. */
  answer: z.string(),
  citations: z.array(CitationDtoSchema),
  ms: z.number().nonnegative(),
});
export type AskResponse = z.infer<typeof AskResponseSchema>;
export const AskResultSchema = resultSchema(AskResponseSchema);

// info()
export const InfoRequestSchema = z.undefined();

export const EngineInfoDtoSchema = z.object({
  embedder: z.object({
    modelId: z.string(),
    kind: z.string(),
    dims: z.number().int().positive(),
    /** Why this embedder and not the better one, shown to the learner; null when none. */
    notice: z.string().nullable(),
  }),
  chunks: z.number().int().nonnegative(),
  sections: z.number().int().nonnegative(),
  index: z.object({ origin: z.enum(['loaded', 'built']), ms: z.number().nonnegative() }),
});
export type EngineInfoDto = z.infer<typeof EngineInfoDtoSchema>;
export const InfoResultSchema = resultSchema(EngineInfoDtoSchema);

// progress events (main → renderer) while the engine opens
export const ProgressEventSchema = z.object({
  stage: z.string(),
  done: z.number().nonnegative(),
  total: z.number().nonnegative(),
});
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;

/** Exactly what the preload exposes as `window.nimbus`. */
export interface NimbusApi {
  ask(question: string): Promise<Result<AskResponse>>;
  info(): Promise<Result<EngineInfoDto>>;
  /** Subscribes to engine-loading progress; returns the unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
}
