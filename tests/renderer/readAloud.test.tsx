// @vitest-environment jsdom
// Speech out in the app: the per-message Listen/Stop button, sentence WAVs played in order through
// the one <audio> element, "read answers aloud" and the speed from Settings (kept in localStorage).
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { ASK, fakeApi } from './fakeApi';
import { fakeMedia } from './voiceFakes';

afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const speakerEl = () => document.querySelector<HTMLAudioElement>('audio[data-nimbus-speaker]') as HTMLAudioElement;

async function askInAskAnything(api = fakeApi()) {
  render(<App api={api} />);
  await userEvent.click(await screen.findByRole('link', { name: '#ask-anything' }));
  const box = screen.getByRole('textbox', { name: 'Message' });
  await userEvent.type(box, 'security group vs nacl?{Enter}');
  const answer = (await screen.findAllByRole('article', { name: 'Tutor' })).at(-1) as HTMLElement;
  return { api, answer };
}

describe('reading aloud', () => {
  it('Listen plays the answer sentence by sentence through one <audio> element; Stop stops it', async () => {
    const media = fakeMedia({ autoEnd: false });
    const { api, answer } = await askInAskAnything();
    await userEvent.click(within(answer).getByRole('button', { name: 'Read aloud' }));
    expect(api.voice.speakSentences).toHaveBeenCalledWith({ markdown: ASK.answer });
    await waitFor(() => expect(media.played).toHaveLength(1));
    expect(speakerEl().src).toBe(media.played[0]);
    const stop = within(answer).getByRole('button', { name: 'Stop reading aloud' });
    expect(stop.getAttribute('aria-pressed')).toBe('true');
    expect(answer.classList.contains('speaking')).toBe(true);
    // the second sentence was synthesised while the first played, and plays when it ends
    expect(api.voice.speakSentence).toHaveBeenCalledTimes(2);
    act(() => void speakerEl().dispatchEvent(new Event('ended')));
    await waitFor(() => expect(media.played).toHaveLength(2));
    expect(media.urls.size).toBe(1); // the finished sentence's blob: URL was released
    await userEvent.click(stop);
    expect(media.pause).toHaveBeenCalled();
    expect(within(answer).getByRole('button', { name: 'Read aloud' })).toBeTruthy();
    expect(answer.classList.contains('speaking')).toBe(false);
  });

  it('a failed synthesis is not silent: the button comes back and nothing plays', async () => {
    const media = fakeMedia();
    const api = fakeApi();
    api.voice.speakSentence.mockResolvedValue({
      ok: false,
      error: { code: 'speech-failed', message: 'espeak-ng exited' },
    });
    const { answer } = await askInAskAnything(api);
    await userEvent.click(within(answer).getByRole('button', { name: 'Read aloud' }));
    await waitFor(() => expect(within(answer).getByRole('button', { name: 'Read aloud' })).toBeTruthy());
    expect(media.played).toEqual([]);
  });

  it('"Read answers aloud" speaks new answers by itself, at the chosen speed', async () => {
    const media = fakeMedia();
    localStorage.setItem('nimbus.voice', JSON.stringify({ readAloud: true, rate: 1.5 }));
    const { api } = await askInAskAnything();
    await waitFor(() => expect(media.played.length).toBeGreaterThan(0));
    expect(api.voice.speakSentences).toHaveBeenCalledWith({ markdown: ASK.answer });
    expect(api.voice.speakSentence.mock.calls[0][0].rate).toBe(1.5);
  });

  it('Settings → Voice: the engine, the read-aloud switch and the speed, kept for next time', async () => {
    fakeMedia();
    const api = fakeApi();
    render(<App api={api} />);
    await userEvent.click(await screen.findByRole('button', { name: /Settings/ }));
    const voice = await screen.findByRole('region', { name: 'Voice' });
    expect(within(voice).getByText('eSpeak NG')).toBeTruthy();
    expect(within(voice).getByText(/not installed/)).toBeTruthy();
    expect(within(voice).getByRole('button', { name: 'Install speech model (64 MB)' })).toBeTruthy();
    await userEvent.click(within(voice).getByRole('checkbox', { name: 'Read answers aloud' }));
    fireEvent.change(within(voice).getByRole('slider', { name: 'Speed' }), { target: { value: '0.75' } });
    expect(within(voice).getByText('0.75×')).toBeTruthy();
    expect(JSON.parse(localStorage.getItem('nimbus.voice') ?? '{}')).toEqual({
      readAloud: true,
      rate: 0.75,
      speechModel: 'Xenova/whisper-tiny.en',
    });
    await userEvent.click(within(voice).getByRole('button', { name: 'Try it' }));
    await waitFor(() => expect(api.voice.speakSentence).toHaveBeenCalledWith({ text: expect.any(String), rate: 0.75 }));
  });
});
