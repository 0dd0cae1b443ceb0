/**
 * Zod-free helper (the sandboxed preload and the renderer bundle it): the NimbusApi over any
 * transport that can carry one named call and its one argument.
 */
import type { ApiCallName, ApiRequest, ApiResult, NimbusApi } from './api';

export type ApiTransport = <N extends ApiCallName>(name: N, request: ApiRequest<N>) => Promise<ApiResult<N>>;

/** Builds a NimbusApi from one transport function (IPC invoke in the preload, HTTP POST on the web). */
export function apiOver(call: ApiTransport, onProgress: NimbusApi['onProgress']): NimbusApi {
  return {
    ask: (question) => call('ask', question),
    info: () => call('info', undefined),
    tutor: (command) => call('tutor', command),
    bookmarks: {
      list: () => call('bookmarks.list', undefined),
      add: (request) => call('bookmarks.add', request),
      remove: (id) => call('bookmarks.remove', id),
    },
    learn: {
      add: (topic) => call('learn.add', topic),
      list: () => call('learn.list', undefined),
      remove: (id) => call('learn.remove', id),
    },
    catalog: () => call('catalog', undefined),
    section: (request) => call('section', request),
    search: (request) => call('search', request),
    review: {
      due: (request) => call('review.due', request),
      answer: (request) => call('review.answer', request),
    },
    models: {
      status: () => call('models.status', undefined),
      install: (request) => call('models.install', request),
    },
    voice: {
      status: (request) => call('voice.status', request),
      transcribe: (request) => call('voice.transcribe', request),
      speakSentences: (request) => call('voice.speakSentences', request),
      speakSentence: (request) => call('voice.speakSentence', request),
    },
    backup: {
      export: () => call('backup.export', undefined),
      import: (request) => call('backup.import', request),
    },
    onProgress,
  };
}
