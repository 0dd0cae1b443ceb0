import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadManifest, parseManifest } from '../../../electron/core/models/manifest';
import type { Manifest, ManifestInput, ModelEntry, PinnedModelEntry } from '../../../electron/core/models/manifest';
import { MARKER_FILE, checkModelInstall, installModels, isModelInstalled, readMarker } from '../../../electron/core/models/installer';
import type { InstallOptions, ProgressEvent } from '../../../electron/core/models/installer';
import { startFakeHub } from './fakeHub';
import type { FakeHub } from './fakeHub';

const here = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(here, '../../..');
const SHARED = resolve(here, '../../../../shared/models');
const sha = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

const FAKE_ID = 'fake/tiny-embedder';
const WEIGHT = 'onnx/model_quantized.onnx';
const FAST_RETRY = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };

let work: string;
let hubRoot: string;
let fakeManifest: Manifest;
let hub: FakeHub;
let dest: string;

/** Small fake model files (never real weights) plus a manifest with their true sizes/hashes. */
async function makeFakeModel(root: string): Promise<Manifest> {
  const contents: Record<string, Buffer> = {
    'config.json': Buffer.from(JSON.stringify({ model_type: 'bert', hidden_size: 8 })),
    'tokenizer.json': Buffer.from(JSON.stringify({ version: '1.0', vocab: Array.from({ length: 200 }, (_, i) => `tok${i}`) })),
    [WEIGHT]: randomBytes(256 * 1024),
    'onnx/model.onnx': randomBytes(64 * 1024),
  };
  for (const [p, data] of Object.entries(contents)) {
    await mkdir(dirname(join(root, FAKE_ID, p)), { recursive: true });
    await writeFile(join(root, FAKE_ID, p), data);
  }
  const file = (p: string): { path: string; size: number; sha256: string } => ({ path: p, size: contents[p].length, sha256: sha(contents[p]) });
  const input: ManifestInput = {
    version: 1,
    models: [
      {
        id: FAKE_ID,
        role: 'embedder',
        task: 'feature-extraction',
        license: 'Apache-2.0',
        revision: 'r1',
        files: [file('config.json'), file('tokenizer.json'), file(WEIGHT)],
        optionalFiles: [file('onnx/model.onnx')],
      },
      { id: 'nimbus/test-built', role: 'embedder', task: 'feature-extraction', built: true },
    ],
  };
  return parseManifest(input);
}

const isPinned = (e: ModelEntry): e is PinnedModelEntry => e.hashes === 'pinned';
const fakeEntry = (): PinnedModelEntry => {
  const e = fakeManifest.models[0];
  if (!isPinned(e)) throw new Error('the fake model is pinned');
  return e;
};
const installFromHub = (extra: Partial<InstallOptions> = {}): ReturnType<typeof installModels> =>
  installModels({ manifest: fakeManifest, dest, source: { kind: 'hub', baseUrl: hub.baseUrl }, retry: FAST_RETRY, ...extra });

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'nimbus-installer-'));
  hubRoot = join(work, 'hub');
  fakeManifest = await makeFakeModel(hubRoot);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});
beforeEach(async () => {
  hub = await startFakeHub({ root: hubRoot });
  dest = await mkdtemp(join(work, 'dest-'));
});
afterEach(async () => {
  await hub.close();
});

async function stagingEmpty(): Promise<boolean> {
  return !existsSync(join(dest, '.staging')) || (await readdir(join(dest, '.staging'))).length === 0;
}

describe('models/manifest.json', () => {
  it('parses and its hashes match shared/models and EXPECTED_WEIGHTS.sha256', async () => {
    const manifest = await loadManifest(join(REPO, 'models/manifest.json'));
    const ids = manifest.models.map((m) => m.id);
    expect(ids).toEqual(['Xenova/all-MiniLM-L6-v2', 'Xenova/whisper-tiny.en', 'Xenova/whisper-base.en', 'nimbus/aws-notes-static']);
    expect(manifest.models[3].built).toBe(true);
    expect(manifest.models[0].dims).toBe(384);
    // base.en: same files as tiny.en, no sizes or hashes (the hub attests them at install time).
    const [tiny, base] = [manifest.models[1], manifest.models[2]];
    expect(base.hashes).toBe('hub-attested');
    expect(base.files.map((f) => f.path)).toEqual(tiny.files.map((f) => f.path));
    expect(base.optionalFiles.map((f) => f.path)).toEqual(tiny.optionalFiles.map((f) => f.path));
    for (const m of manifest.models.filter((e): e is PinnedModelEntry => isPinned(e) && !e.built)) {
      const expected = await readFile(join(SHARED, m.id, 'EXPECTED_WEIGHTS.sha256'), 'utf8');
      for (const f of [...m.files, ...m.optionalFiles]) {
        if (f.path.startsWith('onnx/')) {
          // The weights are not here: check them against the LFS-pointer hashes shipped alongside.
          const line = expected.split('\n').find((l) => l.trim().endsWith(`  ${f.path}`));
          if (line) expect(line.split(/\s+/)[0]).toBe(f.sha256);
          continue;
        }
        const data = await readFile(join(SHARED, m.id, f.path));
        expect({ path: f.path, size: data.length, sha256: sha(data) }).toEqual({ path: f.path, size: f.size, sha256: f.sha256 });
      }
    }
    expect(manifest.models[0].files.map((f) => f.path)).toContain('onnx/model_quantized.onnx');
    expect(manifest.models[1].files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx']),
    );
  });

  it('rejects paths that escape the model folder', () => {
    const bad = { version: 1, models: [{ id: 'a/b', role: 'embedder', task: 't', license: 'MIT', files: [{ path: '../x', size: 1, sha256: 'a'.repeat(64) }] }] };
    expect(() => parseManifest(bad)).toThrow(/relative path/);
  });
});

describe('installModels from the hub', () => {
  it('installs cleanly: files, marker, checksums, progress, redirects followed', async () => {
    const events: ProgressEvent[] = [];
    const report = await installFromHub({ onProgress: (e) => events.push(e) });
    const r = report.models.find((m) => m.id === FAKE_ID);
    expect(r?.status).toBe('installed');
    expect(report.ok).toBe(true);
    expect(report.models.find((m) => m.id === 'nimbus/test-built')?.status).toBe('skipped');

    const dir = join(dest, 'fake', 'tiny-embedder');
    for (const f of fakeEntry().files) expect(sha(await readFile(join(dir, f.path)))).toBe(f.sha256);
    expect(existsSync(join(dir, 'onnx/model.onnx'))).toBe(false); // optional not asked for
    const marker = await readMarker(dest, FAKE_ID);
    expect(marker?.revision).toBe('r1');
    expect(marker?.files.map((f) => f.path)).toEqual(fakeEntry().files.map((f) => f.path));
    expect(await isModelInstalled(dest, fakeEntry(), { verify: 'sha256' })).toBe(true);
    expect(await stagingEmpty()).toBe(true);
    expect(existsSync(join(dest, '.downloads', 'fake', 'tiny-embedder'))).toBe(false);

    expect(hub.requests.some((q) => q.status === 302)).toBe(true);
    const last = events[events.length - 1];
    expect(last.overallDone).toBe(last.overallTotal);
    expect(last.overallTotal).toBe(fakeEntry().files.reduce((s, f) => s + f.size, 0));

    // A second run finds it installed and makes no requests.
    const before = hub.requests.length;
    const again = await installFromHub();
    expect(again.models[0].status).toBe('already-installed');
    expect(hub.requests.length).toBe(before);
  });

  it('retries a corrupted file once, then fails with a checksum error and installs nothing', async () => {
    hub.corrupt.add(WEIGHT);
    const report = await installFromHub();
    const r = report.models[0];
    expect(r.status).toBe('failed');
    expect(r.reason).toMatch(/checksum mismatch for onnx\/model_quantized\.onnx/);
    expect(r.reason).not.toMatch(/\n\s+at /);
    expect(report.ok).toBe(false);
    expect(hub.requestsFor(WEIGHT)).toHaveLength(2);
    expect(existsSync(join(dest, 'fake', 'tiny-embedder'))).toBe(false);
    expect(existsSync(join(dest, '.downloads', 'fake', 'tiny-embedder', `${WEIGHT}.part`))).toBe(false);
    expect(await stagingEmpty()).toBe(true);
  });

  it('resumes a dropped download with a Range request', async () => {
    hub.dropOnceAfter.set(WEIGHT, 64 * 1024);
    const report = await installFromHub();
    expect(report.models[0].status).toBe('installed');
    const reqs = hub.requestsFor(WEIGHT);
    expect(reqs).toHaveLength(2);
    expect(reqs[0].range).toBeUndefined();
    expect(reqs[1].range).toMatch(/^bytes=[1-9]\d*-$/);
    expect(reqs[1].status).toBe(206);
    expect(await isModelInstalled(dest, fakeEntry(), { verify: 'sha256' })).toBe(true);
  });

  it('restarts from zero when the server answers a Range request with 200', async () => {
    hub.dropOnceAfter.set(WEIGHT, 64 * 1024);
    hub.ignoreRange.add(WEIGHT);
    expect((await installFromHub()).models[0].status).toBe('installed');
    const reqs = hub.requestsFor(WEIGHT);
    expect(reqs.map((q) => q.status)).toEqual([200, 200]);
    expect(reqs[1].range).toMatch(/^bytes=/);
    expect(await isModelInstalled(dest, fakeEntry(), { verify: 'sha256' })).toBe(true);
  });

  it('leaves an existing good install intact when a reinstall fails', async () => {
    expect((await installFromHub()).models[0].status).toBe('installed');
    const dir = join(dest, 'fake', 'tiny-embedder');
    const markerBefore = await readFile(join(dir, MARKER_FILE), 'utf8');

    // Forced reinstall against a corrupting server.
    hub.corrupt.add(WEIGHT);
    expect((await installFromHub({ force: true })).models[0].status).toBe('failed');
    // Manifest update (new revision, new weight hash) the server cannot satisfy.
    hub.corrupt.clear();
    const v2 = structuredClone(fakeManifest);
    v2.models[0].revision = 'r2';
    v2.models[0].files[2] = { ...v2.models[0].files[2], sha256: sha('something else') };
    const r2 = await installModels({ manifest: v2, dest, source: { kind: 'hub', baseUrl: hub.baseUrl }, retry: FAST_RETRY });
    expect(r2.models[0].status).toBe('failed');
    expect(await isModelInstalled(dest, v2.models[0])).toBe(false);

    expect(await isModelInstalled(dest, fakeEntry(), { verify: 'sha256' })).toBe(true);
    expect(await readFile(join(dir, MARKER_FILE), 'utf8')).toBe(markerBefore);
    expect(await stagingEmpty()).toBe(true);
  });

  it('reports a missing required file as unavailable and skips a missing optional one', async () => {
    const m = structuredClone(fakeManifest);
    m.models[0].optionalFiles.push({ path: 'onnx/model_fp16.onnx', size: 10, sha256: sha('x') });
    const ok = await installModels({ manifest: m, dest, source: { kind: 'hub', baseUrl: hub.baseUrl }, includeOptional: true, retry: FAST_RETRY });
    expect(ok.models[0].status).toBe('installed');
    expect(ok.models[0].skippedOptional).toEqual(['onnx/model_fp16.onnx']);
    expect(existsSync(join(dest, 'fake', 'tiny-embedder', 'onnx/model.onnx'))).toBe(true);

    m.models[0].files.push({ path: 'onnx/missing.onnx', size: 10, sha256: sha('y') });
    const dest2 = await mkdtemp(join(work, 'dest-'));
    const bad = await installModels({ manifest: m, dest: dest2, source: { kind: 'hub', baseUrl: hub.baseUrl }, retry: FAST_RETRY });
    expect(bad.models[0].status).toBe('unavailable');
    expect(bad.models[0].reason).toMatch(/onnx\/missing\.onnx not found on the hub \(HTTP 404/);
    expect(bad.ok).toBe(true);
    expect(existsSync(join(dest2, 'fake', 'tiny-embedder'))).toBe(false);
    // The verified weight stays in the download cache, so a later run does not fetch it again.
    expect(existsSync(join(dest2, '.downloads', 'fake', 'tiny-embedder', `${WEIGHT}.part`))).toBe(true);
    const before = hub.requestsFor(WEIGHT).length;
    m.models[0].files.pop();
    expect((await installModels({ manifest: m, dest: dest2, source: { kind: 'hub', baseUrl: hub.baseUrl } })).models[0].status).toBe('installed');
    expect(hub.requestsFor(WEIGHT).length).toBe(before);
    expect(existsSync(join(dest2, '.downloads'))).toBe(false);
  });

  it('fails with a one-line network error when the hub is unreachable', async () => {
    const url = hub.baseUrl;
    await hub.close();
    hub = await startFakeHub({ root: hubRoot }); // afterEach closes this one
    const report = await installModels({ manifest: fakeManifest, dest, source: { kind: 'hub', baseUrl: url }, retry: FAST_RETRY });
    expect(report.models[0].status).toBe('failed');
    expect(report.models[0].reason).toMatch(/network error fetching .*ECONNREFUSED.*gave up after 3 attempts/);
    expect(report.models[0].reason).not.toContain('\n');
  });
});

describe('installModels from a folder', () => {
  it('reports missing weights as unavailable (listing them) and installs nothing', async () => {
    const manifest = await loadManifest(join(REPO, 'models/manifest.json'));
    const report = await installModels({ manifest, dest, source: { kind: 'dir', dir: SHARED } });
    const byId = new Map(report.models.map((m) => [m.id, m]));
    expect(byId.get('Xenova/all-MiniLM-L6-v2')?.status).toBe('unavailable');
    expect(byId.get('Xenova/all-MiniLM-L6-v2')?.reason).toBe(`onnx/model_quantized.onnx missing in MODELS_DIR (${SHARED})`);
    expect(byId.get('Xenova/whisper-tiny.en')?.reason).toContain('onnx/encoder_model_quantized.onnx, onnx/decoder_model_merged_quantized.onnx missing');
    expect(byId.get('Xenova/whisper-base.en')).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/hashes are not pinned/) });
    expect(byId.get('nimbus/aws-notes-static')?.status).toBe('skipped');
    expect(report.ok).toBe(true);
    expect(existsSync(join(dest, 'Xenova'))).toBe(false);
    expect(await stagingEmpty()).toBe(true);
  });

  it('installs the real tokenizer/config files from shared/models', async () => {
    const real = await loadManifest(join(REPO, 'models/manifest.json'));
    const small = structuredClone(real);
    small.models = small.models
      .filter((m): m is PinnedModelEntry => isPinned(m) && !m.built)
      .map((m) => ({ ...m, files: m.files.filter((f) => !f.path.startsWith('onnx/')), optionalFiles: [] }));
    const report = await installModels({ manifest: small, dest, source: { kind: 'dir', dir: SHARED } });
    expect(report.models.map((m) => m.status)).toEqual(['installed', 'installed']);
    for (const m of small.models) {
      expect(await isModelInstalled(dest, m, { verify: 'sha256' })).toBe(true);
      expect(existsSync(join(dest, m.id, 'tokenizer.json'))).toBe(true);
    }
    expect((await installModels({ manifest: small, dest, source: { kind: 'dir', dir: SHARED } })).models[0].status).toBe('already-installed');
  });

  it('installs the optional files a folder has and stays installed when it lacks some', async () => {
    const m = structuredClone(fakeManifest);
    m.models[0].optionalFiles.push({ path: 'onnx/model_fp16.onnx', size: 10, sha256: sha('x') });
    const opts: InstallOptions = { manifest: m, dest, source: { kind: 'dir', dir: hubRoot }, includeOptional: true };
    const first = await installModels(opts);
    expect(first.models[0]).toMatchObject({ status: 'installed', skippedOptional: ['onnx/model_fp16.onnx'] });
    expect(existsSync(join(dest, FAKE_ID, 'onnx/model.onnx'))).toBe(true);
    const second = await installModels(opts);
    expect(second.models[0].status).toBe('already-installed');
    expect(second.models[0].reason).toContain('onnx/model_fp16.onnx');
  });

  it('isModelInstalled detects a truncated file (size) and a same-size corruption (sha256)', async () => {
    const report = await installModels({ manifest: fakeManifest, dest, source: { kind: 'dir', dir: hubRoot } });
    expect(report.models[0].status).toBe('installed');
    const dir = join(dest, 'fake', 'tiny-embedder');
    expect(await isModelInstalled(dest, fakeEntry())).toBe(true);

    await truncate(join(dir, WEIGHT), 1000);
    const check = await checkModelInstall(dest, fakeEntry());
    expect(check.installed).toBe(false);
    expect(check.problems).toContain(`${WEIGHT} is 1000 bytes, expected ${256 * 1024}`);

    // Repair (reinstall), then flip bytes without changing the size: only sha256 notices.
    expect((await installModels({ manifest: fakeManifest, dest, source: { kind: 'dir', dir: hubRoot } })).models[0].status).toBe('installed');
    const cfg = join(dir, 'config.json');
    const data = await readFile(cfg);
    await writeFile(cfg, Buffer.from(data.map((b) => b ^ 1)));
    expect(await isModelInstalled(dest, fakeEntry(), { verify: 'size' })).toBe(true);
    expect(await isModelInstalled(dest, fakeEntry(), { verify: 'sha256' })).toBe(false);
  });
});
