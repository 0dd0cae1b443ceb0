/**
 * Messages between WorkerServicesHost (the calling process) and servicesWorker (the engine's own
 * process). Plain structured-clone data only. Requests carry an id; the worker answers each id
 * exactly once. `init` is always the first message a worker gets.
 */
import type { ProgressEvent, Result } from '../../../shared/api';
import type { StoreReport } from '../../store/userData';
import type { HostServicesOptions } from './types';

/** The options the worker opens its services with (callbacks stay in the calling process). */
export type WorkerServicesOptions = Omit<HostServicesOptions, 'onStoreReport'>;

export type ToWorker =
  | { type: 'init'; options: WorkerServicesOptions }
  | { type: 'call'; id: number; name: string; payload: unknown }
  | { type: 'open'; id: number }
  /** Finish what is running, then exit. */
  | { type: 'close' };

export type FromWorker =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'progress'; event: ProgressEvent }
  | { type: 'store-report'; report: StoreReport };

/** The worker's end of the channel, whatever carries it (Node IPC, Electron's parentPort). */
export interface WorkerPort {
  post(message: FromWorker): void;
  onMessage(listener: (message: ToWorker) => void): void;
}

/** What the calling process hears from a worker it spawned. */
export interface WorkerEvents {
  message(message: FromWorker): void;
  /** Exactly once, however the worker ended (exit, signal, failed spawn); `why` is for people. */
  exit(why: string): void;
}

/** The calling process's handle on one running worker. */
export interface WorkerChannel {
  /** Throws (synchronously) when the message is not structured-clonable. */
  send(message: ToWorker): void;
  /** Ends the worker at once. */
  kill(): void;
  /** Whether the worker may keep this process alive (only while calls are pending). */
  setRef(on: boolean): void;
  readonly pid: number | undefined;
}

/** Starts one worker: Node's child_process.fork (tests, web, CLI) or Electron's utilityProcess. */
export type SpawnWorker = (events: WorkerEvents) => WorkerChannel;
