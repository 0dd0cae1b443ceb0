// Kill points: a child process (killChild.ts) writes progress, bookmarks and self-learned topics (and,
// in some runs, the engine's vector index) and is SIGKILLed at a random moment, over and over. After
// every kill the data is re-opened here and must hold everything the child acknowledged; every file
// must load as it is (or be recovered), and the temp files of killed writes must not matter.
//
// Two lanes run side by side (2 cores). Each store-only lane keeps one data folder for all its kill
// points, so later runs start from whatever earlier kills left behind; engine runs use a fresh copy
// of a pre-built data folder. The child is bundled once with esbuild (already here, through tsx): it
// is ready in ~0.1 s instead of ~0.3 s with `node --import tsx`, which keeps 200+ kill points fast.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { KnowledgeEngine } from '../../electron/core/engine/KnowledgeEngine';
import { ensureDomainModel } from '../../electron/core/engine/domainModel';
import { indexDirFor } from '../../electron/core/engine/vectorStore';
import { chunkSections } from '../../electron/core/knowledge/chunkNotes';
import { sectionsOf } from '../../electron/core/learn/topics';
import { DOMAIN_MODEL_ID } from '../../electron/core/models/staticModel/index';
import { HnswVectorIndex } from '../../electron/core/retrieval/vectorIndex';
import { openUserData } from '../../electron/core/store/userData';
import { mulberry32 } from '../../electron/core/util/prng';
import { defaultContentDir, vendoredTokenizerDir } from '../../electron/core/paths';
import { REPO, tempDir } from '../helpers/engine';
import { topicTitleOf, topicWordOf, type KillChildConfig } from './killNames';

const SEED = 0x5eed_2025;
const LANES = 2;
const POINTS_PER_LANE = 104; // 208 kill points
const ENGINE_EVERY = 8; // every 8th kill point of a lane opens the engine: 26 in all

const root = tempDir('kill');
const modelsRoot = join(root.path, 'models');
const template = join(root.path, 'engine-template');
const bundleDir = join(REPO, '.cache', 'faults', `kill-${process.pid}`);
const child = join(bundleDir, 'killChild.js');
const engineDirs = { contentDir: defaultContentDir(), modelsRoot, tokenizerDir: vendoredTokenizerDir() };

interface Acked {
  progress: Map<number, string>;
  bookmark: Map<number, string>;
  topic: Map<number, string>;
}
const emptyAcked = (): Acked => ({ progress: new Map(), bookmark: new Map(), topic: new Map() });

interface Figures {
  points: number;
  engineRuns: number;
  acks: number;
  killedBeforeReady: number;
  /** Acks the kill plans waited for: the acks seen must be at least this many. */
  plannedAcks: number;
  recovered: number;
  /** Main files truncated on purpose after a kill (a torn write some other way): each must be recovered. */
  corrupted: number;
  tempLeftovers: number;
}

beforeAll(async () => {
  await ensureDomainModel({ modelsRoot, contentDir: engineDirs.contentDir, tokenizerDir: engineDirs.tokenizerDir });
  await KnowledgeEngine.open({ ...engineDirs, dataDir: template, embedder: 'static' }); // builds the index once
  await build({
    entryPoints: [join(__dirname, 'killChild.ts')],
    outdir: bundleDir,
    bundle: true,
    splitting: true, // the engine is its own chunk, loaded only by the runs that open it
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['hnswlib-node', '@xenova/transformers', 'onnxruntime-node', 'sharp'],
    logLevel: 'silent',
  });
});
afterAll(() => {
  rmSync(bundleDir, { recursive: true, force: true });
  root.cleanup();
});

/** When to kill: `delayMs` after spawn (while it opens), or `delayMs` after its `afterAcks`-th ack. */
type KillPlan = { fromSpawn: true; delayMs: number } | { fromSpawn: false; afterAcks: number; delayMs: number };

/** Runs the child until it is killed as planned; returns the acks it printed. */
function runChild(cfg: KillChildConfig, plan: KillPlan): Promise<{ acks: string[]; ready: boolean }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, JSON.stringify(cfg)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let ready = false;
    let armed = false;
    const kill = () => p.kill('SIGKILL');
    const guard = setTimeout(kill, 15_000);
    if (plan.fromSpawn) setTimeout(kill, plan.delayMs);
    p.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      ready ||= out.includes('ready\n');
      const acks = out.split('\n').filter((l) => l.startsWith('ack ')).length;
      if (!plan.fromSpawn && !armed && ready && acks >= plan.afterAcks) {
        armed = true;
        setTimeout(kill, plan.delayMs);
      }
    });
    p.stderr.on('data', (b: Buffer) => (err += b.toString()));
    p.on('error', reject);
    p.on('close', (code, signal) => {
      clearTimeout(guard);
      if (signal !== 'SIGKILL') return reject(new Error(`child ended on its own (${code}): ${err}`));
      // Only complete lines count: a line cut by the kill was never fully acknowledged.
      const lines = out.split('\n').slice(0, -1);
      resolve({ acks: lines.filter((l) => l.startsWith('ack ')), ready });
    });
  });
}

function record(acked: Acked, lines: string[]): void {
  for (const line of lines) {
    const [, kind, n, id] = line.split(' ');
    const map = acked[kind as keyof Acked];
    if (!map) throw new Error(`odd ack line: ${line}`);
    map.set(Number(n), id);
  }
}

const STORE_TEMP = /^\.(settings|progress|reviews|bookmarks|topics)\.json(\.bak)?\.\d+\.[0-9a-f]{8}\.tmp$/;

/**
 * Re-opens everything in this process and checks it against what the child acknowledged. `damaged`:
 * the document whose main file was truncated after the kill; it must come back from its last good
 * copy, still holding everything acknowledged (the copy is written before the ack).
 */
async function verify(
  dir: string,
  acked: Acked,
  engineRun: boolean,
  figures: Figures,
  damaged: string | null,
): Promise<void> {
  const files = readdirSync(dir);
  figures.tempLeftovers += files.filter((f) => f.endsWith('.tmp')).length;
  // Every document and every last good copy parses as it was left by the kill.
  for (const f of files.filter(
    (name) => /\.json(\.bak)?$/.test(name) && !name.includes('.corrupt-') && name !== damaged,
  ))
    expect(() => JSON.parse(readFileSync(join(dir, f), 'utf8')), f).not.toThrow();

  const data = await openUserData(dir);
  for (const r of data.reports) {
    const doc = `${r.document}.json`;
    expect(r.status, JSON.stringify(r)).toBe(doc === damaged ? 'recovered' : r.status === 'created' ? 'created' : 'ok');
    if (doc === damaged && existsSync(join(dir, `${doc}.bak`))) expect(r.message).toMatch(/last good copy/);
  }
  figures.recovered += data.reports.filter((r) => r.status === 'recovered').length;
  const lessons = data.progress.read().lessons;
  for (const [n, lessonId] of acked.progress) expect(lessons[lessonId]?.answered[`q-${n}`]?.result).toBe('correct');
  const bookmarks = new Map(data.bookmarks.read().items.map((b) => [b.id, b]));
  for (const [n, id] of acked.bookmark) expect(bookmarks.get(id)?.note).toBe(`note ${n}`);
  const topics = new Map(data.topics.read().items.map((t) => [t.id, t]));
  for (const [n, id] of acked.topic) expect(topics.get(id)?.title).toBe(topicTitleOf(n));
  expect(readdirSync(dir).filter((f) => STORE_TEMP.test(f))).toEqual([]);
  if (!engineRun) return;

  // The index as the kill left it loads, and holds the chunks of every acknowledged topic
  // (LearnService saves the index before the topic, so an ack means both are on disk).
  const indexDir = indexDirFor(dir, DOMAIN_MODEL_ID);
  figures.tempLeftovers += readdirSync(indexDir).filter((f) => f.endsWith('.tmp')).length;
  const loaded = HnswVectorIndex.load(indexDir, { modelId: DOMAIN_MODEL_ID, dims: 256 });
  if (!loaded.ok) throw new Error(`index does not load after a kill: ${loaded.reason}: ${loaded.message}`);
  const ackedTopics = [...acked.topic.values()].map((id) => topics.get(id)).filter((t) => t !== undefined);
  for (const c of chunkSections(sectionsOf(ackedTopics))) expect(loaded.index.has(c.id), c.id).toBe(true);
  const engine = await KnowledgeEngine.open({
    ...engineDirs,
    dataDir: dir,
    embedder: 'static',
    extraSections: sectionsOf(data.topics.read().items),
  });
  expect(engine.info().index.origin).toBe('loaded');
  for (const n of acked.topic.keys()) {
    const [hit] = await engine.search(topicWordOf(n), { k: 1 });
    expect(hit?.chunk.headingPath).toContain(`Topic: ${topicTitleOf(n)}`);
  }
}

async function runLane(lane: number): Promise<Figures> {
  const rand = mulberry32(SEED + lane);
  const storesDir = join(root.path, `lane-${lane}`);
  mkdirSync(storesDir);
  const storeAcked = emptyAcked();
  const figures: Figures = {
    points: 0,
    engineRuns: 0,
    acks: 0,
    killedBeforeReady: 0,
    plannedAcks: 0,
    recovered: 0,
    corrupted: 0,
    tempLeftovers: 0,
  };
  for (let k = 0; k < POINTS_PER_LANE; k++) {
    const engineRun = k % ENGINE_EVERY === ENGINE_EVERY - 1;
    let dir = storesDir;
    if (engineRun) {
      dir = join(root.path, `engine-${lane}-${k}`);
      cpSync(template, dir, { recursive: true });
    }
    // One kill in ten lands while the child is still opening (creating files, recovering, indexing);
    // the others after 0–7 acknowledged writes plus 0–4 ms, i.e. anywhere inside a later write.
    const plan: KillPlan =
      rand() < 0.1
        ? { fromSpawn: true, delayMs: rand() * (engineRun ? 800 : 200) }
        : { fromSpawn: false, afterAcks: Math.floor(rand() * 8), delayMs: rand() * 4 };
    if (!plan.fromSpawn) figures.plannedAcks += plan.afterAcks;
    const cfg: KillChildConfig = {
      dataDir: dir,
      start: (lane * 1000 + k) * 1000,
      engine: engineRun ? engineDirs : null,
    };
    const run = await runChild(cfg, plan);
    const acked = engineRun ? emptyAcked() : storeAcked;
    record(acked, run.acks);
    // Now and then the kill is followed by damage of another kind: a main file cut in half.
    let damaged: string | null = null;
    const candidates = ['progress.json', 'bookmarks.json', 'topics.json'].filter(
      (f) => existsSync(join(dir, f)) && statSync(join(dir, f)).size > 20,
    );
    if (!engineRun && candidates.length && rand() < 0.15) {
      damaged = candidates[Math.floor(rand() * candidates.length)];
      truncateSync(join(dir, damaged), Math.floor(statSync(join(dir, damaged)).size / 2));
      figures.corrupted++;
    }
    figures.points++;
    figures.acks += run.acks.length;
    if (engineRun) figures.engineRuns++;
    if (!run.ready) figures.killedBeforeReady++;
    await verify(dir, acked, engineRun, figures, damaged);
    if (engineRun) rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

describe('SIGKILL at random points while writing', () => {
  it('loses nothing acknowledged, and every file loads or is recovered (200+ kill points)', async () => {
    const t0 = performance.now();
    const lanes = await Promise.all(Array.from({ length: LANES }, (_, lane) => runLane(lane)));
    const total = lanes.reduce((a, f) => {
      for (const key of Object.keys(a) as (keyof Figures)[]) a[key] += f[key];
      return a;
    });
    console.log(`kill loop: ${JSON.stringify(total)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    expect(total.points).toBeGreaterThanOrEqual(200);
    expect(total.engineRuns).toBeGreaterThanOrEqual(20);
    // The loop really did kill writers at work, and also while they were still opening.
    expect(total.acks).toBeGreaterThanOrEqual(total.plannedAcks);
    expect(total.plannedAcks).toBeGreaterThan(total.points * 2);
    expect(total.killedBeforeReady).toBeGreaterThan(0);
    // Kills alone never damage a file (atomic writes); the deliberate damage was always recovered.
    expect(total.corrupted).toBeGreaterThan(5);
    expect(total.recovered).toBe(total.corrupted);
  }, 180_000);
});
