import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { diskError } from './errors';

/**
 * What a file's bytes must hash to. Pinned manifest files and the hub's LFS files have a sha256;
 * the hub lists its small (non-LFS) files only by their git blob id, a sha1.
 */
export type FileDigest = { sha256: string } | { gitSha1: string };
export type ExpectedFile = { path: string; size: number } & FileDigest;

export interface FileHashes {
  size: number;
  /** Always computed: the install marker records it, so `--verify` later needs no network. */
  sha256: string;
  gitSha1?: string;
}

const blobHeader = (size: number): string => `blob ${size}\0`;

/** Git's object id of a blob, as `git hash-object` prints it: sha1("blob <byteLength>\0" + bytes). */
export function gitBlobSha1(bytes: Uint8Array): string {
  return createHash('sha1').update(blobHeader(bytes.byteLength)).update(bytes).digest('hex');
}

/** Hash a file in one streamed pass: sha256, plus its git blob id when asked (it needs the size up front). */
export async function hashFile(path: string, opts: { gitSha1?: boolean; onBytes?: (done: number) => void } = {}): Promise<FileHashes> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (err) {
    throw diskError('read', path, err);
  }
  const sha256 = createHash('sha256');
  const sha1: Hash | undefined = opts.gitSha1 ? createHash('sha1').update(blobHeader(size)) : undefined;
  let done = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      const buf = chunk as Buffer;
      sha256.update(buf);
      sha1?.update(buf);
      done += buf.length;
      opts.onBytes?.(done);
    }
  } catch (err) {
    throw diskError('read', path, err);
  }
  // `done`, not the stat size: a file that changed while being read then fails the size check.
  return { size: done, sha256: sha256.digest('hex'), ...(sha1 ? { gitSha1: sha1.digest('hex') } : {}) };
}

/** "sha256 <hex>" or "git blob sha1 <hex>", for messages. */
export function describeDigest(d: FileDigest): string {
  return 'sha256' in d ? `sha256 ${d.sha256}` : `git blob sha1 ${d.gitSha1}`;
}

/** The digest of `got` in the same kind as `expected` (for "expected X, got Y"). */
export function gotDigest(expected: FileDigest, got: FileHashes): string {
  return 'sha256' in expected ? got.sha256 : (got.gitSha1 ?? '');
}

/** Hash `path` and compare with `expected`; returns the hashes either way. */
export async function verifyFile(
  path: string,
  expected: ExpectedFile,
  onBytes?: (done: number) => void,
): Promise<{ ok: boolean; hashes: FileHashes }> {
  const hashes = await hashFile(path, { gitSha1: 'gitSha1' in expected, onBytes });
  const ok = hashes.size === expected.size && gotDigest(expected, hashes) === ('sha256' in expected ? expected.sha256 : expected.gitSha1);
  return { ok, hashes };
}
