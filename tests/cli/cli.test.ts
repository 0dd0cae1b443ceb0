import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/engine';
import { runCli } from '../helpers/cli';

// The CLI as a user runs it: real process, real exit codes, stdout/stderr kept apart.
const models = tempDir('cli-models');
const data = tempDir('cli-data');
const dirs = { dataDir: data.path, modelsDir: models.path };
const cli = (args: string[], input?: string) => runCli(dirs, args, input);

beforeAll(() => {
  const r = cli(['index']);
  expect(r.code).toBe(0);
});
afterAll(() => {
  models.cleanup();
  data.cleanup();
});

describe('cli', () => {
  it('ask prints a readable answer with its sources', () => {
    const r = cli(['ask', 'what is a NAT gateway for?']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Sources:');
    expect(r.out).toMatch(/NAT Gateway/);
    expect(r.out).toMatch(/static-domain embedder/);
  });

  it('ask --jsonl answers each line in the scorer format and reports bad lines per line', () => {
    const input = [
      JSON.stringify({ id: 'a', question: 'What is S3 versioning?' }),
      '{not json',
      JSON.stringify({ id: 'b' }),
      JSON.stringify({ id: 'c', question: '' }),
      JSON.stringify({ id: 7, question: 'x'.repeat(100_000) }),
      JSON.stringify({ id: 'd', question: 'what is a good sourdough hydration' }),
    ].join('\n');
    const r = cli(['ask', '--jsonl'], input);
    expect(r.code).toBe(0);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(6);
    const [a, bad, noQ, empty, huge, oos] = lines;
    expect(Object.keys(a).sort()).toEqual(['abstained', 'answer', 'citations', 'hits', 'id', 'ms']);
    expect((a.hits as unknown[]).length).toBe(10);
    expect(a.abstained).toBe(false);
    expect(bad).toEqual({ id: null, error: 'line 2: not valid JSON' });
    expect(noQ.id).toBe('b');
    expect(noQ.error).toMatch(/expected/);
    expect(empty.error).toMatch(/empty/);
    expect(huge.id).toBe(7);
    expect(huge.error).toMatch(/too long/);
    expect(oos.abstained).toBe(true);
  });

  it('fails clearly, without a stack trace, on an empty or oversized question', () => {
    const empty = cli(['ask', '  ']);
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/question is empty/);
    expect(empty.err).not.toMatch(/\bat .*\.ts:\d+/);
    const huge = cli(['ask', 'y'.repeat(100_000)]);
    expect(huge.code).toBe(2);
    expect(huge.err).toMatch(/too long/);
  });

  it('exits 3 with the install command when the requested model is missing', () => {
    const r = runCli({ ...dirs, embedder: 'minilm' }, ['ask', 'what is s3']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/npm run models/);
  });

  it('search ranks chunks with scores; index --rebuild reports a rebuild; a corrupt index is rebuilt', () => {
    const s = cli(['search', 'security group vs network ACL', '--k', '3']);
    expect(s.code).toBe(0);
    expect(s.out.split('\n').filter((l) => /^\s*\d+\. \d/.test(l))).toHaveLength(3);
    const rb = cli(['index', '--rebuild']);
    expect(rb.out).toMatch(/built \(rebuild requested\)/);
    const dir = join(data.path, 'index', 'nimbus_aws-notes-static');
    const file = readdirSync(dir).find((f) => f.endsWith('.hnsw')) as string;
    writeFileSync(join(dir, file), 'garbage');
    const again = cli(['index']);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/built \(corrupt/);
  });

  it('names the folder it cannot write and still answers (index in memory), with no stack trace', () => {
    const blocker = join(data.path, 'a-file');
    writeFileSync(blocker, 'x');
    const r = runCli({ ...dirs, dataDir: join(blocker, 'data') }, ['ask', 'what is s3']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/S3/);
    expect(r.err).toMatch(/could not be saved to .*a-file.*ENOTDIR.*--data-dir/);
    expect(r.err).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('rejects unknown commands and bad options with usage and exit code 2', () => {
    expect(cli(['frobnicate']).code).toBe(2);
    expect(cli(['search', 'x', '--mode', 'nope']).code).toBe(2);
  });
});
