import { describe, expect, it } from 'vitest';
import {
  channelChat,
  chatReducer,
  initialChatState,
  lessonBar,
  openQuestionId,
} from '../../renderer/src/app/chatState';
import { LESSON_EVENTS, QUESTION, VERDICT } from './fakeApi';

const at = 1_700_000_000_000;

describe('chat state', () => {
  it('keeps a timeline per channel: learner text and a typing indicator, replaced by the reply', () => {
    let s = chatReducer(initialChatState, { type: 'send', channelId: 'ask', text: 'hi', at });
    expect(channelChat(s, 'ask')).toMatchObject({
      busy: true,
      items: [{ kind: 'learner', text: 'hi' }, { kind: 'typing' }],
    });
    expect(channelChat(s, 'phase1').items).toEqual([]);
    s = chatReducer(s, { type: 'items', channelId: 'ask', items: [{ kind: 'error', message: 'x' }], at });
    const chat = channelChat(s, 'ask');
    expect(chat.busy).toBe(false);
    expect(chat.items.map((i) => i.kind)).toEqual(['learner', 'error']);
    expect(new Set(chat.items.map((i) => i.id)).size).toBe(2);
  });

  it('follows the lesson: intro → next → answer → next, verdicts attached to their cards', () => {
    let s = initialChatState;
    expect(lessonBar(s, 'phase1')).toEqual({ kind: 'intro' });
    s = chatReducer(s, { type: 'events', channelId: 'phase1', events: LESSON_EVENTS, at });
    expect(lessonBar(s, 'phase1')).toEqual({ kind: 'next' });
    s = chatReducer(s, { type: 'events', channelId: 'phase1', events: [{ type: 'question', question: QUESTION }], at });
    expect(lessonBar(s, 'phase1')).toEqual({ kind: 'answer' });
    expect(openQuestionId(s, 'phase1')).toBe('q1');
    expect(openQuestionId(s, 'phase2')).toBeNull();
    const card = channelChat(s, 'phase1').items.find((i) => i.kind === 'question');
    s = chatReducer(s, { type: 'answer', channelId: 'phase1', itemId: card?.id ?? -1, answer: 'Security groups' });
    s = chatReducer(s, { type: 'send', channelId: 'phase1', at });
    expect(openQuestionId(s, 'phase1')).toBeNull(); // busy
    s = chatReducer(s, { type: 'events', channelId: 'phase1', events: [{ type: 'verdict', verdict: VERDICT }], at });
    const graded = channelChat(s, 'phase1').items.find((i) => i.kind === 'question');
    expect(graded).toMatchObject({ answer: 'Security groups', verdict: { result: 'correct' } });
    expect(channelChat(s, 'phase1').items.some((i) => i.kind === 'typing')).toBe(false);
    expect(lessonBar(s, 'phase1')).toEqual({ kind: 'next' });
  });

  it('offers the next lesson when one is done, and "resume" where a lesson was left for another channel', () => {
    let s = chatReducer(initialChatState, { type: 'events', channelId: 'phase1', events: LESSON_EVENTS, at });
    const next = { phaseId: 'phase1', lessonId: 'l-vpc', title: 'Amazon VPC' };
    s = chatReducer(s, {
      type: 'events',
      channelId: 'phase1',
      events: [{ type: 'done', lessonId: 'l-aws', next }],
      at,
    });
    expect(lessonBar(s, 'phase1')).toEqual({ kind: 'next-lesson', next });
    s = chatReducer(s, { type: 'events', channelId: 'phase1', events: [{ type: 'done', lessonId: 'l-vpc' }], at });
    expect(lessonBar(s, 'phase1')).toMatchObject({ kind: 'next-lesson' }); // keeps the last suggestion
    const other = [{ ...LESSON_EVENTS[0], phaseId: 'phase2', lessonId: 'l-rds' }];
    s = chatReducer(s, { type: 'events', channelId: 'phase2', events: other, at });
    expect(lessonBar(s, 'phase2')).toEqual({ kind: 'next' });
    expect(lessonBar(s, 'phase1')).toEqual({ kind: 'resume', why: 'moved' });
    // a question from the paused channel's old session is no longer answerable
    expect(openQuestionId(s, 'phase1')).toBeNull();
  });

  it('closes the open lesson when a backup replaces the data, says so there, and offers to resume', () => {
    expect(chatReducer(initialChatState, { type: 'data-replaced', at })).toBe(initialChatState);
    let s = chatReducer(initialChatState, { type: 'events', channelId: 'phase1', events: LESSON_EVENTS, at });
    s = chatReducer(s, { type: 'events', channelId: 'phase1', events: [{ type: 'question', question: QUESTION }], at });
    expect(openQuestionId(s, 'phase1')).toBe('q1');
    s = chatReducer(s, { type: 'data-replaced', at });
    expect(openQuestionId(s, 'phase1')).toBeNull(); // the question belonged to the old data
    expect(lessonBar(s, 'phase1')).toEqual({ kind: 'resume', why: 'restored' });
    const last = channelChat(s, 'phase1').items.at(-1);
    expect(last).toMatchObject({ kind: 'tutor' });
    expect(last?.kind === 'tutor' && last.markdown).toContain('restored from a backup');
    // a lesson running again ends the "restored" state
    s = chatReducer(s, { type: 'events', channelId: 'phase1', events: LESSON_EVENTS, at });
    expect(lessonBar(s, 'phase1')).toEqual({ kind: 'next' });
    s = chatReducer(s, { type: 'events', channelId: 'phase2', events: LESSON_EVENTS, at });
    expect(lessonBar(s, 'phase1')).toEqual({ kind: 'resume', why: 'moved' });
  });

  it('reports a failure as an error bubble and ends the wait', () => {
    let s = chatReducer(initialChatState, { type: 'send', channelId: 'ask', text: 'q', at });
    s = chatReducer(s, { type: 'fail', channelId: 'ask', message: 'engine down', at });
    expect(channelChat(s, 'ask')).toMatchObject({
      busy: false,
      items: [{ kind: 'learner' }, { kind: 'error', message: 'engine down' }],
    });
  });

  it('ignores progress events in the timeline and drops verdicts with no card', () => {
    const s = chatReducer(initialChatState, {
      type: 'events',
      channelId: 'phase1',
      events: [
        { type: 'verdict', verdict: VERDICT },
        { type: 'progress', summary: { phases: [], current: null, suggestedNext: null, reviewDue: 0 } },
      ],
      at,
    });
    expect(channelChat(s, 'phase1').items).toEqual([]);
  });
});
