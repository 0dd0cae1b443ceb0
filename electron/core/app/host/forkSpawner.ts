/**
 * Starts the services worker as a Node child process (child_process.fork, structured-clone IPC):
 * the web server, the CLI and the tests. Electron uses utilityProcess instead (electron/main).
 *
 * Why a process and not a worker thread: onnxruntime-node 1.14 (transformers.js 2.17) registers
 * its binding only from a static constructor. After the first worker thread that loaded it exits, no
 * other thread can load it ("Module did not self-register"); keeping it loaded elsewhere lets a new
 * thread load it, but that thread's exit then corrupts the heap and kills the whole process. A native
 * crash in a thread also takes the process with it. A child process can die and be replaced.
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { exitReason, keepStderrTail } from './exitReason';
import type { FromWorker, SpawnWorker } from './protocol';

/** Plain identifier on purpose: bundlers rewrite `new URL('<literal>', import.meta.url)` into assets. */
const SOURCE_ENTRY = 'servicesWorker.ts';

/** The worker entry from source (this folder's servicesWorker.ts); only when running from source. */
export function sourceWorkerEntry(): URL {
  if (!import.meta.url.endsWith('.ts'))
    throw new Error('Outside the sources, name the built worker entry (out/main/servicesWorker.js).');
  return new URL(SOURCE_ENTRY, import.meta.url);
}

/** How to run an entry: TypeScript through tsx's loader (dev, tests), JavaScript as is. */
export function forkLaunch(entry: string | URL): { modulePath: string; execArgv: string[] } {
  const modulePath = entry instanceof URL ? fileURLToPath(entry) : entry;
  if (!/\.[cm]?ts$/.test(modulePath)) return { modulePath, execArgv: [] };
  // An absolute URL, so it resolves whatever the working directory.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { modulePath, execArgv: ['--import', tsx] };
}

export function forkSpawner(entry: string | URL = sourceWorkerEntry()): SpawnWorker {
  const { modulePath, execArgv } = forkLaunch(entry);
  return (events) => {
    // Not the parent's execArgv (vitest's or tsx's flags): only what this entry needs.
    const child = fork(modulePath, [], {
      execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    const stderr = keepStderrTail(child.stderr);
    let ended = false;
    const end = (why: string): void => {
      if (ended) return;
      ended = true;
      events.exit(why);
    };
    child.on('message', (m) => events.message(m as FromWorker));
    // 'close' (not 'exit'): stderr has been read to the end, so the reason can quote it.
    child.on('close', (code, signal) => end(exitReason(code, signal, stderr())));
    child.on('error', (e) => {
      // A failed spawn never emits 'close'; other errors (a failed kill) are followed by it.
      if (child.pid === undefined) end(e.message);
    });
    return {
      pid: child.pid,
      send: (m) => {
        if (!child.connected) throw new Error('The worker is gone.');
        child.send(m);
      },
      kill: () => void child.kill('SIGKILL'),
      setRef: (on) => {
        // The process, its IPC channel and the stderr pipe each keep the event loop alive.
        const handles = [child, child.channel, child.stderr as unknown as { ref(): void; unref(): void } | null];
        for (const h of handles) {
          if (!h) continue;
          if (on) h.ref();
          else h.unref();
        }
      },
    };
  };
}
