// @vitest-environment jsdom
// Settings → Voice → Speech model: Whisper tiny.en by default, base.en selectable. The choice is
// kept in localStorage, sent with voice.status and voice.transcribe, and the install button
// installs the chosen model.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { parseVoiceSettings } from '../../renderer/src/voice/voiceSettings';
import { fakeApi, ok } from './fakeApi';
import { blocks, fakeMedia, fakeMic, tone } from './voiceFakes';

const TINY = 'Xenova/whisper-tiny.en';
const BASE = 'Xenova/whisper-base.en';

afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

async function openVoiceSettings(api = fakeApi()) {
  fakeMedia();
  const mic = fakeMic();
  render(<App api={api} micDeps={mic.deps} />);
  await userEvent.click(await screen.findByRole('button', { name: /Settings/ }));
  const voice = await screen.findByRole('region', { name: 'Voice' });
  return {
    api,
    mic,
    voice,
    select: within(voice).getByRole('combobox', { name: 'Speech model' }) as HTMLSelectElement,
  };
}

describe('the speech model setting', () => {
  it('offers tiny.en (default) and base.en; choosing base.en is kept, asked about and installed', async () => {
    const { api, voice, select } = await openVoiceSettings();
    expect(select.value).toBe(TINY);
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Whisper tiny.en — default, faster', 'Whisper base.en — more accurate, larger']);
    await waitFor(() => expect(api.voice.status).toHaveBeenCalledWith({ modelId: TINY }));
    expect(within(voice).getByRole('button', { name: 'Install speech model (64 MB)' })).toBeTruthy();

    await userEvent.selectOptions(select, BASE);
    expect(select.value).toBe(BASE);
    expect(JSON.parse(localStorage.getItem('nimbus.voice') ?? '{}')).toMatchObject({ speechModel: BASE });
    await waitFor(() => expect(api.voice.status).toHaveBeenLastCalledWith({ modelId: BASE }));
    // base.en's size is known only from the hub listing: no made-up number on the button.
    const install = await within(voice).findByRole('button', { name: 'Install speech model' });
    api.models.install.mockResolvedValue(
      ok({ ok: true, models: [{ id: BASE, status: 'installed' }], reloaded: false }),
    );
    await userEvent.click(install);
    expect(api.models.install).toHaveBeenCalledWith({ ids: [BASE] });
  });

  it('sends the stored choice with voice.transcribe; an unknown stored value falls back to tiny.en', async () => {
    localStorage.setItem('nimbus.voice', JSON.stringify({ readAloud: false, rate: 1, speechModel: BASE }));
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const api = fakeApi();
    const mic = fakeMic();
    fakeMedia({ autoEnd: false });
    render(<App api={api} micDeps={mic.deps} />);
    await userEvent.click(await screen.findByRole('link', { name: '#ask-anything' }));
    await waitFor(() => expect(api.voice.status).toHaveBeenCalledWith({ modelId: BASE }));

    const button = screen.getByRole('button', { name: 'Record a voice message' });
    fireEvent.pointerDown(button, { button: 0, pointerId: 1 });
    await screen.findByRole('status', { name: 'Recording' });
    act(() => blocks(tone(2)).forEach((b) => mic.emit(b)));
    now += 2000;
    fireEvent.pointerUp(button, { pointerId: 1 });
    await waitFor(() => expect(api.voice.transcribe).toHaveBeenCalledTimes(1));
    expect(api.voice.transcribe.mock.calls[0][0].modelId).toBe(BASE);

    expect(parseVoiceSettings(JSON.stringify({ speechModel: 'Xenova/whisper-large' })).speechModel).toBe(TINY);
    expect(parseVoiceSettings(null).speechModel).toBe(TINY);
  });
});
