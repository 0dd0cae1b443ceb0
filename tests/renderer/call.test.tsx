// @vitest-environment jsdom
// Call mode in the app: the tutor speaks the lesson, its check questions with their choices and
// the verdicts; the learner answers by voice (fake microphone → end of utterance → transcript →
// the choice) or, without the speech model, by typing; talking over the tutor stops it (barge-in).
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { VOICE_STATUS, fakeApi, ok } from './fakeApi';
import { blocks, fakeMedia, fakeMic, tone } from './voiceFakes';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const spoken = (api: ReturnType<typeof fakeApi>) => api.voice.speakSentences.mock.calls.map((c) => c[0].markdown);
const callBar = () => screen.getByRole('region', { name: 'Call' });
const phase = () => within(callBar()).getByRole('status').textContent;

async function startCall(api: ReturnType<typeof fakeApi>, mic?: ReturnType<typeof fakeMic>) {
  render(<App api={api} micDeps={mic?.deps} />);
  await userEvent.click(await screen.findByRole('link', { name: '#1 core-services' }));
  await userEvent.click(screen.getByRole('button', { name: 'Start call' }));
}

describe('call mode', () => {
  it('typed (no speech model): the tutor speaks each turn, typed words answer, and the lesson goes on by itself', async () => {
    fakeMedia();
    const api = fakeApi();
    await startCall(api);
    expect(within(callBar()).getByText(/speech model is not installed: type your answers/)).toBeTruthy();
    expect(api.tutor).toHaveBeenCalledWith({ cmd: 'goto', phaseId: 'phase1' });
    await waitFor(() => expect(spoken(api)).toEqual(['Lesson: Amazon Web Services (AWS).', "Let's get into **AWS**."]));
    await waitFor(() => expect(phase()).toBe('Listening…'));
    expect(screen.queryByRole('button', { name: 'Start call' })).toBeNull();

    // nobody speaks: after a pause the lesson continues, and the check question is read with its choices
    await waitFor(() => expect(api.tutor).toHaveBeenCalledWith({ cmd: 'next' }), { timeout: 4000 });
    await waitFor(() =>
      expect(spoken(api)).toContain('Which one is **stateful**?\n\nA: Security groups. B: Network ACLs.'),
    );
    await waitFor(() => expect(phase()).toBe('Listening…'));

    // "the first one", typed, is the first choice; the verdict is spoken
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'the first one{Enter}');
    expect(api.tutor).toHaveBeenCalledWith({ cmd: 'answer', questionId: 'q1', answer: 'Security groups' });
    await waitFor(() => expect(spoken(api)).toContain('Correct.\n\nRight: security groups remember connections.'));

    // a typed question is asked (and shown), "hang up" ends the call
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'What is a subnet used for?{Enter}');
    expect(api.tutor).toHaveBeenCalledWith({ cmd: 'ask', question: 'What is a subnet used for?' });
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'hang up{Enter}');
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Call' })).toBeNull());
    expect(screen.getByRole('button', { name: 'Start call' })).toBeTruthy();
  }, 15_000);

  it('by voice: talking over the tutor stops it; the end of the utterance is transcribed and acted on', async () => {
    const media = fakeMedia({ autoEnd: false });
    const mic = fakeMic({ sampleRate: 16000 });
    const api = fakeApi();
    api.voice.status.mockResolvedValue(ok({ ...VOICE_STATUS, stt: { ...VOICE_STATUS.stt, installed: true } }));
    api.voice.transcribe.mockResolvedValue(
      ok({ text: 'Next.', ms: 5, audioSeconds: 1, speechSeconds: 0.6, engine: 'w' }),
    );
    render(<App api={api} micDeps={mic.deps} />);
    await waitFor(() => expect(api.voice.status).toHaveBeenCalled());
    await userEvent.click(await screen.findByRole('link', { name: '#1 core-services' }));
    await userEvent.click(screen.getByRole('button', { name: 'Start call' }));
    await waitFor(() => expect(mic.nodes).toHaveLength(1));
    // the tutor is speaking the lesson (playback never ends by itself here)
    await waitFor(() => expect(media.played.length).toBeGreaterThan(0));
    await waitFor(() => expect(phase()).toBe('Speaking…'));
    expect(within(callBar()).queryByText(/type your answers/)).toBeNull();

    const quiet = new Float32Array(16000 * 0.5);
    act(() => blocks(quiet, 1600).forEach((b) => mic.emit(b)));
    act(() => blocks(tone(0.6, 16000, 0.5), 1600).forEach((b) => mic.emit(b)));
    // barge-in: the tutor stopped, the learner has the floor
    await waitFor(() => expect(phase()).toBe('Hearing you…'));
    expect(media.pause).toHaveBeenCalled();
    act(() => blocks(new Float32Array(16000), 1600).forEach((b) => mic.emit(b)));
    await waitFor(() => expect(api.voice.transcribe).toHaveBeenCalledTimes(1));
    const wav = Buffer.from(api.voice.transcribe.mock.calls[0][0].wavBase64, 'base64');
    expect((wav.length - 44) / 32000).toBeGreaterThan(0.6); // the utterance with its pre-roll and tail
    // the live transcript is in the timeline, and "next" continued the lesson
    await waitFor(() => expect(document.querySelector('.voice-transcript')?.textContent).toBe('Next.'));
    await waitFor(() => expect(api.tutor).toHaveBeenCalledWith({ cmd: 'next' }));
    expect(within(callBar()).getByText('Next.')).toBeTruthy();

    await userEvent.click(within(callBar()).getByRole('button', { name: 'Hang up' }));
    expect(mic.track.stop).toHaveBeenCalled();
    expect(screen.queryByRole('region', { name: 'Call' })).toBeNull();
  });
});
