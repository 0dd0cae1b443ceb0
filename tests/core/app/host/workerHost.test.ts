/**
 * WorkerServicesHost on the real engine (domain embedder built into a temp models folder): the
 * services run in a worker process started from the TypeScript sources through tsx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerServicesHost } from '../../../../electron/core/app/host';
import { AskResultSchema, InfoResultSchema, type ProgressEvent } from '../../../../electron/shared/api';
import { freshServicePaths, onnxLoadedHere } from './hostFixtures';

const fixture = freshServicePaths('worker-host');
const host = new WorkerServicesHost(fixture.options);
const events: ProgressEvent[] = [];
let opened: Awaited<ReturnType<WorkerServicesHost['open']>>;

beforeAll(async () => {
  host.onProgress((e) => events.push(e));
  opened = await host.open();
});
afterAll(async () => {
  await host.close();
  fixture.cleanup();
});

describe('WorkerServicesHost', () => {
  it('runs the services in another process', () => {
    expect(opened).toEqual({ ok: true, value: null });
    expect(host.pid).toBeGreaterThan(0);
    expect(host.pid).not.toBe(process.pid);
    expect(host.starts).toBe(1);
  });

  it('forwards the opening progress in order, ending with ready', () => {
    const stages = events.map((e) => e.stage);
    expect(stages[0]).toBe('content');
    // A fresh models folder and data folder: the model is built and every chunk embedded.
    expect(stages).toContain('model:train');
    expect(stages).toContain('embedding');
    expect(stages.indexOf('content')).toBeLessThan(stages.indexOf('embedding'));
    expect(stages.indexOf('embedding')).toBeLessThan(stages.indexOf('answer units'));
    expect(events.at(-1)).toEqual({ stage: 'ready', done: 1, total: 1 });
    expect(stages.filter((s) => s === 'ready')).toHaveLength(1);
    const embedding = events.filter((e) => e.stage === 'embedding');
    for (let i = 1; i < embedding.length; i++) expect(embedding[i].done).toBeGreaterThanOrEqual(embedding[i - 1].done);
    expect(embedding.at(-1)?.done).toBe(embedding.at(-1)?.total);
  });

  it('answers ask with a cited answer, through the contract', async () => {
    const result = AskResultSchema.parse(
      await host.dispatch('ask', 'what is the difference between a security group and a NACL?'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.abstained).toBe(false);
    expect(result.value.citations.length).toBeGreaterThan(0);
    expect(result.value.answer).toMatch(/security group/i);
    const info = InfoResultSchema.parse(await host.dispatch('info', undefined));
    expect(info.ok && info.value.index.origin).toBe('built');
    // The embedder (onnxruntime) ran in the worker only.
    expect(onnxLoadedHere()).toBe(false);
  });

  it('answers typed failures for bad payloads, unknown calls and non-data', async () => {
    expect(await host.dispatch('ask', 42)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await host.dispatch('tutor', { cmd: 'rm -rf' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await host.dispatch('nope' as 'ask', 'x')).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await host.dispatch('ask', () => 'not data')).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await host.dispatch('tutor', { cmd: 'next' })).toMatchObject({ ok: false, error: { code: 'no-lesson' } });
    // None of that hurt the worker.
    expect((await host.dispatch('info', undefined)).ok).toBe(true);
    expect(host.starts).toBe(1);
  });

  it('keeps stateful calls in order (tutor start → answer the question it asked)', async () => {
    const started = await host.dispatch('tutor', { cmd: 'start' });
    expect(started.ok).toBe(true);
    const progress = await host.dispatch('tutor', { cmd: 'progress' });
    expect(progress.ok && progress.value[0]?.type).toBe('progress');
  });
});
