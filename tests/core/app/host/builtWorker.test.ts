/**
 * The app's build: electron-vite emits the worker entry next to main (out/main/servicesWorker.js),
 * main points its utility process at exactly that file, and the built worker serves the real engine
 * (native addons included). Built into a scratch folder inside the repo, so the bundle resolves
 * node_modules as out/ does; run here under Node's fork (Electron's utilityProcess needs the binary).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerServicesHost, forkSpawner } from '../../../../electron/core/app/host';
import { SERVICES_WORKER_FILE } from '../../../../electron/main/servicesWorkerFile';
import { freshServicePaths } from './hostFixtures';

const REPO = resolve(import.meta.dirname, '../../../..');
const OUT = join(REPO, '.cache', `test-build-${process.pid}`);
const fixture = freshServicePaths('built-worker');

beforeAll(async () => {
  await promisify(execFile)(
    process.execPath,
    [join(REPO, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', OUT, '--logLevel', 'warn'],
    { cwd: REPO },
  );
}, 120_000);
afterAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  fixture.cleanup();
});

describe('the built services worker', () => {
  it('is emitted next to the main bundle, which starts that very file', () => {
    expect(existsSync(join(OUT, 'main', 'index.js'))).toBe(true);
    expect(existsSync(join(OUT, 'main', SERVICES_WORKER_FILE))).toBe(true);
    const main = readFileSync(join(OUT, 'main', 'index.js'), 'utf8');
    expect(main).toContain(`"${SERVICES_WORKER_FILE}"`);
    expect(main).toContain('utilityProcess.fork');
    // The engine itself never loads in the main process.
    expect(main).not.toMatch(/from "\.\/chunks\/KnowledgeEngine/);
  });

  it('opens the real engine and answers with citations', async () => {
    const host = new WorkerServicesHost({
      ...fixture.options,
      spawn: forkSpawner(join(OUT, 'main', SERVICES_WORKER_FILE)),
    });
    try {
      expect(await host.open()).toEqual({ ok: true, value: null });
      const r = await host.dispatch('ask', 'what is the difference between a security group and a NACL?');
      expect(r.ok && r.value.citations.length).toBeGreaterThan(0);
    } finally {
      await host.close();
    }
  });
});
