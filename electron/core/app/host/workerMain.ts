/**
 * The worker side: NimbusServices behind a message channel. Separate from the entry file so test
 * workers (e.g. one that crashes on purpose) can serve the very same protocol.
 */
import { API_CALL_NAMES, ErrorCode, fail, ok, type ApiCallName, type Result } from '../../../shared/api';
import type { NimbusServices, OpenSession } from '../services';
import { hostedServices } from './hostedServices';
import type { FromWorker, ToWorker, WorkerPort } from './protocol';

interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

/** This process's channel to its parent: Electron's utility-process parentPort, or Node's IPC. */
export function parentWorkerPort(): WorkerPort | null {
  const electronPort = (process as NodeJS.Process & { parentPort?: ParentPortLike }).parentPort;
  if (electronPort)
    return {
      post: (m) => electronPort.postMessage(m),
      onMessage: (l) => void electronPort.on('message', (e) => l(e.data as ToWorker)),
    };
  const send = process.send?.bind(process);
  if (!send) return null;
  // The parent is gone (crashed or killed without closing us): nobody is left to answer.
  process.on('disconnect', () => process.exit(0));
  // Ctrl+C reaches the whole process group: the parent closes us in order (writes finish first).
  process.on('SIGINT', () => {});
  return {
    post: (m) => void send(m),
    onMessage: (l) => void process.on('message', (m) => l(m as ToWorker)),
  };
}

export function serveServices(port: WorkerPort, open?: OpenSession): void {
  const post = (m: FromWorker): void => port.post(m);
  let services: NimbusServices | null = null;
  const running = new Set<Promise<void>>();

  const answer = (id: number, work: (s: NimbusServices) => Promise<Result<unknown>>): void => {
    const job = (services ? work(services) : Promise.resolve(fail(ErrorCode.internal, 'Worker not initialised.')))
      .catch((e: unknown) => fail(ErrorCode.internal, e instanceof Error ? e.message : String(e)))
      .then((result) => {
        try {
          post({ type: 'result', id, result });
        } catch (e) {
          // A result that cannot be cloned is a bug in core, not a reason to leave the call hanging.
          post({ type: 'result', id, result: fail(ErrorCode.internal, `Unsendable result: ${String(e)}`) });
        }
      });
    running.add(job);
    void job.finally(() => running.delete(job));
  };

  port.onMessage((m) => {
    switch (m.type) {
      case 'init':
        services ??= hostedServices(
          { ...m.options, open, onStoreReport: (report) => post({ type: 'store-report', report }) },
          (event) => post({ type: 'progress', event }),
        );
        return;
      case 'call':
        return answer(m.id, async (s) =>
          (API_CALL_NAMES as string[]).includes(m.name)
            ? s.dispatch(m.name as ApiCallName, m.payload)
            : fail(ErrorCode.invalidRequest, `There is no call "${m.name}".`),
        );
      case 'open':
        return answer(m.id, async (s) => {
          try {
            await s.session();
            return ok(null);
          } catch (e) {
            return fail(ErrorCode.engineUnavailable, e instanceof Error ? e.message : String(e));
          }
        });
      case 'close':
        // Let running calls finish (and their writes land), then end this process.
        void Promise.allSettled([...running]).then(() => process.exit(0));
        return;
    }
  });
}
