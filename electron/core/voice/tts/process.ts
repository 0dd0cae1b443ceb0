// Runs a TTS program without a shell: argv only, text on stdin, a time limit, cancellation, and a
// cap on output size. The spawner is injectable so the macOS and Windows code paths can be
// exercised here with a fake one.

import { spawn, type SpawnOptions } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { SynthesisError } from './types';

/** The part of a ChildProcess the runner uses. */
export interface ChildLike {
  stdout: Readable | null;
  stderr: Readable | null;
  stdin: Writable | null;
  on(event: 'close', cb: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  on(event: 'error', cb: (err: NodeJS.ErrnoException) => void): unknown;
  kill(signal?: NodeJS.Signals): boolean;
}

export type Spawner = (command: string, args: readonly string[], opts: SpawnOptions) => ChildLike;

export const nodeSpawner: Spawner = (command, args, opts) => spawn(command, [...args], { ...opts, shell: false });

export interface RunOptions {
  input?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  maxOutputBytes?: number;
}

export interface RunResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

export function runProcess(
  spawner: Spawner,
  engine: string,
  command: string,
  args: readonly string[],
  opts: RunOptions = {},
): Promise<RunResult> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxOut = opts.maxOutputBytes ?? 256 * 1024 * 1024;
  return new Promise<RunResult>((resolve, reject) => {
    if (opts.signal?.aborted) return reject(opts.signal.reason ?? new Error('aborted'));
    let child: ChildLike;
    try {
      child = spawner(command, args, {
        env: opts.env ?? process.env,
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (err) {
      return reject(new SynthesisError(`cannot start ${command}: ${(err as Error).message}`, engine));
    }
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let settled = false;
    const finish = (e: Error | null, r?: RunResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (e) reject(e);
      else if (r) resolve(r);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(new SynthesisError(`${command} did not finish within ${timeoutMs} ms`, engine));
    }, timeoutMs);
    const onAbort = (): void => {
      child.kill('SIGKILL');
      finish(opts.signal?.reason instanceof Error ? opts.signal.reason : new Error('aborted'));
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => {
      const why =
        e.code === 'ENOENT'
          ? `${command} is not installed (not found on PATH)`
          : `${command} failed to start: ${e.message}`;
      finish(new SynthesisError(why, engine));
    });
    child.stdout?.on('data', (d: Buffer) => {
      outBytes += d.length;
      if (outBytes > maxOut) {
        child.kill('SIGKILL');
        finish(new SynthesisError(`${command} produced more than ${maxOut} bytes`, engine));
      } else out.push(d);
    });
    child.stderr?.on('data', (d: Buffer) => {
      if (err.length < 4000) err += d.toString('utf8');
    });
    child.on('close', (code) => finish(null, { code, stdout: Buffer.concat(out), stderr: err.trim() }));
    // a program that exits without reading stdin makes the write fail with EPIPE: not our error
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(opts.input ?? '');
  });
}
