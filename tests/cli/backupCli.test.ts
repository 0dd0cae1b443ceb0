// `export FILE` / `import FILE` as a user runs them: a real process, its exit code and output.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDomainModel } from '../../electron/core/engine/domainModel';
import { defaultContentDir, vendoredTokenizerDir } from '../../electron/core/paths';
import { tempDir } from '../helpers/engine';
import { runCli } from '../helpers/cli';

const root = tempDir('backup-cli');
const modelsDir = join(root.path, 'models');
const from = { dataDir: join(root.path, 'from'), modelsDir };
const to = { dataDir: join(root.path, 'to'), modelsDir };
const file = join(root.path, 'my-nimbus.json');

beforeAll(async () => {
  await ensureDomainModel({
    modelsRoot: modelsDir,
    contentDir: defaultContentDir(),
    tokenizerDir: vendoredTokenizerDir(),
  });
});
afterAll(() => root.cleanup());

describe('cli export / import', () => {
  it('exports a data folder to one file and imports it elsewhere; the topic is answerable there', () => {
    const learned = runCli(from, [
      'learn',
      'add',
      '--title',
      'Amazon Athena',
      '--text',
      'Athena charges per terabyte scanned.',
    ]);
    expect(learned.code).toBe(0);
    const exported = runCli(from, ['export', file]);
    expect(exported).toMatchObject({ code: 0, err: '' });
    expect(exported.out).toMatch(
      /Exported 0 lesson\(s\), 0 review card\(s\), 0 bookmark\(s\) and 1 topic\(s\) to .*my-nimbus\.json/,
    );
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'nimbus-backup', version: 1 });

    const imported = runCli(to, ['import', file]);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/Imported .* 1 topic\(s\).*\n.*pre-import-.*import it to undo/);
    const asked = runCli(to, ['ask', 'how does Amazon Athena charge?']);
    expect(asked.out).toContain('per terabyte');
  });

  it('refuses a malformed or foreign file with exit 2, one line, and changes nothing', () => {
    const before = readdirSync(to.dataDir).sort();
    const topics = readFileSync(join(to.dataDir, 'topics.json'), 'utf8');
    for (const [content, message] of [
      ['{"format": "nimbus-backup", "version": 1, "progress": ', /not valid JSON/],
      ['{"hello": 1}', /not a Nimbus backup/],
      [Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), /not UTF-8/],
    ] as const) {
      const bad = join(root.path, 'bad.json');
      writeFileSync(bad, content);
      const r = runCli(to, ['import', bad]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    expect(runCli(to, ['import', join(root.path, 'missing.json')])).toMatchObject({ code: 2, err: /No backup file/ });
    expect(runCli(to, ['import'])).toMatchObject({ code: 2 });
    expect(readdirSync(to.dataDir).sort()).toEqual(before);
    expect(readFileSync(join(to.dataDir, 'topics.json'), 'utf8')).toBe(topics);
  });
});
