/** InProcessServicesHost over a fake engine: the same host contract, without a worker. */
import { describe, expect, it, vi } from 'vitest';
import type { CoreSession, OpenSession } from '../../../../electron/core/app/services';
import { InProcessServicesHost, READY_EVENT } from '../../../../electron/core/app/host';
import type { ProgressEvent } from '../../../../electron/shared/api';

const paths = { contentDir: '/c', dataDir: '/d', modelsRoot: '/m', tokenizerDir: '/t' };
const info = {
  embedder: { modelId: 'm', kind: 'static-domain', dims: 4, notice: null },
  chunks: 1,
  sections: 1,
  index: { origin: 'loaded', ms: 1 },
};
const session = { engine: { info: () => info } } as unknown as CoreSession;

describe('InProcessServicesHost', () => {
  it('opens lazily, forwards progress and ends it with one ready event', async () => {
    const open = vi.fn<OpenSession>(async ({ onProgress }) => {
      onProgress?.('content', 0, 1);
      onProgress?.('content', 1, 1);
      return session;
    });
    const host = InProcessServicesHost.create({ ...paths, open });
    const events: ProgressEvent[] = [];
    const unsubscribe = host.onProgress((e) => events.push(e));
    expect(open).not.toHaveBeenCalled();
    expect(await host.dispatch('info', undefined)).toMatchObject({ ok: true, value: { chunks: 1 } });
    expect(events).toEqual([
      { stage: 'content', done: 0, total: 1 },
      { stage: 'content', done: 1, total: 1 },
      READY_EVENT,
    ]);
    expect(await host.open()).toEqual({ ok: true, value: null });
    expect(open).toHaveBeenCalledTimes(1);
    unsubscribe();
  });

  it('reports a failed opening as engine-unavailable, without a ready event, and retries', async () => {
    const open = vi.fn<OpenSession>().mockRejectedValueOnce(new Error('no models')).mockResolvedValueOnce(session);
    const host = InProcessServicesHost.create({ ...paths, open });
    const events: ProgressEvent[] = [];
    host.onProgress((e) => events.push(e));
    expect(await host.open()).toEqual({ ok: false, error: { code: 'engine-unavailable', message: 'no models' } });
    expect(events).toEqual([]);
    expect(await host.open()).toEqual({ ok: true, value: null });
    expect(events).toEqual([READY_EVENT]);
  });

  it('validates payloads and names, and keeps a throwing listener from hurting others', async () => {
    const open = vi.fn<OpenSession>(async ({ onProgress }) => {
      onProgress?.('content', 1, 1);
      return session;
    });
    const host = InProcessServicesHost.create({ ...paths, open });
    expect(await host.dispatch('ask', 42)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await host.dispatch('nope' as 'info', undefined)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(open).not.toHaveBeenCalled();
    const seen: string[] = [];
    host.onProgress(() => {
      throw new Error('listener bug');
    });
    host.onProgress((e) => seen.push(e.stage));
    expect((await host.open()).ok).toBe(true);
    expect(seen).toEqual(['content', 'ready']);
    await host.close();
    expect(await host.dispatch('info', undefined)).toMatchObject({ ok: false, error: { code: 'engine-unavailable' } });
  });
});
