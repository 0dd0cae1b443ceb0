/**
 * The engine's own process in the app: Electron's utilityProcess running the built
 * out/main/servicesWorker.js (an extra input of the main build, see electron.vite.config.ts).
 * A utility process, not child_process.fork: the packaged app turns the RunAsNode fuse off, and
 * fork needs it. Messages are structured clones, as with the Node fork the web server uses.
 */
import { utilityProcess } from 'electron';
import { join } from 'node:path';
import { exitReason, keepStderrTail } from '../core/app/host/exitReason';
import type { FromWorker, SpawnWorker } from '../core/app/host/protocol';
import { SERVICES_WORKER_FILE } from './servicesWorkerFile';

export function servicesWorkerPath(mainDir: string): string {
  return join(mainDir, SERVICES_WORKER_FILE);
}

export function utilityProcessSpawner(modulePath: string): SpawnWorker {
  return (events) => {
    const child = utilityProcess.fork(modulePath, [], {
      serviceName: 'Nimbus Tutor engine',
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    const stderr = keepStderrTail(child.stderr);
    let fatal: string | null = null;
    child.on('message', (m: unknown) => events.message(m as FromWorker));
    child.on('error', (type, location) => (fatal = `${type} at ${location}`));
    child.on('exit', (code) => events.exit(fatal ?? exitReason(code, null, stderr())));
    return {
      get pid() {
        return child.pid;
      },
      send: (m) => child.postMessage(m),
      kill: () => void child.kill(),
      // The app runs until its window closes; a utility process never holds it open by itself.
      setRef: () => {},
    };
  };
}
