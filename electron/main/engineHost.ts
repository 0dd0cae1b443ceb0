/**
 * Owns the one KnowledgeEngine of the app: opens it lazily on first use (loading models and the
 * index takes a while, and the window should appear at once), shares that single opening between
 * concurrent callers, and turns engine results and failures into the contract's plain DTOs and
 * Result values. No Electron imports: the main process passes the paths in.
 */
import type { KnowledgeEngine, AskResult, EngineInfo } from '../core/engine/KnowledgeEngine';
import { QuestionError } from '../core/engine/validateQuestion';
import {
  ErrorCode,
  fail,
  ok,
  type AskResponse,
  type EngineInfoDto,
  type ProgressEvent,
  type Result,
} from '../shared/api';

export interface EnginePaths {
  contentDir: string;
  dataDir: string;
  modelsRoot: string;
  tokenizerDir: string;
}

export type OpenEngine = (
  opts: EnginePaths & { onProgress: (stage: string, done: number, total: number) => void },
) => Promise<Pick<KnowledgeEngine, 'ask' | 'info'>>;

export interface EngineHostOptions {
  paths: EnginePaths;
  onProgress?: (event: ProgressEvent) => void;
  /** Injected by tests; defaults to KnowledgeEngine.open, imported only when first needed. */
  open?: OpenEngine;
}

export interface EngineHost {
  ask(question: string): Promise<Result<AskResponse>>;
  info(): Promise<Result<EngineInfoDto>>;
}

const defaultOpen: OpenEngine = async (opts) => {
  // Dynamic import: the engine pulls in onnxruntime/hnswlib, which should not delay the window.
  const { KnowledgeEngine } = await import('../core/engine/KnowledgeEngine');
  return KnowledgeEngine.open(opts);
};

export function createEngineHost({ paths, onProgress, open = defaultOpen }: EngineHostOptions): EngineHost {
  let opening: ReturnType<OpenEngine> | null = null;

  const engine = (): ReturnType<OpenEngine> => {
    if (!opening) {
      const attempt = open({ ...paths, onProgress: (stage, done, total) => onProgress?.({ stage, done, total }) });
      // A failed opening is forgotten so the next call retries (e.g. after models are installed).
      attempt.catch(() => {
        if (opening === attempt) opening = null;
      });
      opening = attempt;
    }
    return opening;
  };

  return {
    async ask(question) {
      const opened = await engine().then(ok, (e: unknown) => fail(ErrorCode.engineUnavailable, messageOf(e)));
      if (!opened.ok) return opened;
      try {
        return ok(toAskResponse(await opened.value.ask(question)));
      } catch (e) {
        return askFailure(e);
      }
    },
    async info() {
      try {
        return ok(toInfoDto((await engine()).info()));
      } catch (e) {
        return fail(ErrorCode.engineUnavailable, messageOf(e));
      }
    },
  };
}

/** Only plain fields cross IPC: hits, vectors and abstention internals stay in main. */
export function toAskResponse(r: AskResult): AskResponse {
  return {
    abstained: r.abstained,
    answer: r.answer,
    citations: r.citations.map((c) => ({
      marker: c.marker,
      chunkId: c.chunkId,
      headingPath: [...c.headingPath],
      text: c.text,
    })),
    ms: Math.max(0, r.ms),
  };
}

export function toInfoDto(i: EngineInfo): EngineInfoDto {
  return {
    embedder: { ...i.embedder },
    chunks: i.chunks,
    sections: i.sections,
    index: { origin: i.index.origin, ms: Math.max(0, i.index.ms) },
  };
}

function askFailure(e: unknown): Result<never> {
  if (e instanceof QuestionError) {
    const code =
      e.code === 'too-long'
        ? ErrorCode.questionTooLong
        : e.code === 'empty'
          ? ErrorCode.emptyQuestion
          : ErrorCode.invalidRequest;
    return fail(code, e.message);
  }
  return fail(ErrorCode.internal, messageOf(e));
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
