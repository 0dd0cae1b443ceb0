// @vitest-environment jsdom
// The composer's mic inside the app's voice context, with a fake microphone: hold to talk, tap to
// start and stop, Alt+V, Esc, the live recording strip, and what it says when it cannot record.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Composer } from '../../renderer/src/components/Composer';
import type { VoiceClip } from '../../renderer/src/voice/clip';
import { VoiceProvider } from '../../renderer/src/voice/VoiceContext';
import { VOICE_STATUS, fakeApi, ok } from './fakeApi';
import { blocks, fakeMic, tone } from './voiceFakes';

let now = 1_000_000;
beforeEach(() => {
  vi.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

function setup(mic = fakeMic(), api = fakeApi()) {
  const onVoice = vi.fn<(clip: VoiceClip) => void>();
  render(
    <VoiceProvider api={api} micDeps={mic.deps}>
      <Composer busy={false} onSend={() => {}} onVoice={onVoice} />
    </VoiceProvider>,
  );
  return { mic, api, onVoice, button: () => screen.getByRole('button', { name: /voice message|Recording/ }) };
}

const speak = (mic: ReturnType<typeof fakeMic>, sec: number) =>
  act(() => blocks(tone(sec)).forEach((b) => mic.emit(b)));

describe('MicButton', () => {
  it('hold to talk: recording strip with time and levels while held, a 16 kHz clip on release', async () => {
    const { mic, onVoice, button } = setup();
    fireEvent.pointerDown(button(), { button: 0, pointerId: 1 });
    const strip = await screen.findByRole('status', { name: 'Recording' });
    expect(mic.addModule).toHaveBeenCalledWith('/assets/recorderWorklet.js');
    expect(mic.deps.getUserMedia).toHaveBeenCalledWith(
      expect.objectContaining({ audio: expect.objectContaining({ echoCancellation: true }) }),
    );
    expect(button().getAttribute('aria-pressed')).toBe('true');
    speak(mic, 1.5);
    expect(strip.textContent).toContain('0:02'); // 1.5 s rounds up
    expect(strip.textContent).toContain('Release to send');
    expect(strip.querySelectorAll('.rec-levels span').length).toBeGreaterThan(10);
    now += 1500;
    fireEvent.pointerUp(button(), { pointerId: 1 });
    await waitFor(() => expect(onVoice).toHaveBeenCalledTimes(1));
    const clip = onVoice.mock.calls[0][0];
    expect(clip.durationSec).toBeGreaterThan(1.45);
    expect(clip.durationSec).toBeLessThan(1.55);
    expect(new DataView(clip.wav.buffer).getUint32(24, true)).toBe(16000);
    expect(Math.max(...clip.peaks)).toBeGreaterThan(0.4);
    expect(mic.track.stop).toHaveBeenCalled();
    expect(mic.close).toHaveBeenCalled();
    expect(screen.queryByRole('status', { name: 'Recording' })).toBeNull();
  });

  it('a quick tap starts hands-free recording; the next tap sends', async () => {
    const { mic, onVoice, button } = setup();
    fireEvent.pointerDown(button(), { button: 0, pointerId: 1 });
    now += 100;
    fireEvent.pointerUp(button(), { pointerId: 1 });
    const strip = await screen.findByRole('status', { name: 'Recording' });
    expect(strip.textContent).toContain('Tap the mic to send');
    speak(mic, 1);
    expect(onVoice).not.toHaveBeenCalled();
    now += 2000;
    fireEvent.pointerDown(button(), { button: 0, pointerId: 1 });
    await waitFor(() => expect(onVoice).toHaveBeenCalledTimes(1));
  });

  it('hold Alt+V from anywhere; Esc cancels without a message; a too-short press is dropped', async () => {
    const { mic, onVoice } = setup();
    fireEvent.keyDown(window, { key: 'v', code: 'KeyV', altKey: true });
    await screen.findByRole('status', { name: 'Recording' });
    speak(mic, 1);
    now += 1000;
    fireEvent.keyUp(window, { key: 'v', code: 'KeyV', altKey: true });
    await waitFor(() => expect(onVoice).toHaveBeenCalledTimes(1));

    fireEvent.keyDown(window, { key: 'v', code: 'KeyV', altKey: true });
    await screen.findByRole('status', { name: 'Recording' });
    speak(mic, 1);
    fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('status', { name: 'Recording' })).toBeNull());
    expect(onVoice).toHaveBeenCalledTimes(1);

    fireEvent.keyDown(window, { key: 'v', code: 'KeyV', altKey: true });
    await screen.findByRole('status', { name: 'Recording' });
    speak(mic, 0.1);
    now += 400;
    fireEvent.keyUp(window, { key: 'Alt' });
    await waitFor(() => expect(screen.queryByRole('status', { name: 'Recording' })).toBeNull());
    expect(onVoice).toHaveBeenCalledTimes(1);
  });

  it('Space held on the focused button records too (keyboard users)', async () => {
    const { mic, onVoice, button } = setup();
    fireEvent.keyDown(button(), { key: ' ' });
    await screen.findByRole('status', { name: 'Recording' });
    speak(mic, 0.8);
    now += 800;
    fireEvent.keyUp(button(), { key: ' ' });
    await waitFor(() => expect(onVoice).toHaveBeenCalledTimes(1));
  });

  it('says what happens: without the speech model, and with it', async () => {
    const api = fakeApi();
    const { button } = setup(fakeMic(), api);
    const describedBy = () => document.getElementById(button().getAttribute('aria-describedby') ?? '')?.textContent;
    await waitFor(() => expect(describedBy()).toMatch(/speech model is not installed: you can still record/));
    cleanup();
    const installed = fakeApi();
    installed.voice.status.mockResolvedValue(ok({ ...VOICE_STATUS, stt: { ...VOICE_STATUS.stt, installed: true } }));
    const again = setup(fakeMic(), installed);
    await waitFor(() =>
      expect(document.getElementById(again.button().getAttribute('aria-describedby') ?? '')?.textContent).toMatch(
        /Hold to talk/,
      ),
    );
    expect(again.button().getAttribute('aria-keyshortcuts')).toBe('Alt+V');
  });

  it('a denied microphone is said, never a silent failure', async () => {
    const { onVoice, button } = setup(fakeMic({ deny: 'NotAllowedError' }));
    fireEvent.pointerDown(button(), { button: 0, pointerId: 1 });
    expect((await screen.findByRole('alert')).textContent).toMatch(/Microphone access was denied/);
    fireEvent.pointerUp(button(), { pointerId: 1 });
    expect(onVoice).not.toHaveBeenCalled();
  });
});
