// File-system failures in words a learner can act on. Shared by the stores, the engine's index and
// the backup import, so "the disk is full" reads the same wherever it happens.

export type WriteFailureKind = 'disk-full' | 'read-only' | 'write-failed';

const REASONS: Record<string, { kind: WriteFailureKind; text: string }> = {
  ENOSPC: { kind: 'disk-full', text: 'the disk is full' },
  EDQUOT: { kind: 'disk-full', text: 'the disk quota is used up' },
  EROFS: { kind: 'read-only', text: 'the file system is read-only' },
  EACCES: { kind: 'read-only', text: 'permission denied' },
  EPERM: { kind: 'read-only', text: 'permission denied' },
  ENOTDIR: { kind: 'read-only', text: 'a file is in the way of the folder' },
  EEXIST: { kind: 'read-only', text: 'a file is in the way of the folder' },
  EISDIR: { kind: 'read-only', text: 'a folder is in the way of the file' },
};

export function errnoCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null || !('code' in e)) return undefined;
  const code = (e as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** What kind of failure a write error is, and a short reason ("the disk is full (ENOSPC)"). */
export function describeWriteFailure(e: unknown): { kind: WriteFailureKind; reason: string } {
  const code = errnoCode(e);
  const known = code ? REASONS[code] : undefined;
  if (known) return { kind: known.kind, reason: `${known.text} (${code})` };
  const message = e instanceof Error ? e.message : String(e);
  return { kind: 'write-failed', reason: code && !message.includes(code) ? `${message} (${code})` : message };
}
