/** The chat's commands over the API, feeding the per-channel timelines of chatState.ts. */
import { useCallback, useReducer } from 'react';
import type { NimbusApi, ProgressSummaryDto, Result, TutorCommand, TutorEventDto } from '../../../electron/shared/api';
import { itemFromAsk } from '../chat';
import { chatReducer, initialChatState } from './chatState';

interface ChatHooks {
  /** A progress summary arrived with the events (a lesson finished). */
  onSummary: (summary: ProgressSummaryDto) => void;
  /** Something changed progress without a summary (a verdict): ask for a fresh one. */
  onProgressChanged: () => void;
}

const failure = (e: unknown) => ({
  ok: false as const,
  error: { code: 'ipc', message: e instanceof Error ? e.message : String(e) },
});

export function useChat(api: NimbusApi, hooks: ChatHooks) {
  const [state, dispatch] = useReducer(chatReducer, initialChatState);
  const { onSummary, onProgressChanged } = hooks;

  /** One tutor command in a channel; the learner's own words (if any) go in the timeline first. */
  const tutor = useCallback(
    async (channelId: string, command: TutorCommand, learnerText?: string): Promise<TutorEventDto[] | null> => {
      dispatch({ type: 'send', channelId, text: learnerText, at: Date.now() });
      const r: Result<TutorEventDto[]> = await api.tutor(command).catch(failure);
      if (!r.ok) {
        dispatch({ type: 'fail', channelId, message: r.error.message, at: Date.now() });
        return null;
      }
      dispatch({ type: 'events', channelId, events: r.value, at: Date.now() });
      const summary = r.value.find((e) => e.type === 'progress');
      if (summary?.type === 'progress') onSummary(summary.summary);
      else if (r.value.some((e) => e.type === 'verdict' || e.type === 'lesson')) onProgressChanged();
      return r.value;
    },
    [api, onSummary, onProgressChanged],
  );

  /**
   * A free question: the tutor's (biased to the lesson) in phase channels, the plain engine elsewhere.
   * `echo` false: the question is already in the timeline (a voice message's transcript).
   */
  const ask = useCallback(
    async (channelId: string, question: string, via: 'tutor' | 'engine', echo = true): Promise<void> => {
      if (via === 'tutor') {
        await tutor(channelId, { cmd: 'ask', question }, echo ? question : undefined);
        return;
      }
      dispatch({ type: 'send', channelId, text: echo ? question : undefined, at: Date.now() });
      const r = await api.ask(question).catch(failure);
      if (r.ok) dispatch({ type: 'items', channelId, items: [itemFromAsk(question, r.value)], at: Date.now() });
      else dispatch({ type: 'fail', channelId, message: r.error.message, at: Date.now() });
    },
    [api, tutor],
  );

  /** An answer to the check question shown as timeline item `itemId`. */
  const answer = useCallback(
    (channelId: string, itemId: number, questionId: string, text: string): Promise<TutorEventDto[] | null> => {
      dispatch({ type: 'answer', channelId, itemId, answer: text });
      return tutor(channelId, { cmd: 'answer', questionId, answer: text });
    },
    [tutor],
  );

  return { state, tutor, ask, answer, dispatch };
}
