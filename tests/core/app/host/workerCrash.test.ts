/**
 * A worker that dies mid-call (exit, uncaught error, killed like a native crash) must answer its
 * pending calls with engine-unavailable, never leave them hanging, and the next call must start a
 * fresh worker that works (native addons included).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerServicesHost, forkSpawner } from '../../../../electron/core/app/host';
import { CRASH_EXIT, CRASH_KILL, CRASH_THROW } from './crashPayloads';
import { freshServicePaths } from './hostFixtures';

const fixture = freshServicePaths('worker-crash');
const host = new WorkerServicesHost({
  ...fixture.options,
  spawn: forkSpawner(new URL('./crashingWorker.ts', import.meta.url)),
});
afterAll(async () => {
  await host.close();
  fixture.cleanup();
});

async function expectWorkingAnswer(): Promise<void> {
  const again = await host.dispatch('ask', 'what is an S3 bucket?');
  expect(again.ok).toBe(true);
  expect(again.ok && again.value.citations.length).toBeGreaterThan(0);
}

describe('WorkerServicesHost when the worker dies', () => {
  it('answers every pending call with engine-unavailable when the worker exits, then restarts', async () => {
    expect((await host.open()).ok).toBe(true);
    const first = host.pid;
    expect(first).toBeGreaterThan(0);
    // Another call in flight alongside the fatal one: both must be answered.
    const inFlight = host.dispatch('tutor', { cmd: 'progress' });
    const crashed = await host.dispatch('ask', CRASH_EXIT);
    expect(crashed).toMatchObject({ ok: false, error: { code: 'engine-unavailable' } });
    expect(crashed.ok || crashed.error.message).toMatch(/exit code 7/);
    const other = await inFlight;
    expect(other.ok || other.error.code === 'engine-unavailable').toBe(true);
    expect(host.pid).toBeNull();

    await expectWorkingAnswer();
    expect(host.starts).toBe(2);
    expect(host.pid).not.toBe(first);
  });

  it('does the same for an uncaught error, and says what it was', async () => {
    const crashed = await host.dispatch('ask', CRASH_THROW);
    expect(crashed).toMatchObject({ ok: false, error: { code: 'engine-unavailable' } });
    expect(crashed.ok || crashed.error.message).toContain('Error: boom in the worker');
    await expectWorkingAnswer();
    expect(host.starts).toBe(3);
  });

  it('does the same when the worker is killed outright (as by a native crash)', async () => {
    const crashed = await host.dispatch('ask', CRASH_KILL);
    expect(crashed).toMatchObject({ ok: false, error: { code: 'engine-unavailable' } });
    expect(crashed.ok || crashed.error.message).toContain('SIGKILL');
    await expectWorkingAnswer();
    expect(host.starts).toBe(4);
  });

  it('answers at once when the worker entry cannot load', async () => {
    const broken = new WorkerServicesHost({
      ...fixture.options,
      spawn: forkSpawner(new URL('./noSuchWorker.ts', import.meta.url)),
    });
    try {
      expect(await broken.dispatch('info', undefined)).toMatchObject({
        ok: false,
        error: { code: 'engine-unavailable' },
      });
      expect(broken.pid).toBeNull();
    } finally {
      await broken.close();
    }
  });

  it('after close(), answers without starting a worker', async () => {
    const closing = new WorkerServicesHost(fixture.options);
    await closing.close();
    expect(await closing.dispatch('info', undefined)).toMatchObject({
      ok: false,
      error: { code: 'engine-unavailable' },
    });
    expect(closing.starts).toBe(0);
  });
});
