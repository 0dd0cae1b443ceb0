/**
 * The one contract between the renderer and the main process: channel names, zod schemas for
 * every payload and result, and the `window.nimbus` API type. Only plain serialisable data crosses
 * it; failures travel as typed `Result` values, never as thrown strings.
 */
import { z } from 'zod';
import { MAX_QUESTION_CHARS, type ApiCallName } from './constants';
import {
  CatalogSchema,
  ModelsInstallReportSchema,
  ModelsInstallRequestSchema,
  ModelsStatusSchema,
  ReviewAnswerRequestSchema,
  ReviewDueRequestSchema,
  SearchHitDtoSchema,
  SearchRequestSchema,
  SectionRequestSchema,
  SectionViewSchema,
  type CatalogDto,
  type ModelsInstallReportDto,
  type ModelsInstallRequest,
  type ModelsStatusDto,
  type ReviewAnswerRequest,
  type SearchHitDto,
  type SearchRequest,
  type SectionRequest,
  type SectionViewDto,
} from './apiLibrary';
import {
  SpeakSentenceRequestSchema,
  SpeakSentencesRequestSchema,
  SpeakSentencesSchema,
  SpokenSentenceSchema,
  TranscribeRequestSchema,
  TranscriptSchema,
  VoiceStatusRequestSchema,
  VoiceStatusSchema,
  type SpeakSentenceRequest,
  type SpeakSentencesDto,
  type SpeakSentencesRequest,
  type SpokenSentenceDto,
  type TranscribeRequest,
  type TranscriptDto,
  type VoiceStatusDto,
  type VoiceStatusRequest,
} from './apiVoice';
import {
  BackupExportSchema,
  BackupImportRequestSchema,
  BackupImportSummarySchema,
  type BackupExportDto,
  type BackupImportRequest,
  type BackupImportSummaryDto,
} from './apiBackup';

export * from './apiLibrary';
export * from './apiVoice';
export * from './apiBackup';

export {
  API_CALL_NAMES,
  ApiCallChannel,
  IpcChannel,
  MAX_BACKUP_BYTES,
  MAX_QUESTION_CHARS,
  TOKEN_HEADER,
  type ApiCallName,
  type IpcChannelName,
} from './constants';

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
/**
 * The contract's own codes; the services' expected failures pass their code through as is
 * (tutor: 'no-lesson', 'no-question', 'unknown-lesson' …; learn: 'duplicate', 'too-large' …;
 * bookmarks: 'not-found', 'note-too-long' …).
 */
export type ErrorCodeName = (typeof ErrorCode)[keyof typeof ErrorCode] | (string & {});

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
  /** An out-of-scope question: the title the learner could teach as a topic. */
  offerTopic: z.string().optional(),
});
export type AskResponse = z.infer<typeof AskResponseSchema>;
export const AskResultSchema = resultSchema(AskResponseSchema);

// info()
export const InfoRequestSchema = z.undefined();

export const EngineInfoDtoSchema = z.object({
  embedder: z.object({
    modelId: z.string(),
    kind: z.string(),
    /** 0 when search is keyword-only (no embedding model could be opened). */
    dims: z.number().int().nonnegative(),
    /** Why this embedder and not the better one, shown to the learner; null when none. */
    notice: z.string().nullable(),
  }),
  search: z.enum(['hybrid', 'lexical']),
  chunks: z.number().int().nonnegative(),
  sections: z.number().int().nonnegative(),
  index: z.object({
    origin: z.enum(['loaded', 'built']),
    ms: z.number().nonnegative(),
    /** Why the saved index was rebuilt (missing, corrupt, other model …); null when loaded. */
    rebuildReason: z.string().nullable(),
    /** False when it could not be saved (read-only folder, disk full): it lives in memory. */
    persisted: z.boolean(),
    saveError: z.string().nullable(),
  }),
  /** A degraded state the learner should see as a banner (keyword-only search, unsaved index …). */
  notice: z.string().nullable(),
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

// tutor(cmd): the guided tutor, one command → the events it produced (as the CLI's `tutor --jsonl`)
const Id = z.string().min(1).max(500);
export const TutorCommandSchema = z.discriminatedUnion('cmd', [
  z.object({ cmd: z.literal('start') }),
  z.object({ cmd: z.literal('next') }),
  z.object({ cmd: z.literal('progress') }),
  z.object({ cmd: z.literal('ask'), question: AskRequestSchema }),
  z.object({ cmd: z.literal('goto'), phaseId: Id.optional(), lessonId: Id.optional() }),
  z.object({
    cmd: z.literal('answer'),
    /** Defaults to the question being asked. */
    questionId: Id.optional(),
    answer: z.union([z.string().max(MAX_QUESTION_PAYLOAD), z.array(z.string().max(MAX_QUESTION_PAYLOAD)).max(50)]),
  }),
]);
export type TutorCommand = z.infer<typeof TutorCommandSchema>;

export const SourceRefSchema = z.object({
  sectionId: z.string(),
  chunkId: z.string().optional(),
  headingPath: z.array(z.string()),
});

export const PublicQuestionSchema = z.object({
  id: z.string(),
  lessonId: z.string(),
  kind: z.enum(['cloze', 'choice', 'short', 'order']),
  prompt: z.string(),
  choices: z.array(z.string()).optional(),
  ref: SourceRefSchema,
});
export type PublicQuestionDto = z.infer<typeof PublicQuestionSchema>;

export const VerdictSchema = z.object({
  questionId: z.string(),
  result: z.enum(['correct', 'partly', 'not-yet']),
  score: z.number().min(0).max(1),
  expected: z.string(),
  feedback: z.string(),
  ref: SourceRefSchema,
});

export type VerdictDto = z.infer<typeof VerdictSchema>;

export const ReviewDueSchema = z.object({
  total: z.number().int().nonnegative(),
  cards: z.array(
    z.object({
      question: PublicQuestionSchema,
      due: z.string(),
      lastResult: z.enum(['correct', 'partly', 'not-yet']).optional(),
    }),
  ),
});
export type ReviewDueDto = z.infer<typeof ReviewDueSchema>;

const LessonPointerSchema = z.object({ phaseId: z.string(), lessonId: z.string(), title: z.string() });

export const ProgressSummarySchema = z.object({
  phases: z.array(
    z.object({
      phaseId: z.string(),
      title: z.string(),
      lessons: z.number(),
      done: z.number(),
      mastery: z.number(),
    }),
  ),
  current: LessonPointerSchema.nullable(),
  suggestedNext: LessonPointerSchema.nullable(),
  reviewDue: z.number(),
});
export type ProgressSummaryDto = z.infer<typeof ProgressSummarySchema>;

export const TutorEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('lesson'),
    phaseId: z.string(),
    lessonId: z.string(),
    title: z.string(),
    goals: z.array(z.string()),
    skippedPrerequisites: z.array(z.string()).optional(),
  }),
  z.object({
    type: z.literal('message'),
    role: z.literal('tutor'),
    markdown: z.string(),
    refs: z.array(SourceRefSchema).optional(),
  }),
  z.object({ type: z.literal('question'), question: PublicQuestionSchema }),
  z.object({ type: z.literal('verdict'), verdict: VerdictSchema }),
  z.object({
    type: z.literal('answer'),
    question: z.string(),
    abstained: z.boolean(),
    markdown: z.string(),
    refs: z.array(SourceRefSchema),
    offerTopic: z.string().optional(),
  }),
  z.object({ type: z.literal('progress'), summary: ProgressSummarySchema }),
  z.object({ type: z.literal('done'), lessonId: z.string(), next: LessonPointerSchema.optional() }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type TutorEventDto = z.infer<typeof TutorEventSchema>;
export const TutorResultSchema = resultSchema(z.array(TutorEventSchema));

// bookmarks.list() / bookmarks.add({target, note}) / bookmarks.remove(id)
export const BookmarkTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('section'), sectionId: Id }),
  z.object({ kind: z.literal('chunk'), chunkId: Id }),
  z.object({
    kind: z.literal('answer'),
    answer: z.object({
      question: z.string().max(MAX_QUESTION_PAYLOAD),
      markdown: z.string().max(200_000),
      citations: z.array(z.object({ chunkId: Id, headingPath: z.array(z.string().max(1000)).max(20) })).max(50),
    }),
  }),
]);
export const BookmarkAddRequestSchema = z.object({
  target: BookmarkTargetSchema,
  note: z.string().max(20_000).optional(),
});
export type BookmarkAddRequest = z.infer<typeof BookmarkAddRequestSchema>;

export const BookmarkSchema = z.object({
  id: z.string(),
  kind: z.enum(['section', 'chunk', 'answer']),
  anchor: z.object({
    sectionId: z.string().optional(),
    chunkId: z.string().optional(),
    phaseId: z.string(),
    headingPath: z.array(z.string()),
    snippet: z.string(),
  }),
  answer: z.object({ question: z.string(), markdown: z.string() }).optional(),
  note: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BookmarkDto = z.infer<typeof BookmarkSchema>;
export const BookmarkGroupSchema = z.object({
  phaseId: z.string(),
  items: z.array(BookmarkSchema.extend({ status: z.enum(['exact', 'moved', 'changed', 'missing']) })),
});
export type BookmarkGroupDto = z.infer<typeof BookmarkGroupSchema>;

// learn.add({title, markdown}) / learn.list() / learn.remove(id)
export const LearnAddRequestSchema = z.object({ title: z.string().max(1000), markdown: z.string().max(1_000_000) });
export type LearnAddRequest = z.infer<typeof LearnAddRequestSchema>;
export const LearnedTopicSchema = z.object({
  id: z.string(),
  title: z.string(),
  markdown: z.string(),
  source: z.enum(['typed', 'import']),
  fileName: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LearnedTopicDto = z.infer<typeof LearnedTopicSchema>;

export const IdRequestSchema = Id;
export const NoArgsSchema = z.undefined();

/** Every request/response call: the schema its one argument must match and the schema of its Result. */
export const ApiCalls = {
  ask: { request: AskRequestSchema, result: AskResultSchema },
  info: { request: InfoRequestSchema, result: InfoResultSchema },
  tutor: { request: TutorCommandSchema, result: TutorResultSchema },
  'bookmarks.list': { request: NoArgsSchema, result: resultSchema(z.array(BookmarkGroupSchema)) },
  'bookmarks.add': { request: BookmarkAddRequestSchema, result: resultSchema(BookmarkSchema) },
  'bookmarks.remove': { request: IdRequestSchema, result: resultSchema(z.boolean()) },
  'learn.add': { request: LearnAddRequestSchema, result: resultSchema(LearnedTopicSchema) },
  'learn.list': { request: NoArgsSchema, result: resultSchema(z.array(LearnedTopicSchema)) },
  'learn.remove': { request: IdRequestSchema, result: resultSchema(z.boolean()) },
  catalog: { request: NoArgsSchema, result: resultSchema(CatalogSchema) },
  section: { request: SectionRequestSchema, result: resultSchema(SectionViewSchema) },
  search: { request: SearchRequestSchema, result: resultSchema(z.array(SearchHitDtoSchema)) },
  'review.due': { request: ReviewDueRequestSchema, result: resultSchema(ReviewDueSchema) },
  'review.answer': { request: ReviewAnswerRequestSchema, result: resultSchema(VerdictSchema) },
  'models.status': { request: NoArgsSchema, result: resultSchema(ModelsStatusSchema) },
  'models.install': { request: ModelsInstallRequestSchema, result: resultSchema(ModelsInstallReportSchema) },
  'voice.status': { request: VoiceStatusRequestSchema, result: resultSchema(VoiceStatusSchema) },
  'voice.transcribe': { request: TranscribeRequestSchema, result: resultSchema(TranscriptSchema) },
  'voice.speakSentences': { request: SpeakSentencesRequestSchema, result: resultSchema(SpeakSentencesSchema) },
  'voice.speakSentence': { request: SpeakSentenceRequestSchema, result: resultSchema(SpokenSentenceSchema) },
  'backup.export': { request: NoArgsSchema, result: resultSchema(BackupExportSchema) },
  'backup.import': { request: BackupImportRequestSchema, result: resultSchema(BackupImportSummarySchema) },
} as const satisfies Record<ApiCallName, { request: z.ZodType; result: z.ZodType }>;

export type ApiRequest<N extends ApiCallName> = z.infer<(typeof ApiCalls)[N]['request']>;
export type ApiResult<N extends ApiCallName> = z.infer<(typeof ApiCalls)[N]['result']>;

/** The calls as one function each, keyed by name: what the IPC handlers and the web server dispatch to. */
export type ApiHandlers = { [N in ApiCallName]: (request: ApiRequest<N>) => Promise<ApiResult<N>> };

/** Exactly what the preload exposes as `window.nimbus` (and what the web bridge implements over HTTP). */
export interface NimbusApi {
  ask(question: string): Promise<Result<AskResponse>>;
  info(): Promise<Result<EngineInfoDto>>;
  tutor(command: TutorCommand): Promise<Result<TutorEventDto[]>>;
  bookmarks: {
    list(): Promise<Result<BookmarkGroupDto[]>>;
    add(request: BookmarkAddRequest): Promise<Result<BookmarkDto>>;
    remove(id: string): Promise<Result<boolean>>;
  };
  learn: {
    add(topic: LearnAddRequest): Promise<Result<LearnedTopicDto>>;
    list(): Promise<Result<LearnedTopicDto[]>>;
    remove(id: string): Promise<Result<boolean>>;
  };
  catalog(): Promise<Result<CatalogDto>>;
  section(request: SectionRequest): Promise<Result<SectionViewDto>>;
  search(request: SearchRequest): Promise<Result<SearchHitDto[]>>;
  review: {
    due(request?: { limit?: number }): Promise<Result<ReviewDueDto>>;
    answer(request: ReviewAnswerRequest): Promise<Result<VerdictDto>>;
  };
  models: {
    status(): Promise<Result<ModelsStatusDto>>;
    install(request: ModelsInstallRequest): Promise<Result<ModelsInstallReportDto>>;
  };
  voice: {
    /** A speech model (the default unless `modelId`: installed or not, how to install it) and the text-to-speech engine. */
    status(request?: VoiceStatusRequest): Promise<Result<VoiceStatusDto>>;
    /** A recorded WAV → its transcript (with `modelId`, default the default model); 'speech-model-missing' (with the install hint) when it cannot. */
    transcribe(request: TranscribeRequest): Promise<Result<TranscriptDto>>;
    /** Markdown → the sentences to speak, so playback can start after the first one is synthesised. */
    speakSentences(request: SpeakSentencesRequest): Promise<Result<SpeakSentencesDto>>;
    /** One sentence (a `spoken` text from speakSentences) → one WAV. */
    speakSentence(request: SpeakSentenceRequest): Promise<Result<SpokenSentenceDto>>;
  };
  backup: {
    /** The learner's progress, review cards, bookmarks and topics as one JSON document to save. */
    export(): Promise<Result<BackupExportDto>>;
    /**
     * Replaces them with a backup's, all or nothing: a bad file is a failure ('malformed',
     * 'invalid', 'too-large' …) that changed nothing. The old data is kept in `undoFile`.
     */
    import(request: BackupImportRequest): Promise<Result<BackupImportSummaryDto>>;
  };
  /** Subscribes to progress of long work (engine loading, index builds, model installs); returns the unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
}
