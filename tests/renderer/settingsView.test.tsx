// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  EngineInfoDto,
  ModelStatusDto,
  ModelsInstallReportDto,
  NimbusApi,
  ProgressEvent,
  Result,
} from '../../electron/shared/api';
import { SettingsView } from '../../renderer/src/components/SettingsView';
import { readText } from '../../renderer/src/components/BackupSettings';
import type { ThemePreference } from '../../renderer/src/theme';
import { BACKUP_SUMMARY } from './fakeApi';

type SettingsApi = Pick<NimbusApi, 'models' | 'info' | 'onProgress' | 'backup'>;

const STATIC: ModelStatusDto = {
  id: 'nimbus/aws-notes-static',
  role: 'embedder',
  description: 'Built from the notes.',
  state: 'built',
  active: true,
  sizeBytes: 0,
  installable: false,
};
const MINILM: ModelStatusDto = {
  id: 'Xenova/all-MiniLM-L6-v2',
  role: 'embedder',
  description: 'Sentence embedder.',
  state: 'missing',
  active: false,
  sizeBytes: 23_685_172,
  installable: true,
};
const WHISPER: ModelStatusDto = {
  id: 'Xenova/whisper-tiny.en',
  role: 'speech-to-text',
  description: 'English speech recognizer.',
  state: 'damaged',
  active: false,
  sizeBytes: 64_342_031,
  installable: true,
};

const info = (modelId: string): Result<EngineInfoDto> => ({
  ok: true,
  value: {
    embedder: { modelId, kind: 'x', dims: 384, notice: null },
    search: 'hybrid',
    notice: null,
    chunks: 87,
    sections: 60,
    index: { origin: 'loaded', rebuildReason: null, persisted: true, saveError: null, ms: 5 },
  },
});

/** A fake api: `statuses` answers status() in turn (the last one repeats); install() waits for the test. */
function fakeApi(statuses: ModelStatusDto[][]) {
  const listeners = new Set<(e: ProgressEvent) => void>();
  let finishInstall: (r: Result<ModelsInstallReportDto>) => void = () => {};
  let statusCalls = 0;
  const api = {
    info: vi.fn<SettingsApi['info']>(async () => info(statusCalls > 1 ? MINILM.id : STATIC.id)),
    models: {
      status: vi.fn<SettingsApi['models']['status']>(async () => {
        const models = statuses[Math.min(statusCalls++, statuses.length - 1)];
        return { ok: true, value: { modelsRoot: '/models', models } };
      }),
      install: vi.fn<SettingsApi['models']['install']>(() => new Promise((resolve) => (finishInstall = resolve))),
    },
    backup: {
      export: vi.fn<SettingsApi['backup']['export']>(async () => ({
        ok: true,
        value: { fileName: 'nimbus-backup-2025-01-31.json', json: '{"format":"nimbus-backup"}\n' },
      })),
      import: vi.fn<SettingsApi['backup']['import']>(async () => ({ ok: true, value: BACKUP_SUMMARY })),
    },
    onProgress: vi.fn<SettingsApi['onProgress']>((listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
  } satisfies SettingsApi;
  const emit = (e: ProgressEvent) => act(() => listeners.forEach((l) => l(e)));
  const finish = (r: Result<ModelsInstallReportDto>) => act(async () => finishInstall(r));
  return { api, emit, finish, listeners };
}

function setup(api: SettingsApi, theme: ThemePreference = 'system') {
  const onTheme = vi.fn<(t: ThemePreference) => void>();
  const onClose = vi.fn<() => void>();
  const user = userEvent.setup();
  const view = render(<SettingsView api={api} theme={theme} onTheme={onTheme} onClose={onClose} />);
  return { user, onTheme, onClose, view };
}

const card = (name: string) => screen.getByRole('heading', { level: 4, name }).closest('li') as HTMLElement;

afterEach(cleanup);

describe('SettingsView', () => {
  it('lists the models with role, state, size, description and which one is in use', async () => {
    const { api } = fakeApi([[STATIC, MINILM, WHISPER]]);
    setup(api);
    expect(screen.getByRole('heading', { level: 2, name: 'Settings' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 3, name: 'Models' })).toBeTruthy();
    await screen.findByRole('heading', { level: 4, name: 'Built-in domain embedder' });
    expect(screen.getByText('Installing downloads from Hugging Face; everything else works offline.')).toBeTruthy();

    const builtIn = card('Built-in domain embedder');
    expect(within(builtIn).getByText('Embedder')).toBeTruthy();
    expect(within(builtIn).getByText('built-in')).toBeTruthy();
    expect(within(builtIn).getByText('In use')).toBeTruthy();
    expect(within(builtIn).queryByRole('button')).toBeNull();

    const minilm = card('MiniLM semantic embedder');
    expect(within(minilm).getByText('not installed')).toBeTruthy();
    expect(within(minilm).queryByText('In use')).toBeNull();
    expect(within(minilm).getByText(/23\.7 MB/)).toBeTruthy();
    expect(within(minilm).getByText('Sentence embedder.')).toBeTruthy();
    expect(within(minilm).getByRole('button', { name: 'Install MiniLM semantic embedder' })).toBeTruthy();

    const whisper = card('Whisper tiny (English speech)');
    expect(within(whisper).getByText('Speech to text')).toBeTruthy();
    expect(within(whisper).getByText('damaged')).toBeTruthy();
    expect(within(whisper).getByRole('button', { name: 'Reinstall Whisper tiny (English speech)' })).toBeTruthy();

    expect(await screen.findByText('Built-in domain embedder', { selector: 'strong' })).toBeTruthy();
  });

  it('installs with a real progress bar from install events, then refreshes and says it is in use', async () => {
    const installed = { ...MINILM, state: 'installed' as const, active: true };
    const { api, emit, finish } = fakeApi([
      [STATIC, MINILM, WHISPER],
      [{ ...STATIC, active: false }, installed, WHISPER],
    ]);
    const { user } = setup(api);
    await user.click(await screen.findByRole('button', { name: 'Install MiniLM semantic embedder' }));
    expect(api.models.install).toHaveBeenCalledWith({ ids: ['Xenova/all-MiniLM-L6-v2'] });

    const bar = within(card('MiniLM semantic embedder')).getByRole('progressbar', {
      name: 'Installing MiniLM semantic embedder…',
    }) as HTMLProgressElement;
    expect(bar.hasAttribute('value')).toBe(false); // indeterminate until the first byte count
    // Other models' buttons wait for this install.
    expect((screen.getByRole('button', { name: /Reinstall/ }) as HTMLButtonElement).disabled).toBe(true);

    emit({ stage: 'install', done: 5_000_000, total: 20_000_000 });
    expect(bar.value).toBe(25);
    expect(bar.max).toBe(100);
    expect(within(card('MiniLM semantic embedder')).getByText('25%')).toBeTruthy();
    emit({ stage: 'install', done: 20_000_000, total: 20_000_000 });
    expect(bar.value).toBe(100);
    // The engine re-opens with the new embedder: its stages show on the same bar.
    emit({ stage: 'embedding', done: 10, total: 40 });
    const reindex = screen.getByRole('progressbar', { name: 'Indexing the notes…' }) as HTMLProgressElement;
    expect(reindex.value).toBe(25);

    await finish({ ok: true, value: { ok: true, models: [{ id: MINILM.id, status: 'installed' }], reloaded: true } });
    expect(await screen.findByText('MiniLM semantic embedder installed. It is now in use.')).toBeTruthy();
    expect(api.models.status).toHaveBeenCalledTimes(2);
    expect(api.info).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('progressbar')).toBeNull();
    const minilm = card('MiniLM semantic embedder');
    expect(within(minilm).getByText('installed')).toBeTruthy();
    expect(within(minilm).getByText('In use')).toBeTruthy();
    expect(within(minilm).queryByRole('button')).toBeNull();
    expect(within(card('Built-in domain embedder')).queryByText('In use')).toBeNull();
  });

  it('ignores progress events when nothing is being installed', async () => {
    const { api, emit } = fakeApi([[STATIC, MINILM]]);
    setup(api);
    const button = (await screen.findByRole('button', { name: /Install/ })) as HTMLButtonElement;
    emit({ stage: 'install', done: 1, total: 2 });
    emit({ stage: 'embedding', done: 1, total: 2 });
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(button.disabled).toBe(false);
  });

  it('reports a failed install with its reason and keeps the Install button', async () => {
    const { api, finish } = fakeApi([[STATIC, MINILM]]);
    const { user } = setup(api);
    await user.click(await screen.findByRole('button', { name: 'Install MiniLM semantic embedder' }));
    await finish({
      ok: true,
      value: {
        ok: false,
        models: [{ id: MINILM.id, status: 'failed', reason: 'network unreachable' }],
        reloaded: false,
      },
    });
    expect(await screen.findByText('Installing MiniLM semantic embedder failed: network unreachable')).toBeTruthy();
    expect(api.models.status).toHaveBeenCalledTimes(2);
    const button = screen.getByRole('button', { name: 'Install MiniLM semantic embedder' }) as HTMLButtonElement;
    expect(button.disabled).toBe(false);
  });

  it('reports an install the api refused', async () => {
    const { api, finish } = fakeApi([[STATIC, MINILM]]);
    const { user } = setup(api);
    await user.click(await screen.findByRole('button', { name: 'Install MiniLM semantic embedder' }));
    await finish({ ok: false, error: { code: 'engine-unavailable', message: 'The engine could not open.' } });
    expect(
      await screen.findByText('Installing MiniLM semantic embedder failed: The engine could not open.'),
    ).toBeTruthy();
  });

  it('says when the models cannot be read, and retries', async () => {
    const { api } = fakeApi([[STATIC]]);
    api.models.status.mockResolvedValueOnce({ ok: false, error: { code: 'internal', message: 'manifest missing' } });
    const { user } = setup(api);
    expect((await screen.findByRole('alert')).textContent).toContain('Could not read the models: manifest missing');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 4, name: 'Built-in domain embedder' })).toBeTruthy();
  });

  it('switches the theme with a radio group and closes', async () => {
    const { api } = fakeApi([[STATIC]]);
    const { user, onTheme, onClose } = setup(api, 'light');
    const group = screen.getByRole('group', { name: 'Theme' });
    const radios = within(group).getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => r.value)).toEqual(['system', 'light', 'dark']);
    expect((within(group).getByRole('radio', { name: 'Light' }) as HTMLInputElement).checked).toBe(true);
    await user.click(within(group).getByRole('radio', { name: 'Dark' }));
    expect(onTheme).toHaveBeenCalledWith('dark');
    await user.click(within(group).getByRole('radio', { name: /System/ }));
    expect(onTheme).toHaveBeenLastCalledWith('system');
    await user.click(screen.getByRole('button', { name: 'Close settings' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('unsubscribes from progress when it goes away', async () => {
    const { api, listeners } = fakeApi([[STATIC]]);
    const { view } = setup(api);
    await screen.findByRole('heading', { level: 4, name: 'Built-in domain embedder' });
    expect(listeners.size).toBe(1);
    view.unmount();
    expect(listeners.size).toBe(0);
  });

  describe('your data', () => {
    const backupFile = (text = '{"format":"nimbus-backup","version":1}') =>
      new File([text], 'my-backup.json', { type: 'application/json' });

    it('exports a backup as a download with the suggested file name, then revokes the URL', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      const blobs: Blob[] = [];
      const create = vi.fn((b: Blob) => (blobs.push(b), 'blob:nimbus/1'));
      const revoke = vi.fn();
      vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke }));
      const clicked: HTMLAnchorElement[] = [];
      const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
        this: HTMLAnchorElement,
      ) {
        clicked.push(this);
      });
      try {
        const { api } = fakeApi([[STATIC]]);
        const { user } = setup(api);
        expect(screen.getByRole('heading', { level: 3, name: 'Your data' })).toBeTruthy();
        await user.click(screen.getByRole('button', { name: 'Export a backup' }));
        expect(await screen.findByText('Backup saved as nimbus-backup-2025-01-31.json.')).toBeTruthy();
        expect(api.backup.export).toHaveBeenCalledTimes(1);
        expect(clicked).toHaveLength(1);
        expect(clicked[0].download).toBe('nimbus-backup-2025-01-31.json');
        expect(clicked[0].getAttribute('href')).toBe('blob:nimbus/1');
        expect(clicked[0].isConnected).toBe(false); // the link is removed again
        expect(await readText(blobs[0])).toBe('{"format":"nimbus-backup"}\n');
        await act(() => vi.runAllTimersAsync());
        expect(revoke).toHaveBeenCalledWith('blob:nimbus/1');
      } finally {
        click.mockRestore();
        vi.unstubAllGlobals();
        vi.useRealTimers();
      }
    });

    it('says when the backup could not be made, and downloads nothing', async () => {
      const click = vi.spyOn(HTMLAnchorElement.prototype, 'click');
      const { api } = fakeApi([[STATIC]]);
      api.backup.export.mockResolvedValueOnce({ ok: false, error: { code: 'internal', message: 'disk on fire' } });
      const { user } = setup(api);
      await user.click(screen.getByRole('button', { name: 'Export a backup' }));
      expect(await screen.findByText('The backup could not be made: disk on fire')).toBeTruthy();
      expect(click).not.toHaveBeenCalled();
      click.mockRestore();
    });

    it('restores a chosen file only after the confirm step, and reports the counts', async () => {
      const { api } = fakeApi([[STATIC]]);
      const { user } = setup(api);
      await user.upload(screen.getByLabelText('Backup file to restore'), backupFile('{"the":"backup"}'));
      const confirm = screen.getByRole('group', { name: 'Confirm the restore' });
      expect(confirm.textContent).toContain(
        'This replaces your progress, bookmarks and topics. A copy of the current data is kept.',
      );
      expect(confirm.textContent).toContain('my-backup.json');
      expect(api.backup.import).not.toHaveBeenCalled();
      await user.click(within(confirm).getByRole('button', { name: 'Restore' }));
      expect(api.backup.import).toHaveBeenCalledWith({ json: '{"the":"backup"}' });
      expect(
        await screen.findByText(
          `Restored 4 lessons of progress, 7 review cards, 2 bookmarks and 1 topic. Your previous data is in ${BACKUP_SUMMARY.undoFile} (restore it to undo).`,
        ),
      ).toBeTruthy();
      expect(screen.queryByRole('group', { name: 'Confirm the restore' })).toBeNull();
    });

    it('cancels a restore without calling the api', async () => {
      const { api } = fakeApi([[STATIC]]);
      const { user } = setup(api);
      await user.upload(screen.getByLabelText('Backup file to restore'), backupFile());
      await user.click(screen.getByRole('button', { name: 'Cancel' }));
      expect(screen.queryByRole('group', { name: 'Confirm the restore' })).toBeNull();
      expect(api.backup.import).not.toHaveBeenCalled();
    });

    it('shows why a backup was refused and that nothing changed', async () => {
      const { api } = fakeApi([[STATIC]]);
      api.backup.import.mockResolvedValueOnce({
        ok: false,
        error: { code: 'malformed', message: 'The file is not a Nimbus backup (it is not valid JSON).' },
      });
      const { user } = setup(api);
      await user.upload(screen.getByLabelText('Backup file to restore'), backupFile('not json'));
      await user.click(screen.getByRole('button', { name: 'Restore' }));
      expect(
        await screen.findByText(
          'my-backup.json was not restored: The file is not a Nimbus backup (it is not valid JSON). Nothing was changed.',
        ),
      ).toBeTruthy();
      expect(screen.getByText(/was not restored/).className).toContain('error');
    });

    it('refuses a file that is not UTF-8 text without calling the api', async () => {
      const { api } = fakeApi([[STATIC]]);
      const { user } = setup(api);
      const binary = new File([new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])], 'my-backup.json');
      await user.upload(screen.getByLabelText('Backup file to restore'), binary);
      await user.click(screen.getByRole('button', { name: 'Restore' }));
      expect(
        await screen.findByText(
          'my-backup.json was not restored: it is not a Nimbus backup (not UTF-8 text). Nothing was changed.',
        ),
      ).toBeTruthy();
      expect(api.backup.import).not.toHaveBeenCalled();
    });
  });
});
