// A private temporary folder for engines that can only write their audio to a file.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function withTempWav<T>(fn: (path: string) => Promise<void>, read: (bytes: Uint8Array) => T): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'nimbus-tts-'));
  try {
    const path = join(dir, 'speech.wav');
    await fn(path);
    return read(new Uint8Array(await readFile(path)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
