// The whole service stack over a data folder it cannot write: at start (read-only mode: everything
// works for the session, nothing is saved, the engine says so) and mid-session (a change is refused
// with a clear message; what was there is still read).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NimbusServices } from '../../electron/core/app/services';
import { notesPaths, tempDir, withDomainModel } from '../helpers/engine';

const root = tempDir('read-only');
const paths = notesPaths(root.path);
beforeAll(() => withDomainModel(paths));
afterAll(() => root.cleanup());

const TOPIC = { title: 'Amazon Athena', markdown: 'Athena charges per terabyte of data scanned.' };

describe('a data folder that cannot be written', () => {
  it('at start: read-only mode, the app answers and learns for the session, and says so', async () => {
    const blocker = join(root.path, 'a-file');
    writeFileSync(blocker, 'x'); // as root chmod does not stop writes; a file in the way does
    const services = await NimbusServices.open({ ...paths, dataDir: join(blocker, 'data'), embedder: 'static' });
    const session = await services.session();
    expect(session.data.readOnly).toBe(true);
    expect(session.data.reports[0].message).toMatch(/cannot be written .*kept in memory for this session/);
    expect(session.engine.info().notice).toMatch(/could not be saved .*ENOTDIR/);
    expect((await services.dispatch('ask', 'What does a NAT gateway do?')).ok).toBe(true);
    expect((await services.dispatch('learn.add', TOPIC)).ok).toBe(true);
    const asked = await services.dispatch('ask', 'How does Amazon Athena charge?');
    expect(asked.ok && asked.value.answer).toContain('per terabyte');
  });

  it('mid-session: a change is refused with a clear message, nothing half-saved, reads still work', async () => {
    const dataDir = join(root.path, 'data');
    const services = await NimbusServices.open({ ...paths, dataDir, embedder: 'static' });
    const added = await services.dispatch('learn.add', TOPIC);
    expect(added.ok).toBe(true);
    // The folder disappears under the app and a file takes its place: every write now fails.
    renameSync(dataDir, `${dataDir}-moved`);
    writeFileSync(dataDir, 'x');
    const r = await services.dispatch('learn.add', {
      title: 'Amazon QLDB',
      markdown: 'QLDB keeps an immutable journal.',
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toMatch(
        /Your topics could not be saved to .*topics\.json: a file is in the way .*\((ENOTDIR|EEXIST)\)\. Nothing was changed/,
      );
    const list = await services.dispatch('learn.list', undefined);
    expect(list.ok && list.value.map((t) => t.title)).toEqual(['Amazon Athena']);
    // The refused topic left no trace in the engine either (LearnService put it back).
    const asked = await services.dispatch('ask', 'What is the QLDB journal?');
    expect(asked.ok && asked.value.abstained).toBe(true);
  });
});
