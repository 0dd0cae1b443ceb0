/**
 * Call mode: hands-free through a lesson. The tutor says every new entry of the call's channel
 * (lesson messages, check questions with their choices, verdicts, answers), then listens: the
 * Endpointer (core's VAD, run here on the microphone's blocks) finds the end of each utterance,
 * which is transcribed into a voice bubble and interpreted (an answer to the open question, "next",
 * "repeat", "hang up", or a free question). Talking over the tutor stops it (barge-in). Without a
 * speech model the call is typed: the tutor still speaks, the composer's text goes through here.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { Endpointer, type EndpointEvent } from '../../../electron/core/voice/endpoint';
import { clipFromPcm, peakOf } from '../voice/clip';
import { CALL_IDLE, callActive, callReducer } from '../voice/callMachine';
import { interpretUtterance } from '../voice/callInterpret';
import { MicCapture, micErrorText } from '../voice/mic';
import { createLevelStore } from '../voice/levelStore';
import { NOTHING_SPOKEN, newSpeech, questionSpeech, spokenUpTo } from '../voice/speechParts';
import type { SpeakPart } from '../voice/speechQueue';
import type { VoiceContextValue } from '../voice/VoiceContext';
import { channelChat, lessonBar, openQuestionId } from './chatState';
import type { useChat } from './useChat';
import type { useVoiceChat } from './useVoiceChat';

/** After a lesson message, the call goes on by itself unless the learner speaks within this. */
export const AUTO_CONTINUE_MS = 2500;

type Chat = ReturnType<typeof useChat>;
type VoiceChat = ReturnType<typeof useVoiceChat>;

export function useCall(o: { chat: Chat; voiceChat: VoiceChat; voice: VoiceContextValue | null }) {
  const [state, dispatch] = useReducer(callReducer, CALL_IDLE);
  const live = useRef({ ...o, state });
  live.current = { ...o, state };
  const level = useMemo(() => createLevelStore(), []);
  const mic = useRef<MicCapture | null>(null);
  const ear = useRef<Endpointer | null>(null);
  const seen = useRef(NOTHING_SPOKEN);
  const lastSaid = useRef<SpeakPart[]>([]);
  const auto = useRef<ReturnType<typeof setTimeout> | null>(null);
  const phaseId = useRef<string | undefined>(undefined);

  const clearAuto = (): void => {
    if (auto.current) clearTimeout(auto.current);
    auto.current = null;
  };
  const channel = (): string => live.current.state.channelId ?? '';
  const chatState = () => live.current.chat.state;

  const closeMic = useCallback(() => {
    void mic.current?.stop();
    mic.current = null;
    ear.current = null;
    level.set(0);
  }, [level]);

  /** Lesson messages go on by themselves; questions and the end of a lesson wait for the learner. */
  const scheduleAuto = useCallback(() => {
    clearAuto();
    const id = channel();
    if (lessonBar(chatState(), id).kind !== 'next' || channelChat(chatState(), id).busy) return;
    auto.current = setTimeout(() => {
      auto.current = null;
      const { state: s, chat } = live.current;
      if (s.phase !== 'listening' || s.channelId !== id || lessonBar(chat.state, id).kind !== 'next') return;
      dispatch({ type: 'thinking' });
      void chat.tutor(id, { cmd: 'next' });
    }, AUTO_CONTINUE_MS);
  }, []);

  const say = useCallback(
    (parts: SpeakPart[], append = true) => {
      const speaker = live.current.voice?.speaker;
      if (!speaker || parts.length === 0) return;
      clearAuto();
      lastSaid.current = parts;
      dispatch({ type: 'tutor-speaking' });
      ear.current?.setTutorSpeaking(true);
      void speaker.speak(parts, { append }).then((outcome) => {
        ear.current?.setTutorSpeaking(false);
        if (outcome === 'stopped' || !callActive(live.current.state)) return;
        dispatch({ type: 'tutor-done' });
        scheduleAuto();
      });
    },
    [scheduleAuto],
  );

  /** The next step of the lesson: continue, the suggested next lesson, or (re)start the phase. */
  const advance = useCallback(
    (echo?: string) => {
      const id = channel();
      const bar = lessonBar(chatState(), id);
      const { chat } = live.current;
      if (bar.kind === 'finished')
        return say([{ key: 'call-note', markdown: 'Every lesson of this phase is done. Ask me anything.' }]);
      dispatch({ type: 'thinking' });
      if (bar.kind === 'next') void chat.tutor(id, { cmd: 'next' }, echo);
      else if (bar.kind === 'next-lesson') void chat.tutor(id, { cmd: 'goto', lessonId: bar.next.lessonId }, echo);
      else void chat.tutor(id, { cmd: 'goto', phaseId: phaseId.current ?? id }, echo);
    },
    [say],
  );

  /** What the learner said or typed, acted on. */
  const handleText = useCallback(
    (text: string, typed: boolean) => {
      clearAuto();
      const id = channel();
      const cs = chatState();
      const qid = openQuestionId(cs, id);
      const card = channelChat(cs, id).items.find((i) => i.kind === 'question' && i.question.id === qid && !i.verdict);
      const open = card?.kind === 'question' ? card : null;
      const intent = interpretUtterance(text, open?.question ?? null);
      const { chat } = live.current;
      if (intent.kind === 'hang-up') return hangUpRef.current();
      if (intent.kind === 'repeat') return say(lastSaid.current, false);
      if (intent.kind === 'next') return advance(typed ? text : undefined);
      if (intent.kind === 'unclear-choice' && open) {
        const letters = (open.question.choices ?? []).map((_, i) => 'ABCDEFGH'[i]).join(', ');
        return say(
          [{ key: 'call-note', markdown: `Which option? Say ${letters}, or the words of the choice.` }],
          false,
        );
      }
      dispatch({ type: 'thinking' });
      if (intent.kind === 'answer' && open) void chat.answer(id, open.id, open.question.id, intent.answer);
      else if (intent.kind === 'ask') void chat.ask(id, intent.question, 'tutor', typed);
    },
    [advance, say],
  );

  const onUtterance = useCallback(
    async (pcm: Float32Array, rate: number) => {
      const id = channel();
      const { voiceChat } = live.current;
      const clip = clipFromPcm(pcm, rate);
      const { voiceId, done } = voiceChat.record(id, clip, true);
      const heard = await done;
      if (!callActive(live.current.state)) return;
      if (heard.missingModel) {
        closeMic();
        dispatch({
          type: 'mic-failed',
          message: 'The speech model is not installed: type your answers; the tutor still speaks.',
        });
        dispatch({ type: 'tutor-done' });
        return;
      }
      if (!heard.text) {
        voiceChat.discard(id, voiceId);
        dispatch({ type: 'tutor-done' });
        return;
      }
      dispatch({ type: 'transcript', text: heard.text });
      handleText(heard.text, false);
    },
    [closeMic, handleText],
  );

  const onEar = useCallback(
    (e: EndpointEvent, rate: number) => {
      if (e.type === 'speech-start') {
        clearAuto();
        dispatch({ type: 'speech-start' });
      } else if (e.type === 'barge-in') {
        live.current.voice?.speaker.stop();
        dispatch({ type: 'barge-in' });
      } else {
        dispatch({ type: 'utterance' });
        void onUtterance(e.pcm, rate);
      }
    },
    [onUtterance],
  );

  const openMic = useCallback(async () => {
    let rate = 0;
    const early: Float32Array[] = [];
    const feed = (block: Float32Array): void => {
      level.set(Math.round(peakOf(block) * 20) / 20);
      if (!ear.current) return void early.push(block);
      for (const e of ear.current.push(block)) onEar(e, rate);
    };
    try {
      const m = await MicCapture.open(feed, live.current.voice?.micDeps);
      if (!callActive(live.current.state)) return void m.stop();
      rate = m.sampleRate;
      mic.current = m;
      ear.current = new Endpointer({ vad: { sampleRate: rate } });
      ear.current.setTutorSpeaking(live.current.voice?.speaker.state.status !== 'idle');
      for (const b of early.splice(0)) feed(b);
      dispatch({ type: 'mic-ready' });
    } catch (e) {
      dispatch({ type: 'mic-failed', message: `${micErrorText(e)} Type your answers; the tutor still speaks.` });
    }
  }, [level, onEar]);

  const hangUp = useCallback(() => {
    clearAuto();
    closeMic();
    live.current.voice?.speaker.stop();
    dispatch({ type: 'hang-up' });
  }, [closeMic]);
  const hangUpRef = useRef(hangUp);
  hangUpRef.current = hangUp;

  const start = useCallback(
    (channelId: string, phase?: string) => {
      const { voice, chat } = live.current;
      if (callActive(live.current.state)) hangUp();
      const withMic = voice?.status?.stt.installed ?? false;
      phaseId.current = phase;
      seen.current = spokenUpTo(channelChat(chat.state, channelId).items);
      const notice = withMic ? null : 'The speech model is not installed: type your answers; the tutor speaks.';
      dispatch({ type: 'start', channelId, mic: withMic, notice });
      live.current = { ...live.current, state: { ...CALL_IDLE, phase: 'connecting', channelId, mic: withMic } };
      if (withMic) void openMic();
      const bar = lessonBar(chat.state, channelId);
      const card = channelChat(chat.state, channelId).items.findLast((i) => i.kind === 'question' && !i.verdict);
      if (bar.kind === 'answer' && card?.kind === 'question')
        say([{ key: `msg-${card.id}`, markdown: questionSpeech(card.question) }]);
      else advance();
    },
    [advance, hangUp, openMic, say],
  );

  // Say what is new in the call's channel; when the tutor answered with nothing to say, listen.
  const items = state.channelId ? channelChat(o.chat.state, state.channelId).items : null;
  const busy = state.channelId ? channelChat(o.chat.state, state.channelId).busy : false;
  useEffect(() => {
    if (!items || !callActive(live.current.state)) return;
    const next = newSpeech(items, seen.current);
    seen.current = next.seen;
    if (next.parts.length) say(next.parts);
    else if (!busy && live.current.state.phase === 'thinking' && !live.current.voice?.speaker.state.key)
      dispatch({ type: 'tutor-done' });
  }, [items, busy, say]);

  useEffect(() => () => hangUpRef.current(), []);

  return { state, active: callActive(state), level, start, hangUp, handleText };
}
