/**
 * A real package, as far as this machine allows: the project is copied to a temp folder, `npm run
 * dist:prepare` builds the domain model and the app there (never touching the repo's out/, which
 * other tests read), and electron-builder packs an unpacked Linux app from electron-builder.yml.
 * Electron's zip can't be downloaded here, so a stand-in "Electron" (a file with a fuse wire) is
 * passed as electronDist: everything else (app.asar, asarUnpack, extraResources, the afterPack
 * fuses hook) is electron-builder's real work, checked below.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import asar from '@electron/asar';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUSES } from '../../build/afterPack.mjs';
import { KnowledgeEngine } from '../../electron/core/engine/KnowledgeEngine';
import { domainModelDocuments } from '../../electron/core/engine/domainModel';
import { hashDocuments, isDomainModelCurrent } from '../../electron/core/models/staticModel/index';
import { packagedPaths } from '../../electron/main/resourcePaths';
import {
  MISSING,
  REPO,
  WEIGHT_FILE,
  dependencyGraph,
  excludedPackages,
  hubModelFiles,
  listFiles,
  loadBuilderConfig,
  sha256,
} from './helpers';

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'; // @electron/fuses' marker before the wire
const ARCH = process.arch === 'arm64' ? 'arm64' : 'x64';
const OTHER_ARCH = ARCH === 'arm64' ? 'x64' : 'arm64';
// Things a project folder holds that must not reach the package (planted or copied below).
const HUB_WEIGHT = 'Xenova/all-MiniLM-L6-v2/onnx/model_quantized.onnx';

let tmp: string;
let appDir: string; // <output>/linux-unpacked
let resources: string;
let entries: string[]; // app.asar's files
let extracted: string; // app.asar with app.asar.unpacked merged in: the tree the app's requires see
let buildLog = '';

function run(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', CSC_IDENTITY_AUTO_DISCOVERY: 'false', NIMBUS_MODELS_PATH: '' },
  });
  buildLog += `$ ${cmd} ${args.join(' ')}\n${r.stdout}${r.stderr}`;
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${buildLog.slice(-4000)}`);
}

/** The project as `npm run dist` sees it, plus the kind of clutter a developer's checkout holds. */
function stageProject(proj: string): void {
  for (const f of [
    'package.json',
    'package-lock.json',
    'electron-builder.yml',
    'electron.vite.config.ts',
    'tsconfig.json',
  ])
    cpSync(join(REPO, f), join(proj, f));
  for (const d of ['build', 'content', 'electron', 'renderer', 'models/vendor'])
    cpSync(join(REPO, d), join(proj, d), { recursive: true });
  for (const f of ['manifest.json', 'install.ts', 'README.md'])
    cpSync(join(REPO, 'models', f), join(proj, 'models', f));
  // A real copy, not a symlink to the repo's node_modules: electron-builder collects the production
  // dependencies with `npm list`, and through a symlinked node_modules npm sees every package as a
  // link to a folder outside the project, whose own dependencies (hnswlib-node → bindings, conf →
  // ajv, …) it then reports missing, unless npm's cache of the tree (node_modules/.package-lock.json)
  // happens to be newer than node_modules itself. (It also keeps the build from writing into the
  // repo's node_modules.)
  run('cp', ['-a', join(REPO, 'node_modules'), join(proj, 'node_modules')], proj);
  const plant = (rel: string, text = 'x'): void => {
    mkdirSync(join(proj, rel, '..'), { recursive: true });
    writeFileSync(join(proj, rel), text);
  };
  plant(`models/${HUB_WEIGHT}`, 'not really weights');
  plant('models/Xenova/all-MiniLM-L6-v2/config.json', '{}');
  plant('models/.staging/Xenova/whisper-tiny.en/config.json', '{}');
  plant('models/.downloads/Xenova/whisper-tiny.en/onnx/encoder_model_quantized.onnx.part');
  plant('models/nimbus/aws-notes-static/notes.txt'); // a stray file inside the shipped model folder
  plant('tests/core/sample.test.ts', 'export {};');
  plant('content/draft.md.orig');
}

/** A stand-in Electron distribution: a Linux "binary" holding Electron 41's default fuse wire. */
function fakeElectronDist(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, 9]), Buffer.from('101100011')]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.alloc(8192, 0x90), wire, Buffer.alloc(8192, 0x90)]), {
    mode: 0o755,
  });
  writeFileSync(join(dir, 'LICENSE'), 'stand-in');
  writeFileSync(join(dir, 'version'), 'stand-in');
}

const files = (): string[] => entries.filter((e) => statOf(e) !== 'dir');
function statOf(entry: string): 'dir' | 'packed' | 'unpacked' {
  const s = asar.statFile(join(resources, 'app.asar'), entry, false) as { files?: unknown; unpacked?: boolean };
  return s.files ? 'dir' : s.unpacked ? 'unpacked' : 'packed';
}

describe.skipIf(process.platform !== 'linux')('an unpacked Linux package built from electron-builder.yml', () => {
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'nimbus-pack-'));
    const proj = join(tmp, 'project');
    mkdirSync(join(proj, 'models'), { recursive: true });
    stageProject(proj);
    fakeElectronDist(join(tmp, 'electron'));
    run('npm', ['run', '-s', 'dist:prepare'], proj);
    const builder = join(REPO, 'node_modules', '.bin', 'electron-builder');
    run(
      builder,
      [
        '--linux',
        'dir',
        `--${ARCH}`,
        `-c.electronDist=${join(tmp, 'electron')}`,
        `-c.directories.output=${join(tmp, 'dist')}`,
      ],
      proj,
    );
    appDir = join(tmp, 'dist', ARCH === 'x64' ? 'linux-unpacked' : `linux-${ARCH}-unpacked`);
    resources = join(appDir, 'resources');
    entries = asar
      .listPackage(join(resources, 'app.asar'), { isPack: false })
      .map((e) => e.replace(/\\/g, '/').slice(1));
    extracted = join(tmp, 'extracted');
    asar.extractAll(join(resources, 'app.asar'), extracted); // unpacked files come from app.asar.unpacked
  }, 240_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('holds the built app: main, preload and the renderer with its assets', () => {
    const all = files();
    for (const f of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json'])
      expect(all).toContain(f);
    const html = asar.extractFile(join(resources, 'app.asar'), 'out/renderer/index.html').toString('utf8');
    const assets = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => `out/renderer/${m[1]}`);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    for (const a of assets) expect(all).toContain(a);
  });

  it('holds no sources, tests, maps, notes or models inside app.asar', () => {
    const top = new Set(entries.map((e) => e.split('/')[0]));
    expect([...top].sort()).toEqual(['node_modules', 'out', 'package.json']);
    const bad = files().filter((f) => /\.(ts|tsx|mts|cts|map)$/.test(f) || /(^|\/)(tests?|__tests__)\//.test(f));
    expect(bad).toEqual([]);
  });

  it('ships production dependencies only, and every package the main bundle imports', () => {
    const manifest = JSON.parse(asar.extractFile(join(resources, 'app.asar'), 'package.json').toString('utf8')) as {
      name: string;
      main: string;
      productName?: string;
      devDependencies?: object;
    };
    expect(manifest).toMatchObject({ name: 'nimbus-tutor', main: 'out/main/index.js' });
    expect(manifest.productName).toBeUndefined(); // userData stays ~/.config/nimbus-tutor (shared with the CLI)
    expect(manifest.devDependencies).toBeUndefined();
    const modules = new Set(entries.filter((e) => /^node_modules\/(@[^/]+\/)?[^/@]+$/.test(e)).map((e) => e.slice(13)));
    for (const dev of [
      'electron',
      'electron-builder',
      'electron-vite',
      'vite',
      'vitest',
      'typescript',
      '@electron/fuses',
      'react',
      'react-dom',
    ])
      expect(modules.has(dev), dev).toBe(false);
    const mainJs = files().filter((f) => f.startsWith('out/main/') && f.endsWith('.js'));
    const imported = new Set<string>();
    for (const f of mainJs) {
      const code = asar.extractFile(join(resources, 'app.asar'), f).toString('utf8');
      // import/export statements and dynamic imports at the start of a line (not prose in comments)
      for (const m of code.matchAll(
        /^\s*(?:(?:import|export)\b[^'"`;]*?\bfrom\s*|import\s*\(?\s*)["']([^"'./][^"']*)["']/gm,
      )) {
        const spec = m[1];
        if (spec.startsWith('node:') || spec === 'electron') continue;
        imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
      }
    }
    expect(imported.size).toBeGreaterThan(3);
    for (const name of imported) expect(modules.has(name), `main imports ${name}`).toBe(true);
  });

  it('unpacks native code (and sharp’s libvips) and keeps only this platform’s onnxruntime', () => {
    const natives = files().filter((f) => f.endsWith('.node') || /\.(so|dylib|dll)(\.\d+)*$/.test(f));
    expect(natives.some((f) => f.includes('hnswlib-node'))).toBe(true);
    expect(natives.some((f) => f.includes('libvips'))).toBe(true);
    expect(natives.filter((f) => statOf(f) !== 'unpacked')).toEqual([]);
    const ort = natives.filter((f) => f.startsWith('node_modules/onnxruntime-node/'));
    expect(ort.length).toBeGreaterThan(0);
    expect(ort.every((f) => f.startsWith(`node_modules/onnxruntime-node/bin/napi-v3/linux/${ARCH}/`))).toBe(true);
    expect(entries.some((e) => e.includes(`/linux/${OTHER_ARCH}/`) || /\/(darwin|win32)\//.test(e))).toBe(false);
    // the browser builds and WebAssembly runtimes are left out
    expect(files().filter((f) => f.endsWith('.wasm'))).toEqual([]);
    expect(files()).toContain('node_modules/onnxruntime-web/dist/ort-web.node.js');
  });

  it('copies exactly the notes, the manifest, the vendored tokenizer and the built domain model', () => {
    expect(listFiles(join(resources, 'content'))).toEqual(
      listFiles(join(REPO, 'content')).filter((f) => !f.endsWith('.orig')),
    );
    const domain = JSON.parse(
      readFileSync(join(resources, 'models/nimbus/aws-notes-static/nimbus-model.json'), 'utf8'),
    ) as {
      files: Record<string, unknown>;
    };
    const expected = [
      'manifest.json',
      ...listFiles(join(REPO, 'models/vendor/all-MiniLM-L6-v2')).map((f) => `vendor/all-MiniLM-L6-v2/${f}`),
      ...[...Object.keys(domain.files), 'nimbus-model.json'].map((f) => `nimbus/aws-notes-static/${f}`),
    ].sort();
    expect(listFiles(join(resources, 'models'))).toEqual(expected);
  });

  it('ships no downloaded hub weights', () => {
    const shipped = listFiles(join(resources, 'models'));
    const hub = hubModelFiles();
    expect(shipped.filter((f) => hub.some((h) => h.path === f))).toEqual([]);
    const hubHashes = new Set(hub.map((h) => h.sha256));
    const weights = shipped.filter((f) => WEIGHT_FILE.test(f));
    expect(weights.every((f) => f.startsWith('nimbus/aws-notes-static/onnx/'))).toBe(true);
    expect(weights.filter((f) => hubHashes.has(sha256(join(resources, 'models', f))))).toEqual([]);
    expect(shipped).not.toContain(HUB_WEIGHT);
  });

  it('answers from its own resources without writing to them', async () => {
    const paths = packagedPaths(resources, {});
    const docs = await domainModelDocuments(paths.contentDir);
    expect(await isDomainModelCurrent(paths.modelsRoot, hashDocuments(docs))).toBe(true);
    const before = listFiles(resources).map((f) => `${f}:${statSync(join(resources, f)).mtimeMs}`);
    const data = mkdtempSync(join(tmp, 'userdata-'));
    const engine = await KnowledgeEngine.open({ ...paths, dataDir: data, embedder: 'auto' });
    const answer = await engine.ask('what is the difference between a security group and a NACL?');
    expect(answer.abstained).toBe(false);
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(listFiles(resources).map((f) => `${f}:${statSync(join(resources, f)).mtimeMs}`)).toEqual(before);
  });

  it('ships every production dependency where the app’s requires find it, at the version the project uses', async () => {
    // In Electron a module in app.asar.unpacked still runs under its app.asar/… path (Electron serves
    // the reads and the dlopen from app.asar.unpacked), so its requires resolve inside the archive
    // like any other module's: checked on the extracted tree, packed and unpacked files merged.
    const skipped = excludedPackages(await loadBuilderConfig(join(tmp, 'project')));
    expect(skipped).toEqual(expect.arrayContaining(['react', 'react-dom', 'cli-progress']));
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const roots = Object.keys(pkg.dependencies).filter((d) => !skipped.includes(d));
    const project = dependencyGraph(REPO, roots).edges;
    const shipped = dependencyGraph(extracted, roots).edges;
    expect(project.filter((e) => e.endsWith(`@${MISSING}`))).toEqual([]); // else: npm ci
    expect(project.some((e) => /^hnswlib-node@\S+ > bindings@/.test(e))).toBe(true); // a native module's own dependency
    expect(shipped.filter((e) => e.endsWith(`@${MISSING}`))).toEqual([]);
    expect(project.filter((e) => !shipped.includes(e))).toEqual([]);
  });

  it('loads its native modules and embeds with the shipped model from the packaged tree', () => {
    const probe = join(extracted, 'out', 'main', 'probe.mjs');
    writeFileSync(
      probe,
      `import { env, pipeline } from '@xenova/transformers';
import hnswlib from 'hnswlib-node';
env.localModelPath = process.argv[2] + '/'; env.allowRemoteModels = false; env.useFSCache = false;
const extract = await pipeline('feature-extraction', 'nimbus/aws-notes-static');
const out = await extract(['an S3 bucket policy'], { pooling: 'mean', normalize: true });
const index = new hnswlib.HierarchicalNSW('cosine', out.dims[1]);
index.initIndex(4);
index.addPoint(Array.from(out.data), 0);
console.log(JSON.stringify({ dims: out.dims, nearest: index.searchKnn(Array.from(out.data), 1).neighbors }));
`,
    );
    const env = { ...process.env };
    delete env.NODE_PATH; // only the packaged node_modules may answer the probe's requires
    const r = spawnSync(process.execPath, [probe, join(resources, 'models')], { cwd: tmp, encoding: 'utf8', env });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}')).toEqual({ dims: [1, 256], nearest: [0] });
  });

  it('has its fuses flipped by the afterPack hook', async () => {
    const wire = await getCurrentFuseWire(join(appDir, 'nimbus-tutor'));
    const fuses = Object.values(FuseV1Options).filter((v): v is FuseV1Options => typeof v === 'number');
    for (const fuse of fuses)
      expect(wire[fuse], FuseV1Options[fuse]).toBe(FUSES[fuse] ? FuseState.ENABLE : FuseState.DISABLE);
  });
});
