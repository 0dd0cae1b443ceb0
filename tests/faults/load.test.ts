// Load: 1,000 questions back to back through NimbusServices (in this process), and rounds of 100
// concurrent requests over the web bridge (server here, services in their worker process), with the
// resident memory (RSS) measured after a warm-up and after the load, each after a full GC.
//
// Bound (stated in the README, "Tested limits"): RSS may grow by at most 50 MB over the 1,000 asks,
// and by at most 50 MB in the server and in the worker over 500 bridged requests. Measured on the
// 2-core dev machine: +2.5 MB (asks), +0.9 MB server and +7.7 MB worker (bridge).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { NimbusServices } from '../../electron/core/app/services';
import { TOKEN_HEADER, type ApiCallName } from '../../electron/shared/api';
import { notesPaths, tempDir, withDomainModel } from '../helpers/engine';
import { startTestWeb } from '../helpers/web';

export const RSS_GROWTH_BOUND_MB = 50;
const MB = 1024 * 1024;

// vitest's fork does not run with --expose-gc; the flag can still be set at run time.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
async function settledRss(pid?: number): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 20));
  }
  if (pid === undefined) return process.memoryUsage().rss;
  // Another process (the services worker): its VmRSS, Linux only.
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

const QUESTIONS = [
  'What is the difference between a security group and a NACL?',
  'How much memory can a Lambda function have?',
  'What does a NAT gateway do?',
  'Which S3 storage class is cheapest for archives?',
  'redis or memcached for persistence?',
  'How do I attach an EBS volume to an EC2 instance?',
  'What is an availability zone?',
  'How does DynamoDB scale?',
  'What is the maximum timeout of a Lambda function?',
  'How do I deploy a Django app with Elastic Beanstalk?', // abstains
];
/** Distinct questions (the query cache keeps 500), from the notes and out of them. */
const question = (i: number) => `${QUESTIONS[i % QUESTIONS.length]} (${i})`;

const root = tempDir('load');
const paths = notesPaths(root.path);
beforeAll(() => withDomainModel(paths));
afterAll(() => root.cleanup());

describe('load', () => {
  it(`answers 1,000 questions back to back with RSS growth under ${RSS_GROWTH_BOUND_MB} MB`, async () => {
    const services = await NimbusServices.open({ ...paths, dataDir: join(root.path, 'asks'), embedder: 'static' });
    for (let i = 0; i < 100; i++) expect((await services.dispatch('ask', question(i))).ok).toBe(true); // warm-up
    const before = await settledRss();
    const t0 = performance.now();
    let answered = 0;
    for (let i = 100; i < 1100; i++) {
      const r = await services.dispatch('ask', question(i));
      if (r.ok) answered++;
    }
    const ms = performance.now() - t0;
    const after = await settledRss();
    const growth = (after - before) / MB;
    console.log(
      `1,000 asks in ${(ms / 1000).toFixed(1)} s (${(ms / 1000).toFixed(2)} ms each); RSS ${(before / MB).toFixed(0)} → ${(after / MB).toFixed(0)} MB (${growth.toFixed(1)} MB)`,
    );
    expect(answered).toBe(1000);
    expect(growth).toBeLessThan(RSS_GROWTH_BOUND_MB);
  }, 120_000);

  it(`serves 5 rounds of 100 concurrent bridge requests, RSS growth under ${RSS_GROWTH_BOUND_MB} MB per process`, async () => {
    const { web, app, cleanup } = await startTestWeb('load', { modelsRoot: paths.modelsRoot });
    try {
      const workerPid = (app.services as { pid?: number | null }).pid ?? undefined;
      const calls: [ApiCallName, unknown][] = [
        ['ask', null],
        ['search', null],
        ['info', undefined],
        ['catalog', undefined],
        ['bookmarks.list', undefined],
      ];
      const post = async (i: number) => {
        const [name, fixed] = calls[i % calls.length];
        const request = fixed !== null ? fixed : name === 'ask' ? question(i) : { query: question(i), limit: 8 };
        const res = await fetch(`${web.origin}/api/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: web.origin, [TOKEN_HEADER]: web.token },
          body: JSON.stringify({ request }),
        });
        return res.status === 200 && ((await res.json()) as { ok: boolean }).ok;
      };
      const round = async (r: number) =>
        (await Promise.all(Array.from({ length: 100 }, (_, i) => post(r * 100 + i)))).filter(Boolean).length;
      expect(await round(0)).toBe(100); // warm-up
      const server0 = await settledRss();
      const worker0 = workerPid ? await settledRss(workerPid) : NaN;
      const t0 = performance.now();
      let ok = 0;
      for (let r = 1; r <= 5; r++) ok += await round(r);
      const ms = performance.now() - t0;
      const server1 = await settledRss();
      const worker1 = workerPid ? await settledRss(workerPid) : NaN;
      const serverGrowth = (server1 - server0) / MB;
      const workerGrowth = (worker1 - worker0) / MB;
      console.log(
        `500 bridged requests (100 at a time) in ${(ms / 1000).toFixed(1)} s; server RSS +${serverGrowth.toFixed(1)} MB, ` +
          `worker (pid ${workerPid ?? 'in-process'}) RSS ${(worker0 / MB).toFixed(0)} → ${(worker1 / MB).toFixed(0)} MB (+${workerGrowth.toFixed(1)} MB)`,
      );
      expect(ok).toBe(500);
      expect(serverGrowth).toBeLessThan(RSS_GROWTH_BOUND_MB);
      // The worker cannot be told to GC from here; its figure includes garbage not yet collected.
      if (workerPid) expect(workerGrowth).toBeLessThan(RSS_GROWTH_BOUND_MB);
    } finally {
      await cleanup();
    }
  }, 120_000);
});
