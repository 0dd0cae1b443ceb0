import { describe, expect, it, vi } from 'vitest';
import type { AskResult, EngineInfo } from '../../../electron/core/engine/KnowledgeEngine';
import { QuestionError } from '../../../electron/core/engine/validateQuestion';
import { NimbusServices, type CoreSession, type OpenSession } from '../../../electron/core/app/services';
import { AskResultSchema, InfoResultSchema } from '../../../electron/shared/api';

type FakeEngine = ReturnType<typeof fakeEngine>;
const sessionOf = (engine: FakeEngine): CoreSession => ({ engine }) as unknown as CoreSession;
const createEngineHost = (o: {
  paths: typeof paths;
  open: (opts: Parameters<OpenSession>[0]) => Promise<FakeEngine>;
  onProgress?: (e: unknown) => void;
}) =>
  NimbusServices.lazy({ ...o.paths, onProgress: o.onProgress, open: async (opts) => sessionOf(await o.open(opts)) });

const paths = { contentDir: '/c', dataDir: '/d', modelsRoot: '/m', tokenizerDir: '/t' };

// Only the fields the DTO reads; the cast keeps the fixture valid as core adds more.
const info = {
  embedder: { modelId: 'domain-static', kind: 'static-domain', dims: 64, notice: 'MiniLM is not installed.' },
  search: 'hybrid',
  chunks: 120,
  sections: 40,
  index: { origin: 'loaded', rebuildReason: null, persisted: true, saveError: null, ms: 12 },
  contentHash: 'abc',
  modelBuildMs: null,
  notice: null,
} as EngineInfo;

function askResult(question: string): AskResult {
  return {
    question,
    abstained: false,
    answer: '**S3 › Storage Classes** [1]\n\nGlacier is for archives.',
    citations: [
      { marker: 1, chunkId: 's3#classes', headingPath: ['Phase 2', 'S3', 'Storage Classes'], text: 'Glacier…' },
    ],
    hits: [],
    abstention: {} as AskResult['abstention'],
    ms: 4.2,
  } as AskResult;
}

function fakeEngine() {
  return {
    info: () => info,
    ask: vi.fn(async (q: string) => {
      if (!q.trim()) throw new QuestionError('The question is empty: type what you want to know.', 'empty');
      return askResult(q);
    }),
  };
}

describe('NimbusServices (lazy)', () => {
  it('opens the engine once, lazily, and shares it between concurrent calls', async () => {
    const open = vi.fn<(opts: Parameters<OpenSession>[0]) => Promise<FakeEngine>>(async () => fakeEngine());
    const host = createEngineHost({ paths, open });
    expect(open).not.toHaveBeenCalled();
    const [a, b] = await Promise.all([host.info(), host.ask('What is Glacier?')]);
    expect(open).toHaveBeenCalledTimes(1);
    expect(open.mock.calls[0][0]).toMatchObject(paths);
    expect(a.ok && b.ok).toBe(true);
  });

  it('returns plain DTOs that match the contract', async () => {
    const host = createEngineHost({ paths, open: async () => fakeEngine() });
    const asked = await host.ask('What is Glacier?');
    expect(AskResultSchema.parse(asked)).toEqual(asked);
    expect(asked.ok && Object.keys(asked.value).sort()).toEqual(['abstained', 'answer', 'citations', 'ms']);
    const described = await host.info();
    expect(InfoResultSchema.parse(described)).toEqual(described);
    expect(described.ok && described.value.embedder.kind).toBe('static-domain');
  });

  it('turns question errors into typed failures', async () => {
    const host = createEngineHost({ paths, open: async () => fakeEngine() });
    expect(await host.ask('   ')).toEqual({
      ok: false,
      error: { code: 'empty-question', message: 'The question is empty: type what you want to know.' },
    });
  });

  it('reports a failed opening and retries on the next call', async () => {
    const open = vi
      .fn<(opts: Parameters<OpenSession>[0]) => Promise<FakeEngine>>()
      .mockRejectedValueOnce(new Error('models missing'))
      .mockResolvedValueOnce(fakeEngine());
    const host = createEngineHost({ paths, open });
    expect(await host.info()).toEqual({ ok: false, error: { code: 'engine-unavailable', message: 'models missing' } });
    expect((await host.info()).ok).toBe(true);
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('rejects payloads that do not match the contract, before opening anything', async () => {
    const open = vi.fn(async () => fakeEngine());
    const services = createEngineHost({ paths, open });
    expect(await services.dispatch('ask', 42)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await services.dispatch('tutor', { cmd: 'rm -rf' })).toMatchObject({ ok: false });
    expect(open).not.toHaveBeenCalled();
  });

  it('forwards progress as events', async () => {
    const events: unknown[] = [];
    const host = createEngineHost({
      paths,
      onProgress: (e) => events.push(e),
      open: async ({ onProgress }) => {
        onProgress?.('content', 1, 1);
        return fakeEngine();
      },
    });
    await host.info();
    expect(events).toEqual([{ stage: 'content', done: 1, total: 1 }]);
  });
});
