// @vitest-environment jsdom
// Voice messages in the app: recorded with a fake microphone, shown as a bubble with a waveform,
// duration and playback; without the speech model the bubble says so and installs it (progress
// bar), then transcribes by itself; the transcript is editable and sent as the learner's words.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProgressEvent } from '../../electron/shared/api';
import { App } from '../../renderer/src/app/App';
import { VOICE_STATUS, fakeApi, ok } from './fakeApi';
import { blocks, fakeMedia, fakeMic, tone } from './voiceFakes';

let now = 1_000_000;
beforeEach(() => {
  vi.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

async function appIn(channel: string, api = fakeApi()) {
  const mic = fakeMic();
  const media = fakeMedia({ autoEnd: false });
  const progress = new Set<(e: ProgressEvent) => void>();
  api.onProgress.mockImplementation((l) => {
    progress.add(l);
    return () => void progress.delete(l);
  });
  render(<App api={api} micDeps={mic.deps} />);
  await userEvent.click(await screen.findByRole('link', { name: channel }));
  return { api, mic, media, progress };
}

async function record(mic: ReturnType<typeof fakeMic>, sec = 2) {
  const button = screen.getByRole('button', { name: 'Record a voice message' });
  fireEvent.pointerDown(button, { button: 0, pointerId: 1 });
  await screen.findByRole('status', { name: 'Recording' });
  act(() => blocks(tone(sec)).forEach((b) => mic.emit(b)));
  now += sec * 1000;
  fireEvent.pointerUp(button, { pointerId: 1 });
}

const bubble = () => document.querySelector<HTMLElement>('.voice-bubble');

describe('voice messages', () => {
  it('without the speech model: waveform, duration, playback, the reason and the install; then the transcript is sent', async () => {
    const { api, mic, media, progress } = await appIn('#ask-anything');
    await record(mic, 2);
    const b = await waitFor(() => {
      const el = bubble();
      if (!el) throw new Error('no voice bubble yet');
      return el;
    });
    const wave = within(b).getByRole('img', { name: 'Voice message, 0:02' });
    expect(wave.querySelectorAll('rect')).toHaveLength(40);
    expect(within(b).getByText('0:02')).toBeTruthy();
    // transcribe got the 16 kHz WAV of the recording
    await waitFor(() => expect(api.voice.transcribe).toHaveBeenCalledTimes(1));
    const sent = Buffer.from(api.voice.transcribe.mock.calls[0][0].wavBase64, 'base64');
    expect(sent.subarray(0, 4).toString()).toBe('RIFF');
    expect(sent.readUInt32LE(24)).toBe(16000);
    expect((sent.length - 44) / 32000).toBeCloseTo(2, 1);

    // the reason, and the install with its progress
    expect((await within(b).findByRole('alert')).textContent).toMatch(/speech model is not installed/);
    let finish: (r: Awaited<ReturnType<typeof api.models.install>>) => void = () => {};
    api.models.install.mockImplementation(() => new Promise((r) => (finish = r)));
    await userEvent.click(within(b).getByRole('button', { name: 'Install speech model (64 MB)' }));
    expect(api.models.install).toHaveBeenCalledWith({ ids: ['Xenova/whisper-tiny.en'] });
    act(() => progress.forEach((l) => l({ stage: 'install', done: 16, total: 64 })));
    const bar = within(b).getByRole('progressbar');
    expect(bar.getAttribute('value')).toBe('25');

    // installed: status turns installed and the message is transcribed again, by itself
    api.voice.status.mockResolvedValue(ok({ ...VOICE_STATUS, stt: { ...VOICE_STATUS.stt, installed: true } }));
    api.voice.transcribe.mockResolvedValue(
      ok({
        text: 'what is a nat gateway',
        ms: 300,
        audioSeconds: 2,
        speechSeconds: 1.8,
        engine: 'Xenova/whisper-tiny.en',
      }),
    );
    await act(async () =>
      finish(ok({ ok: true, models: [{ id: 'Xenova/whisper-tiny.en', status: 'installed' }], reloaded: false })),
    );
    const transcript = await within(b).findByRole('textbox', { name: 'Transcript' });
    await waitFor(() => expect((transcript as HTMLTextAreaElement).value).toBe('what is a nat gateway'));
    expect(api.voice.transcribe).toHaveBeenCalledTimes(2);

    // playback of the recording
    await userEvent.click(within(b).getByRole('button', { name: 'Play voice message' }));
    expect(media.played.at(-1)).toMatch(/^blob:nimbus\//);

    // edit, send: the engine is asked the edited words, the bubble locks, no second learner bubble
    await userEvent.clear(transcript);
    await userEvent.type(transcript, 'What is a NAT gateway?');
    await userEvent.click(within(b).getByRole('button', { name: 'Send' }));
    expect(api.ask).toHaveBeenCalledWith('What is a NAT gateway?');
    await waitFor(() => expect(b.querySelector('.voice-transcript')?.textContent).toBe('What is a NAT gateway?'));
    expect(within(b).queryByRole('textbox')).toBeNull();
    expect(within(screen.getByRole('log')).getAllByText('What is a NAT gateway?')).toHaveLength(1);
  });

  it('no words heard: the bubble says so and the learner can type it; Discard removes it', async () => {
    const api = fakeApi();
    api.voice.status.mockResolvedValue(ok({ ...VOICE_STATUS, stt: { ...VOICE_STATUS.stt, installed: true } }));
    api.voice.transcribe.mockResolvedValue(
      ok({
        text: '',
        ms: 1,
        audioSeconds: 1,
        speechSeconds: 0,
        engine: 'x',
        note: 'no speech detected: the audio is digital silence',
      }),
    );
    const { mic } = await appIn('#1 core-services', api);
    await record(mic, 1);
    expect(await screen.findByText(/No words were heard \(no speech detected/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(bubble()).toBeNull());
    expect(api.tutor).not.toHaveBeenCalledWith(expect.objectContaining({ cmd: 'ask' }));
  });

  it('a transcript sent in a phase channel goes to the tutor', async () => {
    const api = fakeApi();
    api.voice.status.mockResolvedValue(ok({ ...VOICE_STATUS, stt: { ...VOICE_STATUS.stt, installed: true } }));
    api.voice.transcribe.mockResolvedValue(
      ok({ text: 'What is IAM?', ms: 1, audioSeconds: 1, speechSeconds: 1, engine: 'x' }),
    );
    const { mic } = await appIn('#1 core-services', api);
    await record(mic, 1);
    const text = (await screen.findByRole('textbox', { name: 'Transcript' })) as HTMLTextAreaElement;
    await waitFor(() => expect(text.value).toBe('What is IAM?'));
    await userEvent.click(within(bubble() as HTMLElement).getByRole('button', { name: 'Send' }));
    expect(api.tutor).toHaveBeenCalledWith({ cmd: 'ask', question: 'What is IAM?' });
  });
});
