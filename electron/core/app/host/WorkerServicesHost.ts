/**
 * NimbusServices in their own worker process. The calling process (Electron main, the web server)
 * only passes messages, so embedding and index builds never freeze the window or stall HTTP, and
 * a crash in native code (onnxruntime, hnswlib) takes down the worker, not the app.
 *
 * The worker starts on the first request. If it dies (a native crash, an uncaught error, an exit),
 * every call it had not answered gets an `engine-unavailable` Result and the next call starts a new
 * worker (which opens the engine again, from the saved index).
 */
import { API_CALL_NAMES, ErrorCode, fail, type ApiCallName, type ApiResult, type Result } from '../../../shared/api';
import { forkSpawner } from './forkSpawner';
import type { FromWorker, SpawnWorker, ToWorker, WorkerChannel } from './protocol';
import { ProgressHub, type HostServicesOptions, type ProgressListener, type ServicesHost } from './types';

export interface WorkerHostOptions extends HostServicesOptions {
  /**
   * Starts a worker. Defaults to forking this folder's servicesWorker.ts with tsx (from source);
   * the Electron app passes a utilityProcess spawner for its built out/main/servicesWorker.js.
   */
  spawn?: SpawnWorker;
  /** How long close() lets running calls finish before it kills the worker (default 5 s). */
  closeTimeoutMs?: number;
}

type Request = { type: 'call'; name: string; payload: unknown } | { type: 'open' };
interface Pending {
  worker: WorkerChannel;
  resolve: (result: Result<unknown>) => void;
}

const SHUT_DOWN = 'The tutor has been shut down.';

export class WorkerServicesHost implements ServicesHost {
  private worker: WorkerChannel | null = null;
  private exited: Promise<void> = Promise.resolve();
  private readonly pending = new Map<number, Pending>();
  private readonly progress = new ProgressHub();
  private readonly spawn: SpawnWorker;
  private nextId = 1;
  private closed = false;
  private started = 0;

  constructor(private readonly opts: WorkerHostOptions) {
    this.spawn = opts.spawn ?? forkSpawner();
  }

  /** How many workers have been started (a restart after a crash counts). */
  get starts(): number {
    return this.started;
  }

  /** The running worker's process id, or null when none runs. */
  get pid(): number | null {
    return this.worker?.pid ?? null;
  }

  dispatch<N extends ApiCallName>(name: N, payload: unknown): Promise<ApiResult<N>> {
    // Unknown names never reach (or start) the worker; known ones are validated there.
    if (!(API_CALL_NAMES as string[]).includes(name))
      return Promise.resolve(fail(ErrorCode.invalidRequest, `There is no call "${String(name)}".`) as ApiResult<N>);
    return this.request({ type: 'call', name, payload }) as Promise<ApiResult<N>>;
  }

  open(): Promise<Result<null>> {
    return this.request({ type: 'open' }) as Promise<Result<null>>;
  }

  onProgress(listener: ProgressListener): () => void {
    return this.progress.on(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    if (w) {
      w.setRef(true);
      const timer = setTimeout(() => w.kill(), this.opts.closeTimeoutMs ?? 5000);
      try {
        w.send({ type: 'close' });
      } catch {
        w.kill();
      }
      await this.exited;
      clearTimeout(timer);
    }
    await this.exited;
  }

  private request(r: Request): Promise<Result<unknown>> {
    if (this.closed) return Promise.resolve(fail(ErrorCode.engineUnavailable, SHUT_DOWN));
    let worker: WorkerChannel;
    try {
      worker = this.worker ?? this.start();
    } catch (e) {
      return Promise.resolve(fail(ErrorCode.engineUnavailable, `The tutor's engine cannot start: ${String(e)}`));
    }
    const id = this.nextId++;
    return new Promise<Result<unknown>>((resolve) => {
      this.pending.set(id, { worker, resolve });
      worker.setRef(true);
      try {
        worker.send({ ...r, id } satisfies ToWorker);
      } catch {
        // Not structured-clonable (a function, a symbol …): never valid contract data anyway.
        // (A worker that is already gone answers through its exit instead.)
        if (this.worker === worker) this.settle(id, fail(ErrorCode.invalidRequest, 'The request is not plain data.'));
      }
    });
  }

  private start(): WorkerChannel {
    const { spawn: _spawn, closeTimeoutMs: _timeout, onStoreReport: _report, ...options } = this.opts;
    let markExited: () => void = () => {};
    this.exited = new Promise<void>((r) => (markExited = r));
    const w: WorkerChannel = this.spawn({
      message: (m) => this.onMessage(m),
      exit: (why) => {
        this.onExit(w, why);
        markExited();
      },
    });
    this.started++;
    try {
      w.send({ type: 'init', options });
    } catch (e) {
      w.kill();
      throw e;
    }
    this.worker = w;
    // Idle workers must not keep a CLI or test process alive; pending calls ref it again.
    w.setRef(false);
    return w;
  }

  private onMessage(m: FromWorker): void {
    if (m.type === 'result') this.settle(m.id, m.result);
    else if (m.type === 'progress') this.progress.emit(m.event);
    else if (m.type === 'store-report') this.opts.onStoreReport?.(m.report);
  }

  private settle(id: number, result: Result<unknown>): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    p.resolve(result);
    if (p.worker === this.worker && ![...this.pending.values()].some((q) => q.worker === p.worker))
      p.worker.setRef(false);
  }

  private onExit(w: WorkerChannel, why: string): void {
    if (this.worker === w) this.worker = null;
    const message = this.closed
      ? SHUT_DOWN
      : `The tutor's engine stopped unexpectedly (${why}); it restarts on the next request.`;
    for (const [id, p] of this.pending) if (p.worker === w) this.settle(id, fail(ErrorCode.engineUnavailable, message));
  }
}
