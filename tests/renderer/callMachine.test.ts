import { describe, expect, it } from 'vitest';
import {
  CALL_IDLE,
  callActive,
  callReducer,
  type CallEvent,
  type CallState,
} from '../../renderer/src/voice/callMachine';

const run = (events: CallEvent[], from: CallState = CALL_IDLE): CallState[] => {
  const out: CallState[] = [];
  let s = from;
  for (const e of events) out.push((s = callReducer(s, e)));
  return out;
};
const phases = (events: CallEvent[], from?: CallState) => run(events, from).map((s) => s.phase);
const started = callReducer(CALL_IDLE, { type: 'start', channelId: 'phase1', mic: true });

describe('call state machine', () => {
  it('a turn: connecting → speaking → listening → hearing → thinking → speaking → listening', () => {
    expect(started).toMatchObject({ phase: 'connecting', channelId: 'phase1', mic: true, heard: null });
    expect(
      phases(
        [
          { type: 'thinking' },
          { type: 'tutor-speaking' },
          { type: 'tutor-done' },
          { type: 'speech-start' },
          { type: 'utterance' },
          { type: 'transcript', text: 'B' },
          { type: 'tutor-speaking' },
          { type: 'tutor-done' },
        ],
        started,
      ),
    ).toEqual(['thinking', 'speaking', 'listening', 'hearing', 'thinking', 'thinking', 'speaking', 'listening']);
    expect(run([{ type: 'transcript', text: 'the second one' }], started)[0].heard).toBe('the second one');
  });

  it('barge-in: the learner talking over the tutor takes the floor; the tutor starting again does not take it back', () => {
    const speaking = callReducer(started, { type: 'tutor-speaking' });
    expect(phases([{ type: 'speech-start' }], speaking)).toEqual(['speaking']); // onset alone is not barge-in
    expect(phases([{ type: 'barge-in' }, { type: 'tutor-speaking' }, { type: 'utterance' }], speaking)).toEqual([
      'hearing',
      'hearing',
      'thinking',
    ]);
  });

  it('nothing to say after thinking goes back to listening; out-of-turn events change nothing', () => {
    const thinking = callReducer(started, { type: 'thinking' });
    expect(phases([{ type: 'tutor-done' }], thinking)).toEqual(['listening']);
    const listening = callReducer(thinking, { type: 'tutor-done' });
    expect(phases([{ type: 'tutor-done' }, { type: 'mic-ready' }], listening)).toEqual(['listening', 'listening']);
    const hearing = callReducer(listening, { type: 'speech-start' });
    expect(phases([{ type: 'tutor-done' }], hearing)).toEqual(['hearing']);
  });

  it('a failed microphone turns the call typed and says why; hanging up ends it and nothing moves after', () => {
    const failed = callReducer(started, { type: 'mic-failed', message: 'Microphone access was denied.' });
    expect(failed).toMatchObject({ mic: false, notice: 'Microphone access was denied.', phase: 'connecting' });
    expect(callActive(failed)).toBe(true);
    const ended = callReducer(failed, { type: 'hang-up' });
    expect(ended.phase).toBe('ended');
    expect(callActive(ended)).toBe(false);
    expect(callReducer(ended, { type: 'tutor-speaking' })).toBe(ended);
    expect(callReducer(ended, { type: 'start', channelId: 'phase2', mic: false, notice: 'typed' })).toMatchObject({
      phase: 'connecting',
      channelId: 'phase2',
      notice: 'typed',
    });
    expect(callReducer(CALL_IDLE, { type: 'thinking' })).toBe(CALL_IDLE);
  });
});
