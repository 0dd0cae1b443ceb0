// Hub-attested models (no sizes/hashes in the manifest): the installer resolves the revision to a
// commit, takes sizes and hashes from the hub's listing of that commit (LFS sha256, git blob sha1),
// downloads from that commit, and records what it verified in the marker. Never from a folder.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseManifest } from '../../../electron/core/models/manifest';
import type { Manifest } from '../../../electron/core/models/manifest';
import { gitBlobSha1, hashFile } from '../../../electron/core/models/digest';
import { checkModelInstall, installModels, isModelInstalled, readMarker } from '../../../electron/core/models/installer';
import type { InstallOptions } from '../../../electron/core/models/installer';
import { FAKE_COMMIT, startFakeHub } from './fakeHub';
import type { FakeHub } from './fakeHub';

const ID = 'fake/attested-asr';
const ENC = 'onnx/encoder_model_quantized.onnx';
const DEC = 'onnx/decoder_model_merged_quantized.onnx';
const FAST_RETRY = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };
const sha = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

let work: string;
let hubRoot: string;
let manifest: Manifest;
let contents: Record<string, Buffer>;
let hub: FakeHub;
let dest: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'nimbus-attested-'));
  hubRoot = join(work, 'hub');
  contents = {
    'config.json': Buffer.from(JSON.stringify({ model_type: 'whisper', d_model: 8 })),
    'tokenizer.json': Buffer.from(JSON.stringify({ vocab: Array.from({ length: 300 }, (_, i) => `t${i}`) })),
    [ENC]: randomBytes(128 * 1024),
    [DEC]: randomBytes(96 * 1024),
    'onnx/encoder_model.onnx': randomBytes(32 * 1024),
  };
  for (const [p, data] of Object.entries(contents)) {
    await mkdir(dirname(join(hubRoot, ID, p)), { recursive: true });
    await writeFile(join(hubRoot, ID, p), data);
  }
  manifest = parseManifest({
    version: 1,
    models: [
      {
        id: ID,
        role: 'speech-to-text',
        task: 'automatic-speech-recognition',
        license: 'Apache-2.0',
        hashes: 'hub-attested',
        files: ['config.json', 'tokenizer.json', ENC, DEC].map((path) => ({ path })),
        // The hub has the fp32 encoder only.
        optionalFiles: [{ path: 'onnx/encoder_model.onnx' }, { path: 'onnx/decoder_model_merged.onnx' }],
      },
    ],
  });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});
beforeEach(async () => {
  // Only the commit is served: a download from "main" would 404.
  hub = await startFakeHub({ root: hubRoot, revisions: [FAKE_COMMIT] });
  dest = await mkdtemp(join(work, 'dest-'));
});
afterEach(async () => {
  await hub.close();
});

const entry = () => manifest.models[0];
const modelPath = () => join(dest, ...ID.split('/'));
const install = (extra: Partial<InstallOptions> = {}) =>
  installModels({ manifest, dest, source: { kind: 'hub', baseUrl: hub.baseUrl }, retry: FAST_RETRY, ...extra });
const stagingEmpty = async (): Promise<boolean> =>
  !existsSync(join(dest, '.staging')) || (await readdir(join(dest, '.staging'))).length === 0;

describe('git blob ids', () => {
  it('match `git hash-object` (known vectors) and hashFile computes the same in one pass with sha256', async () => {
    expect(gitBlobSha1(new Uint8Array(0))).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
    expect(gitBlobSha1(Buffer.from('hello world\n'))).toBe('3b18e512dba79e4c8300dd08aeb37f8e728b8dad');
    expect(gitBlobSha1(Buffer.from('test content\n'))).toBe('d670460b4b4aece5915caf5c68d12f560a9fe3e4');
    const p = join(work, 'hello.txt');
    await writeFile(p, 'hello world\n');
    expect(await hashFile(p, { gitSha1: true })).toEqual({
      size: 12,
      sha256: sha('hello world\n'),
      gitSha1: '3b18e512dba79e4c8300dd08aeb37f8e728b8dad',
    });
  });
});

describe('manifest schema', () => {
  const model = (extra: Record<string, unknown>) => ({
    version: 1,
    models: [{ id: 'a/b', role: 'speech-to-text', task: 't', license: 'MIT', ...extra }],
  });
  it('still requires size and sha256 for pinned files, and refuses them on hub-attested ones', () => {
    expect(() => parseManifest(model({ files: [{ path: 'config.json' }] }))).toThrow(/files\.0\.size/);
    expect(() => parseManifest(model({ hashes: 'pinned', files: [{ path: 'x', size: 1 }] }))).toThrow(/sha256/);
    const attested = model({ hashes: 'hub-attested', files: [{ path: 'x', size: 1, sha256: 'a'.repeat(64) }] });
    expect(() => parseManifest(attested)).toThrow(/lists only its path/);
    expect(() => parseManifest(model({ hashes: 'hub-attested', files: [] }))).toThrow(/at least one file/);
    expect(parseManifest(model({ hashes: 'hub-attested', files: [{ path: 'x' }] })).models[0]).toMatchObject({
      hashes: 'hub-attested',
      revision: 'main',
      built: false,
    });
  });
});

describe('installing a hub-attested model from the hub', () => {
  it('resolves main to a commit, downloads from that commit, verifies and records the attested hashes', async () => {
    const report = await install();
    expect(report.ok).toBe(true);
    expect(report.models[0]).toMatchObject({ status: 'installed', commit: FAKE_COMMIT });
    expect(report.models[0].files).toEqual(['config.json', 'tokenizer.json', ENC, DEC]);

    const apiCalls = hub.requests.filter((r) => r.url.startsWith('/api/')).map((r) => r.url);
    expect(apiCalls).toEqual([`/api/models/${ID}/revision/main`, `/api/models/${ID}/tree/${FAKE_COMMIT}?recursive=true`]);
    const downloads = hub.requests.filter((r) => r.url.includes('/resolve/'));
    expect(downloads).toHaveLength(4);
    expect(downloads.every((r) => r.url.startsWith(`/${ID}/resolve/${FAKE_COMMIT}/`) && r.status !== 404)).toBe(true);

    const marker = await readMarker(dest, ID);
    expect(marker).toMatchObject({ id: ID, revision: 'main', hashes: 'hub-attested', commit: FAKE_COMMIT });
    expect(marker?.files).toEqual(
      ['config.json', 'tokenizer.json', ENC, DEC].map((p) => ({ path: p, size: contents[p].length, sha256: sha(contents[p]) })),
    );
    for (const p of Object.keys(contents).filter((k) => k !== 'onnx/encoder_model.onnx')) {
      expect(sha(await readFile(join(modelPath(), p)))).toBe(sha(contents[p]));
    }
    expect(await isModelInstalled(dest, entry(), { verify: 'sha256' })).toBe(true);
    expect(await stagingEmpty()).toBe(true);
    expect(existsSync(join(dest, '.downloads'))).toBe(false);

    // Installed: a second run neither lists nor downloads (works offline).
    const before = hub.requests.length;
    expect((await install()).models[0].status).toBe('already-installed');
    expect(hub.requests.length).toBe(before);
  });

  it('verifies an install against the sizes and sha256 its marker recorded (--verify)', async () => {
    expect((await install()).models[0].status).toBe('installed');
    const cfg = join(modelPath(), 'config.json');
    await writeFile(cfg, Buffer.from((await readFile(cfg)).map((b) => b ^ 1)));
    expect(await isModelInstalled(dest, entry(), { verify: 'size' })).toBe(true);
    const check = await checkModelInstall(dest, entry(), { verify: 'sha256' });
    expect(check.installed).toBe(false);
    expect(check.problems).toEqual([`config.json checksum mismatch (expected ${sha(contents['config.json'])}, got ${sha(await readFile(cfg))})`]);
    // `npm run models -- --hub --verify` reinstalls it.
    expect((await install({ verify: 'sha256' })).models[0].status).toBe('installed');
    expect(await isModelInstalled(dest, entry(), { verify: 'sha256' })).toBe(true);
  });

  it('fails on a tampered LFS file (sha256 mismatch) and leaves no half install', async () => {
    hub.corrupt.add(ENC);
    const report = await install();
    expect(report.ok).toBe(false);
    expect(report.models[0].status).toBe('failed');
    expect(report.models[0].reason).toMatch(/^checksum mismatch for onnx\/encoder_model_quantized\.onnx: expected sha256 [0-9a-f]{64}, got/);
    expect(hub.requestsFor(ENC)).toHaveLength(2); // downloaded once more, then given up
    expect(existsSync(modelPath())).toBe(false);
    expect(existsSync(join(dest, '.downloads', ...ID.split('/'), `${ENC}.part`))).toBe(false);
    expect(await stagingEmpty()).toBe(true);
  });

  it('fails on a tampered small file (git blob sha1 mismatch) and leaves no half install', async () => {
    hub.corrupt.add('tokenizer.json');
    const report = await install();
    expect(report.models[0].status).toBe('failed');
    expect(report.models[0].reason).toContain(
      `checksum mismatch for tokenizer.json: expected git blob sha1 ${gitBlobSha1(contents['tokenizer.json'])}, got `,
    );
    expect(existsSync(modelPath())).toBe(false);
    expect(await readMarker(dest, ID)).toBeUndefined();
    expect(await stagingEmpty()).toBe(true);
  });

  it('reports a required file missing from the listing as unavailable, before downloading anything', async () => {
    hub.unlisted.add(DEC);
    const report = await install();
    expect(report.ok).toBe(true);
    expect(report.models[0].status).toBe('unavailable');
    expect(report.models[0].reason).toBe(
      `the hub listing of ${ID} at commit ${FAKE_COMMIT.slice(0, 12)} (revision main) has no size and hash for required ${DEC}`,
    );
    expect(hub.requests.filter((r) => r.url.includes('/resolve/'))).toEqual([]);
    expect(existsSync(modelPath())).toBe(false);
  });

  it('reports an unknown revision as unavailable', async () => {
    const m = structuredClone(manifest);
    m.models[0].revision = 'no-such-branch';
    const report = await install({ manifest: m });
    expect(report.models[0].status).toBe('unavailable');
    expect(report.models[0].reason).toMatch(/^revision no-such-branch of fake\/attested-asr not found on the hub \(HTTP 404/);
  });

  it('fails with a one-line network error (after retries) when the hub API is unreachable', async () => {
    const url = hub.baseUrl;
    await hub.close();
    hub = await startFakeHub({ root: hubRoot }); // afterEach closes this one
    const report = await installModels({ manifest, dest, source: { kind: 'hub', baseUrl: url }, retry: FAST_RETRY });
    expect(report.models[0].status).toBe('failed');
    expect(report.models[0].reason).toMatch(/^network error fetching .*\/api\/models\/fake\/attested-asr\/revision\/main: .*ECONNREFUSED.*gave up after 3 attempts\)$/);
    expect(existsSync(modelPath())).toBe(false);
  });

  it('installs the optional files the listing has and names the ones it lacks', async () => {
    const report = await install({ includeOptional: true });
    expect(report.models[0]).toMatchObject({ status: 'installed', skippedOptional: ['onnx/decoder_model_merged.onnx'] });
    expect(existsSync(join(modelPath(), 'onnx/encoder_model.onnx'))).toBe(true);
    expect((await checkModelInstall(dest, entry())).optionalPresent).toEqual(['onnx/encoder_model.onnx']);
  });

  it('lists a folder on its own when a mirror ignores recursive=true', async () => {
    await hub.close();
    hub = await startFakeHub({ root: hubRoot, revisions: [FAKE_COMMIT], ignoreRecursive: true });
    expect((await install()).models[0].status).toBe('installed');
    expect(hub.requests.map((r) => r.url)).toContain(`/api/models/${ID}/tree/${FAKE_COMMIT}/onnx`);
  });
});

describe('installing a hub-attested model from a folder', () => {
  it('is refused as unavailable with the reason and the hub command, copying nothing', async () => {
    const report = await installModels({ manifest, dest, source: { kind: 'dir', dir: hubRoot } });
    expect(report.ok).toBe(true);
    expect(report.models[0].status).toBe('unavailable');
    expect(report.models[0].reason).toBe(
      `its hashes are not pinned in the manifest; install it from the hub (\`npm run models -- --hub --only ${ID}\`), ` +
        'which attests them, or add sizes and sha256 to models/manifest.json',
    );
    expect(existsSync(join(dest, 'fake'))).toBe(false);
    // Once installed from the hub, a folder run just confirms it.
    expect((await install()).models[0].status).toBe('installed');
    const again = await installModels({ manifest, dest, source: { kind: 'dir', dir: hubRoot } });
    expect(again.models[0].status).toBe('already-installed');
  });
});
