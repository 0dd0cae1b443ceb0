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
import type { ThemePreference } from '../../renderer/src/theme';

type SettingsApi = Pick<NimbusApi, 'models' | 'info' | 'onProgress'>;

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
});
