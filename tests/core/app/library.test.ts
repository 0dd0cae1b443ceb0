import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NimbusServices } from '../../../electron/core/app/services';
import { channelName, sectionMarkdown, snippetOf } from '../../../electron/core/app/library';
import { installFromApp, installSourceFromEnv } from '../../../electron/core/app/modelsPanel';
import { parseManifest } from '../../../electron/core/models/manifest';
import { defaultContentDir, vendoredTokenizerDir } from '../../../electron/core/paths';
import { ApiCalls, type ProgressEvent } from '../../../electron/shared/api';
import type { Section } from '../../../electron/core/knowledge/types';
import { tempDir } from '../../helpers/engine';

describe('library views over the real notes', () => {
  const data = tempDir('lib-data');
  const models = tempDir('lib-models');
  const events: ProgressEvent[] = [];
  let now = new Date();
  let services: NimbusServices;

  beforeAll(async () => {
    services = await NimbusServices.open({
      contentDir: defaultContentDir(),
      tokenizerDir: vendoredTokenizerDir(),
      dataDir: data.path,
      modelsRoot: models.path,
      embedder: 'static',
      modelSource: { kind: 'dir', dir: models.path },
      onProgress: (e) => events.push(e),
      clock: () => now,
    });
  }, 120_000);
  afterAll(() => {
    data.cleanup();
    models.cleanup();
  });

  it('offers an uncovered question as a topic to teach, as the tutor does, and only then', async () => {
    const out = await services.dispatch('ask', 'What is Amazon Braket used for?');
    expect(out.ok && out.value.abstained).toBe(true);
    expect(out.ok && out.value.offerTopic).toMatch(/Braket/);
    const covered = await services.dispatch('ask', 'What is a NAT gateway for?');
    expect(covered.ok && covered.value.abstained).toBe(false);
    expect(covered.ok && 'offerTopic' in covered.value).toBe(false);
  });

  it('lists the six phases in order as channels, each with its lessons', async () => {
    const r = await services.dispatch('catalog', undefined);
    expect(ApiCalls.catalog.result.safeParse(r).success).toBe(true);
    if (!r.ok) throw new Error(r.error.message);
    const phases = r.value.phases.filter((p) => p.phaseId !== 'self');
    expect(phases.map((p) => p.order)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(phases[0].channel).toBe('core-services');
    expect(phases[5].channel).toBe('real-projects');
    for (const p of phases) expect(p.lessons.length).toBeGreaterThan(0);
  });

  it('opens the section a citation points at, with the cited passage to highlight', async () => {
    const ask = await services.dispatch('ask', 'What is the difference between a security group and a NACL?');
    if (!ask.ok) throw new Error(ask.error.message);
    const cite = ask.value.citations[0];
    const r = await services.dispatch('section', { chunkId: cite.chunkId });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.headingPath).toEqual(cite.headingPath);
    expect(r.value.highlight).toBeTruthy();
    // The highlighted passage is really in what the reader shows.
    expect(r.value.markdown).toContain(r.value.highlight!.split('\n')[0].trim());
    expect(r.value.lessonId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reports a section that is gone as not-found, and a malformed request as invalid', async () => {
    const gone = await services.dispatch('section', { sectionId: 'nope' });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const bad = await services.dispatch('section', { sectionId: 'a', chunkId: 'b' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('searches the notes instantly; an empty query is no results', async () => {
    const r = await services.dispatch('search', { query: 'glacier', limit: 5 });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.length).toBeGreaterThan(0);
    expect(r.value.length).toBeLessThanOrEqual(5);
    expect(r.value[0].headingPath.join(' ') + r.value[0].snippet).toMatch(/glacier/i);
    expect(await services.dispatch('search', { query: '   ' })).toEqual({ ok: true, value: [] });
  });

  it('turns answered check questions into review cards that can be answered again', async () => {
    const start = await services.dispatch('tutor', { cmd: 'start' });
    if (!start.ok) throw new Error(start.error.message);
    let events = start.value;
    for (let i = 0; i < 12 && !events.some((e) => e.type === 'question'); i++) {
      const n = await services.dispatch('tutor', { cmd: 'next' });
      if (!n.ok) throw new Error(n.error.message);
      events = n.value;
    }
    const q = events.find((e) => e.type === 'question');
    if (q?.type !== 'question') throw new Error('no check question');
    await services.dispatch('tutor', { cmd: 'answer', questionId: q.question.id, answer: 'no idea' });
    // A wrong answer comes back after FSRS's first learning step (minutes).
    expect(await services.dispatch('review.due', { limit: 5 })).toMatchObject({ ok: true, value: { total: 0 } });
    now = new Date(now.getTime() + 60 * 60_000);
    const due = await services.dispatch('review.due', undefined);
    if (!due.ok) throw new Error(due.error.message);
    expect(due.value.total).toBeGreaterThanOrEqual(1);
    const card = due.value.cards.find((c) => c.question.id === q.question.id);
    expect(card?.lastResult).toBe('not-yet');
    const verdict = await services.dispatch('review.answer', { questionId: q.question.id, answer: 'no idea' });
    expect(verdict).toMatchObject({ ok: true, value: { questionId: q.question.id, result: 'not-yet' } });
    expect(await services.dispatch('review.answer', { questionId: 'unknown', answer: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'no-question' },
    });
  });

  it('says which models are active and which are missing', async () => {
    const r = await services.dispatch('models.status', undefined);
    if (!r.ok) throw new Error(r.error.message);
    const byId = new Map(r.value.models.map((m) => [m.id, m]));
    expect(byId.get('nimbus/aws-notes-static')).toMatchObject({ state: 'built', active: true, installable: false });
    expect(byId.get('Xenova/all-MiniLM-L6-v2')).toMatchObject({ state: 'missing', active: false, installable: true });
    expect(byId.get('Xenova/all-MiniLM-L6-v2')!.sizeBytes).toBeGreaterThan(20_000_000);
  });

  it('reports models it cannot install without reloading the engine', async () => {
    const r = await services.dispatch('models.install', { ids: ['Xenova/all-MiniLM-L6-v2', 'no/such-model'] });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.ok).toBe(false);
    expect(r.value.reloaded).toBe(false);
    expect(r.value.models.find((m) => m.id === 'no/such-model')).toMatchObject({ status: 'failed' });
    expect(r.value.models.find((m) => m.id === 'Xenova/all-MiniLM-L6-v2')?.status).not.toBe('installed');
  });
});

describe('installFromApp', () => {
  it('installs from a folder with checksums and reports byte progress', async () => {
    const src = tempDir('src');
    const dest = tempDir('dest');
    try {
      const body = Buffer.alloc(300_000, 7);
      mkdirSync(join(src.path, 'acme', 'tiny'), { recursive: true });
      writeFileSync(join(src.path, 'acme', 'tiny', 'w.bin'), body);
      const manifest = parseManifest({
        version: 1,
        models: [
          {
            id: 'acme/tiny',
            role: 'embedder',
            task: 'feature-extraction',
            license: 'MIT',
            revision: 'r1',
            files: [{ path: 'w.bin', size: body.length, sha256: createHash('sha256').update(body).digest('hex') }],
          },
        ],
      });
      const seen: [number, number][] = [];
      const r = await installFromApp({
        modelsRoot: dest.path,
        ids: ['acme/tiny'],
        source: { kind: 'dir', dir: src.path },
        manifest,
        onProgress: (d, t) => seen.push([d, t]),
      });
      expect(r).toEqual({ ok: true, models: [{ id: 'acme/tiny', status: 'installed' }] });
      expect(seen.at(-1)).toEqual([body.length, body.length]);
    } finally {
      src.cleanup();
      dest.cleanup();
    }
  });

  it('takes a folder or a hub URL from NIMBUS_MODELS_SOURCE, else the hub', () => {
    expect(installSourceFromEnv({})).toEqual({ kind: 'hub' });
    expect(installSourceFromEnv({ NIMBUS_MODELS_SOURCE: '/mnt/models' })).toEqual({ kind: 'dir', dir: '/mnt/models' });
    expect(installSourceFromEnv({ NIMBUS_MODELS_SOURCE: 'http://127.0.0.1:9/' })).toEqual({
      kind: 'hub',
      baseUrl: 'http://127.0.0.1:9/',
    });
  });
});

describe('pure helpers', () => {
  it('names channels after the shipped files', () => {
    expect(channelName('phase1-core-services.md')).toBe('core-services');
    expect(channelName('self-learning.md')).toBe('self-learning');
  });

  it('renders a section with its sub-sections one heading level down', () => {
    const s = (path: string[], body: string): Section => ({
      id: path.join('/'),
      phaseId: 'phase1',
      headingPath: path,
      body,
      source: 'notes',
    });
    const all = [s(['P', 'S3'], 'Object storage.'), s(['P', 'S3', 'Classes'], '- Glacier'), s(['P', 'EC2'], 'VMs')];
    expect(sectionMarkdown(all[0], all)).toBe('Object storage.\n\n## Classes\n\n- Glacier');
  });

  it('makes one plain line of Markdown for result lists', () => {
    expect(snippetOf('- **Glacier**: archives\n- `Deep Archive`')).toBe('Glacier: archives Deep Archive');
    expect(snippetOf('word '.repeat(100), 30).length).toBeLessThanOrEqual(30);
    // With query terms, the window moves to the first match.
    const long = `${'filler '.repeat(60)}Glacier is for archives. ${'more '.repeat(40)}`;
    expect(snippetOf(long, 80, ['glacier'])).toMatch(/^….*Glacier is for archives/);
  });
});
