/**
 * NimbusServices: the one facade over core that every front end uses — the Electron main process
 * (over IPC), the web bridge (over HTTP) and the CLI (openCoreSession). It assembles engine + user
 * data + tutor + learn + bookmarks once, and answers every call of the API contract with plain
 * DTOs and typed Result values: expected failures never escape as thrown errors.
 */
import type { KnowledgeEngine } from '../engine/KnowledgeEngine';
import type { EmbedderPreference } from '../engine/openEmbedder';
import type { InstallSource } from '../models/installer';
import { openUserData, type StoreReport, type UserData } from '../store/userData';
import { LearnService, currentContent } from '../learn/LearnService';
import { sectionsOf } from '../learn/topics';
import { BookmarkService } from '../bookmarks/BookmarkService';
import { TutorError, TutorService } from '../tutor/TutorService';
import type { TutorEvent } from '../tutor/types';
import { catalogOf, reviewDue, searchNotes, sectionViewOf } from './library';
import { installFromApp, installSourceFromEnv, modelsStatus } from './modelsPanel';
import { VoicePanel, type VoicePanelOptions } from './voicePanel';
import { exportForApp, importForApp } from './backupPanel';
import { failureOf, invalidMessage, messageOf, settle, toAskResponse, toInfoDto } from './results';
import {
  ApiCalls,
  ErrorCode,
  fail,
  ok,
  type ApiCallName,
  type ApiHandlers,
  type ApiRequest,
  type ApiResult,
  type AskResponse,
  type EngineInfoDto,
  type ProgressEvent,
  type Result,
  type TutorCommand,
} from '../../shared/api';

export interface ServicePaths {
  contentDir: string;
  dataDir: string;
  /** Writable: the settings page installs models here. */
  modelsRoot: string;
  tokenizerDir: string;
  /** The read-only models shipped with a packaged app, copied into modelsRoot on open. */
  shippedModelsRoot?: string;
}

export interface OpenServicesOptions extends ServicePaths {
  embedder?: EmbedderPreference;
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Stores that did not load cleanly (corrupt, unwritable …): reported, never fatal. */
  onStoreReport?: (report: StoreReport) => void;
  /** The tutor's and the review scheduler's time (tests move it forward). */
  clock?: () => Date;
}

/** Everything a learner-facing front end needs, over one data folder. */
export interface CoreSession {
  engine: KnowledgeEngine;
  data: UserData;
  tutor: TutorService;
  learn: LearnService;
  bookmarks: BookmarkService;
}

/** The one assembly: the learner's stores, the engine with their topics indexed, and the services. */
export async function openCoreSession(o: OpenServicesOptions): Promise<CoreSession> {
  if (o.shippedModelsRoot) {
    // Dynamic: seedModels reaches the static model's builder (onnxruntime), which must not load in
    // the processes that only pass calls on (the web server, Electron's main).
    const { seedModelsRoot } = await import('../models/seedModels');
    await seedModelsRoot(o.shippedModelsRoot, o.modelsRoot);
  }
  const data = await openUserData(o.dataDir);
  for (const r of data.reports) if (r.status !== 'ok' && r.status !== 'created') o.onStoreReport?.(r);
  // Dynamic import: the engine pulls in onnxruntime/hnswlib, which should not delay a window.
  const { KnowledgeEngine } = await import('../engine/KnowledgeEngine');
  const engine = await KnowledgeEngine.open({
    contentDir: o.contentDir,
    dataDir: o.dataDir,
    modelsRoot: o.modelsRoot,
    tokenizerDir: o.tokenizerDir,
    embedder: o.embedder,
    extraSections: sectionsOf(data.topics.read().items),
    onProgress: o.onProgress,
  });
  const learn = new LearnService(data.topics, engine);
  const bookmarks = new BookmarkService(data.bookmarks, () => currentContent(engine, learn));
  const tutor = new TutorService(
    engine,
    data,
    o.clock,
    (q, hints) => learn.offerForOutOfScope(q, hints)?.title ?? null,
  );
  return { engine, data, tutor, learn, bookmarks };
}

/** One tutor command (as the CLI's `tutor --jsonl` and the app send them) → the events it produced. */
export async function runTutorCommand(
  tutor: TutorService,
  c: TutorCommand,
  awaiting: () => string | null,
): Promise<TutorEvent[]> {
  switch (c.cmd) {
    case 'start':
      return tutor.start();
    case 'next':
      return tutor.next();
    case 'progress':
      return [{ type: 'progress', summary: tutor.progress() }];
    case 'ask':
      return tutor.ask(c.question);
    case 'goto':
      return tutor.goto({ phaseId: c.phaseId, lessonId: c.lessonId });
    case 'answer': {
      const id = c.questionId ?? awaiting();
      if (!id) throw new TutorError('no-question', 'No question is waiting for an answer; say "next".');
      return tutor.answer(id, c.answer);
    }
  }
}

/** Tracks the question being asked, so an answer may omit its id. */
export function awaitingTracker(): { see: (events: TutorEvent[]) => void; id: () => string | null } {
  let current: string | null = null;
  return {
    see(events) {
      for (const e of events) {
        if (e.type === 'question') current = e.question.id;
        if (e.type === 'verdict' && e.verdict.questionId === current) current = null;
      }
    },
    id: () => current,
  };
}

export type OpenSession = (opts: OpenServicesOptions) => Promise<CoreSession>;

export interface LazyServicesOptions extends ServicePaths {
  embedder?: EmbedderPreference;
  /** Where models.install fetches from; default: NIMBUS_MODELS_SOURCE (folder or hub URL), else the hub. */
  modelSource?: InstallSource;
  onProgress?: (event: ProgressEvent) => void;
  onStoreReport?: (report: StoreReport) => void;
  clock?: () => Date;
  /** Injected by tests; defaults to openCoreSession. */
  open?: OpenSession;
  /** Injected by tests: a fake recognizer, synthesizer or vocabulary. */
  voice?: Pick<VoicePanelOptions, 'loadRecognizer' | 'chooseEngine' | 'loadVocabulary'>;
}

export class NimbusServices {
  private opening: Promise<CoreSession> | null = null;
  private readonly awaiting = awaitingTracker();
  // Tutor, learn and bookmark calls change shared state: one at a time, in arrival order.
  private queue: Promise<unknown> = Promise.resolve();

  // Voice needs no engine session (only the model folder and the notes' vocabulary).
  private readonly voicePanel: VoicePanel;

  private constructor(private readonly opts: LazyServicesOptions) {
    this.voicePanel = new VoicePanel({
      ...opts.voice,
      modelsRoot: opts.modelsRoot,
      contentDir: opts.contentDir,
      tokenizerDir: opts.tokenizerDir,
      modelSource: opts.modelSource ?? installSourceFromEnv(),
    });
  }

  /** Re-opens the session (e.g. with a newly installed embedder); calls queue behind it. */
  async reload(): Promise<void> {
    this.opening = null;
    await this.session();
  }

  /** Opens everything now (the CLI, the web server). */
  static async open(opts: LazyServicesOptions): Promise<NimbusServices> {
    const s = new NimbusServices(opts);
    await s.session();
    return s;
  }

  /** Opens on first use (the app: the window should appear at once); a failed opening is retried. */
  static lazy(opts: LazyServicesOptions): NimbusServices {
    return new NimbusServices(opts);
  }

  /** The assembled session (opening it if needed); rejects when it cannot be opened. */
  session(): Promise<CoreSession> {
    if (!this.opening) {
      const { open = openCoreSession, onProgress, ...rest } = this.opts;
      const attempt = open({ ...rest, onProgress: (stage, done, total) => onProgress?.({ stage, done, total }) });
      attempt.catch(() => {
        if (this.opening === attempt) this.opening = null;
      });
      this.opening = attempt;
    }
    return this.opening;
  }

  private async withSession<T>(fn: (s: CoreSession) => Promise<T> | T, serial = true): Promise<Result<T>> {
    let s: CoreSession;
    try {
      s = await this.session();
    } catch (e) {
      return fail(ErrorCode.engineUnavailable, messageOf(e));
    }
    const run = async (): Promise<Result<T>> => {
      try {
        return ok(await fn(s));
      } catch (e) {
        return failureOf(e);
      }
    };
    if (!serial) return run();
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  info(): Promise<Result<EngineInfoDto>> {
    return this.withSession((s) => toInfoDto(s.engine.info()), false);
  }

  ask(question: string): Promise<Result<AskResponse>> {
    return this.withSession(async (s) => {
      const r = await s.engine.ask(question);
      // As in the tutor's channels: a question the notes lack can become a topic the learner adds.
      const offer = r.abstained ? s.learn.offerForOutOfScope(r.question, r.abstention)?.title : undefined;
      return { ...toAskResponse(r), ...(offer ? { offerTopic: offer } : {}) };
    }, false);
  }

  tutor(command: TutorCommand): Promise<Result<TutorEvent[]>> {
    return this.withSession(async (s) => {
      const events = await runTutorCommand(s.tutor, command, this.awaiting.id);
      this.awaiting.see(events);
      return events;
    });
  }

  readonly bookmarks = {
    list: () => this.withSession((s) => s.bookmarks.list()),
    add: (r: ApiRequest<'bookmarks.add'>) => this.withSession((s) => s.bookmarks.add(r.target, r.note ?? '')),
    remove: (id: string) => this.withSession((s) => s.bookmarks.remove(id)),
  };

  readonly learn = {
    add: (topic: ApiRequest<'learn.add'>) => this.withSession((s) => s.learn.add(topic)),
    list: () => this.withSession((s) => s.learn.list()),
    remove: (id: string) => this.withSession((s) => s.learn.remove(id)),
  };

  readonly review = {
    due: (r: ApiRequest<'review.due'>) =>
      this.withSession((s) => reviewDue(s.tutor.review, this.opts.clock?.() ?? new Date(), r?.limit)),
    answer: (r: ApiRequest<'review.answer'>) => this.withSession((s) => s.tutor.reviewAnswer(r.questionId, r.answer)),
  };

  readonly models = {
    status: () => this.withSession((s) => modelsStatus(this.opts.modelsRoot, s.engine.info().embedder.modelId), false),
    install: (r: ApiRequest<'models.install'>) =>
      this.withSession(async (s) => {
        const before = s.engine.info().embedder.modelId;
        const report = await installFromApp({
          modelsRoot: this.opts.modelsRoot,
          ids: r.ids,
          source: this.opts.modelSource ?? installSourceFromEnv(),
          onProgress: (done, total) => this.opts.onProgress?.({ stage: 'install', done, total }),
        });
        // A better embedder only helps once the engine re-opens with it (and re-indexes).
        const status = await modelsStatus(this.opts.modelsRoot, before);
        const better = status.models.some(
          (m) => m.role === 'embedder' && m.state === 'installed' && m.id !== before && r.ids.includes(m.id),
        );
        if (better && this.opts.embedder !== 'static') {
          this.opening = null;
          const next = await this.session();
          return { ...report, reloaded: next.engine.info().embedder.modelId !== before };
        }
        return { ...report, reloaded: false };
      }),
  };

  // Import replaces stores and re-indexes topics: serial, like every other call that changes data.
  readonly backup = {
    export: () => this.withSession((s) => exportForApp(s, this.opts.clock?.() ?? new Date())),
    import: (r: ApiRequest<'backup.import'>) => this.withSession((s) => importForApp(s, r.json, this.opts.clock)),
  };

  /** Every call of the contract by name. */
  handlers(): ApiHandlers {
    return {
      ask: (q) => this.ask(q),
      info: () => this.info(),
      tutor: (c) => this.tutor(c),
      'bookmarks.list': () => this.bookmarks.list(),
      'bookmarks.add': (r) => this.bookmarks.add(r),
      'bookmarks.remove': (id) => this.bookmarks.remove(id),
      'learn.add': (t) => this.learn.add(t),
      'learn.list': () => this.learn.list(),
      'learn.remove': (id) => this.learn.remove(id),
      catalog: () => this.withSession((s) => catalogOf(s.engine.curriculum), false),
      section: (r) => this.withSession((s) => sectionViewOf(s.engine, r), false),
      search: (r) => this.withSession((s) => searchNotes(s.engine, r.query, r.limit), false),
      'review.due': (r) => this.review.due(r),
      'review.answer': (r) => this.review.answer(r),
      'models.status': () => this.models.status(),
      'models.install': (r) => this.models.install(r),
      // Voice needs no session and is never queued behind the tutor.
      'voice.status': (r) => settle(() => this.voicePanel.status(r?.modelId)),
      'voice.transcribe': (r) => settle(() => this.voicePanel.transcribe(r.wavBase64, r.modelId)),
      'voice.speakSentences': (r) => settle(() => this.voicePanel.speakSentences(r.markdown)),
      'voice.speakSentence': (r) => settle(() => this.voicePanel.speakSentence(r)),
      'backup.export': () => this.backup.export(),
      'backup.import': (r) => this.backup.import(r),
    };
  }

  /**
   * An untrusted call (from IPC or HTTP): the payload is checked against the contract's schema
   * before anything runs, and the answer is always a Result.
   */
  async dispatch<N extends ApiCallName>(name: N, payload: unknown): Promise<ApiResult<N>> {
    const parsed = ApiCalls[name].request.safeParse(payload);
    if (!parsed.success)
      return fail(ErrorCode.invalidRequest, invalidMessage(name, parsed.error.issues[0]?.path[0])) as ApiResult<N>;
    const handler = this.handlers()[name] as (r: unknown) => Promise<ApiResult<N>>;
    return handler(parsed.data);
  }
}
