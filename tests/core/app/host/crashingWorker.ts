/**
 * Test worker: the real services protocol, plus three ways to die mid-call (as a native crash or a
 * bug would): `ask(CRASH_EXIT)` exits, `ask(CRASH_THROW)` throws an uncaught error, `ask(CRASH_KILL)`
 * is killed by a signal.
 */
import { parentWorkerPort, serveServices } from '../../../../electron/core/app/host/workerMain';
import { CRASH_EXIT, CRASH_KILL, CRASH_THROW } from './crashPayloads';

const port = parentWorkerPort();
if (!port) throw new Error('child process only');
serveServices({
  post: (m) => port.post(m),
  onMessage: (listener) =>
    port.onMessage((m) => {
      if (m.type === 'call' && m.payload === CRASH_EXIT) process.exit(7);
      if (m.type === 'call' && m.payload === CRASH_THROW) throw new Error('boom in the worker');
      if (m.type === 'call' && m.payload === CRASH_KILL) process.kill(process.pid, 'SIGKILL');
      listener(m);
    }),
});
