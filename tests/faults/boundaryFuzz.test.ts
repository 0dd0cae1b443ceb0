// Property/fuzz tests over the two untrusted boundaries: NimbusServices.dispatch (what IPC and the web
// bridge call) and the CLI. Seeded, so a failure replays exactly. The properties:
//   dispatch: always a Result of the call's schema (never a throw), never 'internal', the stored
//   files untouched by a failed call and parseable after any call, the seeded data still there, and
//   Object.prototype never polluted;
//   CLI: exit code 0–3, no stack trace, the data folder still loads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NimbusServices } from '../../electron/core/app/services';
import { openUserData } from '../../electron/core/store/userData';
import { API_CALL_NAMES, ApiCalls, type ApiCallName } from '../../electron/shared/api';
import { notesPaths, tempDir, withDomainModel } from '../helpers/engine';
import { TSX, cliArgs } from '../helpers/cli';
import { Fuzz } from './fuzzGen';

const SEED = 0xf022;
const CALLS_PER_NAME = 60;
const CLI_RUNS = 28;

const root = tempDir('fuzz');
const paths = notesPaths(root.path);
afterAll(() => root.cleanup());
beforeAll(() => withDomainModel(paths));

/** The learner's documents (and their last good copies) by name, as bytes. */
function storeFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir)) if (/\.json(\.bak)?$/.test(f)) out[f] = readFileSync(join(dir, f), 'base64');
  return out;
}

async function expectStoresLoad(dir: string): Promise<void> {
  for (const [f, b64] of Object.entries(storeFiles(dir)))
    expect(() => JSON.parse(Buffer.from(b64, 'base64').toString('utf8')), f).not.toThrow();
  const data = await openUserData(dir);
  for (const r of data.reports) expect(r.status, JSON.stringify(r)).toBe('ok');
}

describe('NimbusServices.dispatch under random and hostile payloads', () => {
  it(`answers ${CALLS_PER_NAME} payloads per call with a Result and never corrupts stored data`, async () => {
    const dataDir = join(root.path, 'dispatch');
    const services = await NimbusServices.open({
      ...paths,
      dataDir,
      embedder: 'static',
      modelSource: { kind: 'dir', dir: join(root.path, 'no-such-model-source') },
    });
    // Seed data the fuzzing must never lose: a topic, a bookmark, an answered question.
    const topic = await services.dispatch('learn.add', {
      title: 'Amazon Seedbase',
      markdown: 'Seedbase keeps the seed rows.',
    });
    const hits = await services.dispatch('search', { query: 'NAT gateway', limit: 1 });
    if (!hits.ok) throw new Error('search failed');
    const ids = { section: hits.value[0].sectionId, chunk: hits.value[0].chunkId };
    const bookmark = await services.dispatch('bookmarks.add', {
      target: { kind: 'section', sectionId: ids.section },
      note: 'seed',
    });
    await services.dispatch('tutor', { cmd: 'start' });
    if (!topic.ok || !bookmark.ok) throw new Error('seeding failed');
    const seeded = { topic: topic.value, bookmark: bookmark.value };

    // Ids that name Object.prototype members must be unknown ids, not crashes (found by this fuzz).
    for (const id of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']) {
      for (const [name, payload] of [
        ['review.answer', { questionId: id, answer: 'x' }],
        ['bookmarks.remove', id],
        ['learn.remove', id],
        ['section', { sectionId: id }],
        ['tutor', { cmd: 'goto', lessonId: id }],
        ['tutor', { cmd: 'answer', questionId: id, answer: 'x' }],
      ] as const) {
        const r = await services.dispatch(name, payload);
        if (!r.ok) expect(r.error.code, `${name}(${id}): ${r.error.message}`).not.toBe('internal');
      }
    }

    const f = new Fuzz(SEED);
    const tally: Record<string, number> = {};
    const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    for (const name of API_CALL_NAMES) {
      for (let i = 0; i < CALLS_PER_NAME; i++) {
        const payload = f.payload(name, ids);
        const before = storeFiles(dataDir);
        const where = `${name} #${i} (seed ${SEED})`;
        let result: unknown;
        try {
          result = await services.dispatch(name as ApiCallName, payload);
        } catch (e) {
          throw new Error(`${where} threw: ${String(e)}`);
        }
        const parsed = ApiCalls[name].result.safeParse(result);
        expect(parsed.success, `${where}: not a Result of the contract: ${JSON.stringify(result)?.slice(0, 300)}`).toBe(
          true,
        );
        const r = result as { ok: boolean; error?: { code: string; message: string } };
        tally[r.ok ? 'ok' : (r.error?.code ?? '?')] = (tally[r.ok ? 'ok' : (r.error?.code ?? '?')] ?? 0) + 1;
        if (!r.ok) {
          expect(r.error?.code, `${where}: ${r.error?.message}`).not.toBe('internal');
          expect(storeFiles(dataDir), `${where} failed but changed the stored files`).toEqual(before);
        }
      }
    }
    console.log(`dispatch fuzz: ${API_CALL_NAMES.length * CALLS_PER_NAME} calls → ${JSON.stringify(tally)}`);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(tally.ok).toBeGreaterThan(50); // the near-valid payloads did get past the schemas
    expect(tally['invalid-request']).toBeGreaterThan(100);

    await expectStoresLoad(dataDir);
    const data = await openUserData(dataDir);
    expect(data.topics.read().items.find((t) => t.id === seeded.topic.id)).toEqual(seeded.topic);
    expect(data.bookmarks.read().items.find((b) => b.id === seeded.bookmark.id)?.note).toBe('seed');
    expect(Object.keys(data.progress.read().lessons).length).toBeGreaterThan(0);
  }, 240_000);
});

describe('the CLI under random argv and stdin', () => {
  /** Runs the CLI; `rawArg` (bytes) is appended through the shell, so argv can hold invalid UTF-8. */
  function run(args: string[], stdin: Buffer | null, dirs: { dataDir: string; modelsDir: string }, rawArg?: Buffer) {
    return new Promise<{ code: number | null; err: string; args: string[] }>((resolve) => {
      const argv = cliArgs(dirs, args);
      const env = {
        ...process.env,
        NIMBUS_DEBUG: '',
        NIMBUS_DATA_DIR: dirs.dataDir,
        NIMBUS_MODELS_PATH: dirs.modelsDir,
      };
      let p;
      if (rawArg) {
        const rawFile = join(root.path, `raw-${Math.random().toString(16).slice(2)}`);
        writeFileSync(rawFile, rawArg);
        p = spawn('/bin/sh', ['-c', 'exec "$@" "$(cat "$RAW")"', 'sh', TSX, ...argv], {
          env: { ...env, RAW: rawFile },
          cwd: root.path,
        });
      } else {
        p = spawn(TSX, argv, { env, cwd: root.path });
      }
      let err = '';
      p.stderr.on('data', (b: Buffer) => (err += b.toString()));
      p.stdout.resume();
      p.stdin.on('error', () => undefined); // the CLI may exit before reading it all
      p.stdin.end(stdin ?? undefined);
      const timer = setTimeout(() => p.kill('SIGKILL'), 60_000);
      p.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, err, args });
      });
    });
  }

  it(`exits 0–3 with one clear line, never a stack trace, over ${CLI_RUNS} random runs`, async () => {
    const dirs = { dataDir: join(root.path, 'cli'), modelsDir: paths.modelsRoot };
    mkdirSync(dirs.dataDir);
    const f = new Fuzz(SEED + 1);
    const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => f.int(256)));
    const arg = () => f.string().split('\u0000').join(''); // argv cannot carry NUL
    const file = (content: Buffer | string, ext: string) => {
      const p = join(root.path, `in-${f.int(1e9)}${ext}`);
      writeFileSync(p, content);
      return p;
    };
    const junkLines = () =>
      Buffer.concat([
        bytes(200),
        Buffer.from(`\n{"id":1,"question":${JSON.stringify(arg())}}\n{"cmd":"answer","answer":7}\n[]\nnull\n`),
        bytes(50),
      ]);
    const plans: (() => { args: string[]; stdin?: Buffer; raw?: Buffer })[] = [
      () => ({ args: ['ask', arg()] }),
      () => ({ args: ['ask'], raw: Buffer.concat([Buffer.from('what is '), bytes(8)]) }),
      () => ({ args: ['ask', '--jsonl'], stdin: junkLines() }),
      () => ({
        args: [
          'search',
          arg(),
          '--mode',
          f.pick(['hybrid', 'dense', 'nope', '']),
          '--k',
          f.pick(['3', '-1', 'x', '1e9']),
        ],
      }),
      () => ({ args: ['tutor', '--jsonl'], stdin: junkLines() }),
      () => ({ args: ['review', '--jsonl'], stdin: junkLines() }),
      () => ({
        args: [
          'bookmarks',
          f.pick(['add', 'list', 'note', 'remove', arg()]),
          arg(),
          '--section',
          arg(),
          '--note',
          arg(),
        ],
      }),
      () => ({ args: ['learn', 'add', '--title', arg(), '--text', arg()] }),
      () => ({ args: ['learn', 'add', '--file', file(bytes(300), f.pick(['.md', '.txt', '.exe']))] }),
      () => ({ args: ['learn', f.pick(['remove', 'list', arg()]), arg()] }),
      () => ({
        args: [
          'import',
          file(
            f.chance(0.5) ? bytes(400) : JSON.stringify({ format: 'nimbus-backup', version: 1, __proto__: 1 }),
            '.json',
          ),
        ],
      }),
      () => ({ args: ['export', join(root.path, `out-${f.int(1e6)}.json`)] }),
      () => ({ args: [f.pick(['progress', 'index', arg(), '--nope', '-x', '--k'])] }),
    ];
    const runs = Array.from({ length: CLI_RUNS }, () => f.pick(plans)());
    const results: Awaited<ReturnType<typeof run>>[] = [];
    for (let i = 0; i < runs.length; i += 2)
      // two at a time: 2 cores
      results.push(...(await Promise.all(runs.slice(i, i + 2).map((r) => run(r.args, r.stdin ?? null, dirs, r.raw)))));
    const codes: Record<string, number> = {};
    for (const r of results) {
      const where = `cli ${JSON.stringify(r.args).slice(0, 200)} → ${r.code}: ${r.err.slice(0, 500)}`;
      codes[String(r.code)] = (codes[String(r.code)] ?? 0) + 1;
      expect([0, 1, 2, 3], where).toContain(r.code);
      expect(r.err, where).not.toMatch(/^\s+at .+(:\d+:\d+\)?|\(node:.+\))$/m);
      expect(r.err, where).not.toMatch(/\b(TypeError|ReferenceError|RangeError|SyntaxError): /);
    }
    console.log(`cli fuzz: ${results.length} runs → exit codes ${JSON.stringify(codes)}`);
    expect(codes['2'] ?? 0).toBeGreaterThan(0);
    await expectStoresLoad(dirs.dataDir);
  }, 240_000);
});
