/**
 * A call's visible state as a pure reducer: connecting → the tutor speaking → listening → hearing
 * the learner → thinking (transcribing, the tutor working) → speaking again … Barge-in (the learner
 * starts talking over the tutor) goes straight from speaking to hearing; the hook stops playback.
 * Without a speech model (or microphone) the call runs typed: the tutor speaks, the learner types.
 */
export type CallPhase = 'idle' | 'connecting' | 'speaking' | 'listening' | 'hearing' | 'thinking' | 'ended';

export interface CallState {
  phase: CallPhase;
  channelId: string | null;
  /** The microphone is open (else the learner types). */
  mic: boolean;
  /** Why the call is typed, or what went wrong. */
  notice: string | null;
  /** The last thing the learner said, as transcribed. */
  heard: string | null;
}

export type CallEvent =
  | { type: 'start'; channelId: string; mic: boolean; notice?: string | null }
  | { type: 'mic-ready' }
  | { type: 'mic-failed'; message: string }
  | { type: 'thinking' }
  | { type: 'tutor-speaking' }
  | { type: 'tutor-done' }
  | { type: 'speech-start' }
  | { type: 'barge-in' }
  | { type: 'utterance' }
  | { type: 'transcript'; text: string }
  | { type: 'hang-up' };

export const CALL_IDLE: CallState = { phase: 'idle', channelId: null, mic: false, notice: null, heard: null };

export const callActive = (s: CallState): boolean => s.phase !== 'idle' && s.phase !== 'ended';

export function callReducer(s: CallState, e: CallEvent): CallState {
  if (e.type === 'start')
    return { phase: 'connecting', channelId: e.channelId, mic: e.mic, notice: e.notice ?? null, heard: null };
  if (!callActive(s)) return s;
  switch (e.type) {
    case 'hang-up':
      return { ...s, phase: 'ended' };
    case 'mic-ready':
      return s;
    case 'mic-failed':
      return { ...s, mic: false, notice: e.message, phase: s.phase === 'hearing' ? 'listening' : s.phase };
    case 'thinking':
      return { ...s, phase: 'thinking' };
    case 'tutor-speaking':
      // the learner already talking (barge-in) keeps the floor
      return s.phase === 'hearing' ? s : { ...s, phase: 'speaking' };
    case 'tutor-done':
      return s.phase === 'speaking' || s.phase === 'thinking' || s.phase === 'connecting'
        ? { ...s, phase: 'listening' }
        : s;
    case 'speech-start':
      return s.phase === 'listening' ? { ...s, phase: 'hearing' } : s;
    case 'barge-in':
      return s.phase === 'speaking' || s.phase === 'listening' ? { ...s, phase: 'hearing' } : s;
    case 'utterance':
      return s.phase === 'hearing' || s.phase === 'listening' ? { ...s, phase: 'thinking' } : s;
    case 'transcript':
      return { ...s, heard: e.text };
  }
}

export const PHASE_LABEL: Record<CallPhase, string> = {
  idle: 'Not in a call',
  connecting: 'Connecting…',
  speaking: 'Speaking…',
  listening: 'Listening…',
  hearing: 'Hearing you…',
  thinking: 'Thinking…',
  ended: 'Call ended',
};
