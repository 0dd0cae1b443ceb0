/**
 * ServicesHost: where NimbusServices runs, seen from a front end (the Electron main process, the
 * web server). Either in this thread (tests, CLI) or in a worker thread, so that embedding and
 * index builds never block the thread that serves the window or the HTTP requests.
 *
 * Everything goes through `dispatch(name, payload)` with the contract's call names: a call added to
 * the contract (API_CALL_NAMES / ApiCalls) works through every host without touching this folder.
 */
import type { ApiCallName, ApiResult, ProgressEvent, Result } from '../../../shared/api';
import type { EmbedderPreference } from '../../engine/openEmbedder';
import type { StoreReport } from '../../store/userData';
import type { ServicePaths } from '../services';

export type ProgressListener = (event: ProgressEvent) => void;

export interface ServicesHost {
  /** An untrusted call: validated against the contract, always answered with a Result. */
  dispatch<N extends ApiCallName>(name: N, payload: unknown): Promise<ApiResult<N>>;
  /** Opens the engine now rather than on the first call (the web server, after it listens). */
  open(): Promise<Result<null>>;
  /** Progress while the engine opens (and later long work); returns the unsubscribe function. */
  onProgress(listener: ProgressListener): () => void;
  /** Stops the services (and their thread); pending calls are answered, never left hanging. */
  close(): Promise<void>;
}

/** The last progress event of a successful opening, so a progress bar knows it can go away. */
export const READY_EVENT: ProgressEvent = Object.freeze({ stage: 'ready', done: 1, total: 1 });

/** What every host is opened with: plain data, so it can be handed to a worker as is. */
export interface HostServicesOptions extends ServicePaths {
  embedder?: EmbedderPreference;
  /** Stores that did not load cleanly: reported, never fatal. */
  onStoreReport?: (report: StoreReport) => void;
}

/** Fan-out of progress events to the current listeners (a throwing listener never stops the rest). */
export class ProgressHub {
  private readonly listeners = new Set<ProgressListener>();

  on(listener: ProgressListener): () => void {
    // Wrapped so the same function subscribed twice gets two independent subscriptions.
    const entry: ProgressListener = (e) => listener(e);
    this.listeners.add(entry);
    return () => void this.listeners.delete(entry);
  }

  emit(event: ProgressEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch {
        // A listener's failure is its own business (e.g. a destroyed window).
      }
    }
  }
}
