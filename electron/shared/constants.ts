/**
 * Dependency-free constants of the contract (api.ts re-exports them). The sandboxed preload and the
 * renderer import these directly, so they can bundle them without pulling in zod.
 */

/** IPC channel names. */
export const IpcChannel = {
  ask: 'nimbus:ask',
  info: 'nimbus:info',
  progress: 'nimbus:progress',
  tutor: 'nimbus:tutor',
  bookmarksList: 'nimbus:bookmarks.list',
  bookmarksAdd: 'nimbus:bookmarks.add',
  bookmarksRemove: 'nimbus:bookmarks.remove',
  learnAdd: 'nimbus:learn.add',
  learnList: 'nimbus:learn.list',
  learnRemove: 'nimbus:learn.remove',
  catalog: 'nimbus:catalog',
  section: 'nimbus:section',
  search: 'nimbus:search',
  reviewDue: 'nimbus:review.due',
  reviewAnswer: 'nimbus:review.answer',
  modelsStatus: 'nimbus:models.status',
  modelsInstall: 'nimbus:models.install',
  voiceStatus: 'nimbus:voice.status',
  voiceTranscribe: 'nimbus:voice.transcribe',
  voiceSpeakSentences: 'nimbus:voice.speakSentences',
  voiceSpeakSentence: 'nimbus:voice.speakSentence',
  backupExport: 'nimbus:backup.export',
  backupImport: 'nimbus:backup.import',
} as const;

/**
 * The request/response calls of the API (everything but the progress push), by the name the web
 * bridge posts to (`/api/<name>`), with their IPC channel.
 */
export const ApiCallChannel = {
  ask: IpcChannel.ask,
  info: IpcChannel.info,
  tutor: IpcChannel.tutor,
  'bookmarks.list': IpcChannel.bookmarksList,
  'bookmarks.add': IpcChannel.bookmarksAdd,
  'bookmarks.remove': IpcChannel.bookmarksRemove,
  'learn.add': IpcChannel.learnAdd,
  'learn.list': IpcChannel.learnList,
  'learn.remove': IpcChannel.learnRemove,
  catalog: IpcChannel.catalog,
  section: IpcChannel.section,
  search: IpcChannel.search,
  'review.due': IpcChannel.reviewDue,
  'review.answer': IpcChannel.reviewAnswer,
  'models.status': IpcChannel.modelsStatus,
  'models.install': IpcChannel.modelsInstall,
  'voice.status': IpcChannel.voiceStatus,
  'voice.transcribe': IpcChannel.voiceTranscribe,
  'voice.speakSentences': IpcChannel.voiceSpeakSentences,
  'voice.speakSentence': IpcChannel.voiceSpeakSentence,
  'backup.export': IpcChannel.backupExport,
  'backup.import': IpcChannel.backupImport,
} as const;
export type ApiCallName = keyof typeof ApiCallChannel;
export const API_CALL_NAMES = Object.keys(ApiCallChannel) as ApiCallName[];

/**
 * Largest backup file accepted on import, in bytes (core's BACKUP_LIMITS.fileBytes is this value;
 * the contract, the web server's body limit and the settings page use it too).
 */
export const MAX_BACKUP_BYTES = 32 * 1024 * 1024;

/** Header carrying the web server's per-run token. */
export const TOKEN_HEADER = 'x-nimbus-token';

export type IpcChannelName = (typeof IpcChannel)[keyof typeof IpcChannel];

// The engine's own question limit (a module with no imports), so the composer and engine agree.
export { MAX_QUESTION_CHARS } from '../core/engine/validateQuestion';
