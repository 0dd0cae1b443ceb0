/**
 * Why a worker ended, in words: the exit code or signal, plus the error line it printed last (its
 * stderr is forwarded to ours and its tail kept for this).
 */
const TAIL_BYTES = 8192;

/** Forwards a child's stderr to this process's stderr and keeps its last few KB. */
export function keepStderrTail(stream: NodeJS.ReadableStream | null | undefined): () => string {
  let tail = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string | Buffer) => {
    const text = String(chunk);
    process.stderr.write(text);
    tail = (tail + text).slice(-TAIL_BYTES);
  });
  return () => tail;
}

/** "exit code 1: Error: boom", "killed by SIGKILL" … */
export function exitReason(code: number | null, signal: string | null, stderr = ''): string {
  const how = signal ? `killed by ${signal}` : `exit code ${code ?? 'unknown'}`;
  const error = stderr
    .split('\n')
    .map((l) => l.trim())
    .findLast((l) => /^(\w+)?Error\b.*:/.test(l) || /^FATAL ERROR\b/.test(l));
  return error ? `${how}: ${error}` : how;
}
