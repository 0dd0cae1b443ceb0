/**
 * How the services' results cross the contract: plain DTOs (hits, vectors and abstention internals
 * stay in core) and typed failures (an expected error keeps its code; anything else is 'internal').
 */
import type { AskResult, EngineInfo } from '../engine/KnowledgeEngine';
import { QuestionError } from '../engine/validateQuestion';
import { LearnError } from '../learn/types';
import { BookmarkError } from '../bookmarks/types';
import { TutorError } from '../tutor/TutorService';
import { StoreWriteError } from '../store/errors';
import { BackupError } from '../backup/types';
import { LibraryError } from './library';
import { VoiceError } from './voicePanel';
import {
  ErrorCode,
  MAX_BACKUP_BYTES,
  MAX_VOICE_SECONDS,
  SPEECH_MODEL_IDS,
  fail,
  ok,
  type ApiCallName,
  type AskResponse,
  type EngineInfoDto,
  type Result,
} from '../../shared/api';

/** `field`: the first field the contract refused (names the speech model rather than the WAV). */
export function invalidMessage(name: ApiCallName, field?: PropertyKey): string {
  if (name === 'ask') return 'The question must be text.';
  if ((name === 'voice.status' || name === 'voice.transcribe') && field === 'modelId')
    return `The speech model must be one of ${SPEECH_MODEL_IDS.join(', ')}.`;
  if (name === 'voice.status') return 'voice.status() takes nothing, or {modelId} of a speech model.';
  if (name === 'voice.transcribe')
    return `A voice message must be base64 WAV or WebM/Opus audio of at most ${MAX_VOICE_SECONDS} s.`;
  if (name === 'backup.import')
    return `A backup must be the text of a Nimbus backup file of at most ${MAX_BACKUP_BYTES / (1024 * 1024)} MB.`;
  if (['info', 'bookmarks.list', 'learn.list', 'catalog', 'models.status', 'backup.export'].includes(name))
    return `${name}() takes no arguments.`;
  return `The request for ${name} does not match the contract.`;
}

/** Only plain fields cross the bridge: hits, vectors and abstention internals stay in core. */
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
    search: i.search,
    chunks: i.chunks,
    sections: i.sections,
    index: {
      origin: i.index.origin,
      ms: Math.max(0, i.index.ms),
      rebuildReason: i.index.rebuildReason,
      persisted: i.index.persisted,
      saveError: i.index.saveError,
    },
    notice: i.notice,
  };
}

/** Expected failures keep their own code; anything else is 'internal'. */
export function failureOf(e: unknown): Result<never> {
  if (e instanceof QuestionError) {
    const code =
      e.code === 'too-long'
        ? ErrorCode.questionTooLong
        : e.code === 'empty'
          ? ErrorCode.emptyQuestion
          : ErrorCode.invalidRequest;
    return fail(code, e.message);
  }
  if (
    e instanceof TutorError ||
    e instanceof LearnError ||
    e instanceof BookmarkError ||
    e instanceof LibraryError ||
    e instanceof VoiceError ||
    e instanceof StoreWriteError ||
    e instanceof BackupError
  )
    return fail(e.code, e.message);
  return fail(ErrorCode.internal, messageOf(e));
}

/** A call that needs no session: its value, or its failure as a Result. */
export async function settle<T>(fn: () => Promise<T> | T): Promise<Result<T>> {
  try {
    return ok(await fn());
  } catch (e) {
    return failureOf(e);
  }
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
