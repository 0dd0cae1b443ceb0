/**
 * Every channel's timeline, kept in memory while the app runs, and which channel the guided tutor
 * is teaching in. The tutor has one session: starting a lesson in another channel pauses the
 * first one (its open question closes and it offers to resume).
 */
import type { TutorEventDto, VerdictDto } from '../../../electron/shared/api';
import { itemsFromEvent, type ChatItem, type LessonPointer, type NewChatItem } from '../chat';

export interface ChannelChat {
  items: ChatItem[];
  busy: boolean;
}

export interface TutorSession {
  /** The channel the lesson runs in. */
  channelId: string;
  lessonId: string;
  /** The check question waiting for an answer. */
  questionId: string | null;
  finished: boolean;
  next?: LessonPointer;
}

export interface ChatState {
  channels: Record<string, ChannelChat>;
  tutor: TutorSession | null;
  nextId: number;
  /** The channel whose lesson a restored backup closed (until a lesson runs again). */
  closedByRestore?: string;
}

export const initialChatState: ChatState = { channels: {}, tutor: null, nextId: 1 };

export type ChatAction =
  /** The learner sent something (their words shown when given); the typing indicator appears. */
  | { type: 'send'; channelId: string; text?: string; at: number }
  /** The learner answered a check question: shown on its card while it is graded. */
  | { type: 'answer'; channelId: string; itemId: number; answer: string }
  | { type: 'events'; channelId: string; events: TutorEventDto[]; at: number }
  | { type: 'items'; channelId: string; items: NewChatItem[]; at: number }
  | { type: 'verdict'; channelId: string; itemId: number; verdict: VerdictDto }
  | { type: 'fail'; channelId: string; message: string; at: number }
  /** A voice message was recorded (it keeps the typing indicator and busy state as they are). */
  | { type: 'voice-add'; channelId: string; item: Omit<VoiceItem, 'id' | 'at'>; at: number }
  | { type: 'voice-update'; channelId: string; voiceId: string; patch: Partial<Omit<VoiceItem, 'id' | 'voiceId'>> }
  | { type: 'voice-remove'; channelId: string; voiceId: string }
  /** The learner's data was replaced (a backup restored): the open lesson belongs to the old data. */
  | { type: 'data-replaced'; at: number };

export type VoiceItem = Extract<ChatItem, { kind: 'voice' }>;

const EMPTY: ChannelChat = { items: [], busy: false };

export const channelChat = (s: ChatState, id: string): ChannelChat => s.channels[id] ?? EMPTY;

function withItems(s: ChatState, channelId: string, add: NewChatItem[], at: number, busy: boolean): ChatState {
  const prev = channelChat(s, channelId);
  const kept = prev.items.filter((i) => i.kind !== 'typing');
  let nextId = s.nextId;
  const items = [...kept, ...add.map((item) => ({ ...item, id: nextId++, at }) as ChatItem)];
  return { ...s, nextId, channels: { ...s.channels, [channelId]: { items, busy } } };
}

function mapItems(s: ChatState, channelId: string, fn: (i: ChatItem) => ChatItem): ChatState {
  const prev = channelChat(s, channelId);
  return { ...s, channels: { ...s.channels, [channelId]: { ...prev, items: prev.items.map(fn) } } };
}

/** Attaches a verdict to the latest card of its question that has none yet. */
function attachVerdict(items: ChatItem[], verdict: VerdictDto): ChatItem[] {
  let at = -1;
  items.forEach((i, n) => {
    if (i.kind === 'question' && i.question.id === verdict.questionId && !i.verdict) at = n;
  });
  return at < 0 ? items : items.map((i, n) => (n === at && i.kind === 'question' ? { ...i, verdict } : i));
}

function followTutor(tutor: TutorSession | null, channelId: string, events: TutorEventDto[]): TutorSession | null {
  let t = tutor;
  for (const e of events) {
    if (e.type === 'lesson') t = { channelId, lessonId: e.lessonId, questionId: null, finished: false };
    else if (!t || t.channelId !== channelId) continue;
    else if (e.type === 'question') t = { ...t, questionId: e.question.id };
    else if (e.type === 'verdict' && e.verdict.questionId === t.questionId) t = { ...t, questionId: null };
    else if (e.type === 'done') t = { ...t, finished: true, questionId: null, ...(e.next ? { next: e.next } : {}) };
  }
  return t;
}

export function chatReducer(s: ChatState, a: ChatAction): ChatState {
  switch (a.type) {
    case 'send': {
      const add: NewChatItem[] = a.text ? [{ kind: 'learner', text: a.text }] : [];
      return withItems(s, a.channelId, [...add, { kind: 'typing' }], a.at, true);
    }
    case 'answer':
      return mapItems(s, a.channelId, (i) =>
        i.id === a.itemId && i.kind === 'question' ? { ...i, answer: a.answer } : i,
      );
    case 'events': {
      let next = withItems(s, a.channelId, a.events.flatMap(itemsFromEvent), a.at, false);
      for (const e of a.events) {
        if (e.type !== 'verdict') continue;
        const chat = channelChat(next, a.channelId);
        next = {
          ...next,
          channels: { ...next.channels, [a.channelId]: { ...chat, items: attachVerdict(chat.items, e.verdict) } },
        };
      }
      const tutor = followTutor(s.tutor, a.channelId, a.events);
      return { ...next, tutor, closedByRestore: tutor ? undefined : s.closedByRestore };
    }
    case 'items':
      return withItems(s, a.channelId, a.items, a.at, false);
    case 'verdict':
      return mapItems(s, a.channelId, (i) =>
        i.id === a.itemId && i.kind === 'question' ? { ...i, verdict: a.verdict } : i,
      );
    case 'fail':
      return withItems(s, a.channelId, [{ kind: 'error', message: a.message }], a.at, false);
    case 'voice-add': {
      const prev = channelChat(s, a.channelId);
      const item = { ...a.item, id: s.nextId, at: a.at } as ChatItem;
      // before a typing indicator, so the dots stay last
      const typing = prev.items.findIndex((i) => i.kind === 'typing');
      const items =
        typing < 0 ? [...prev.items, item] : [...prev.items.slice(0, typing), item, ...prev.items.slice(typing)];
      return { ...s, nextId: s.nextId + 1, channels: { ...s.channels, [a.channelId]: { ...prev, items } } };
    }
    case 'voice-update':
      return mapItems(s, a.channelId, (i) =>
        i.kind === 'voice' && i.voiceId === a.voiceId ? ({ ...i, ...a.patch } as ChatItem) : i,
      );
    case 'data-replaced': {
      if (!s.tutor) return s;
      const note: NewChatItem = {
        kind: 'tutor',
        markdown:
          'Your data was restored from a backup, so this lesson was closed. **Resume** continues from the restored progress.',
        sources: [],
      };
      return {
        ...withItems(s, s.tutor.channelId, [note], a.at, false),
        tutor: null,
        closedByRestore: s.tutor.channelId,
      };
    }
    case 'voice-remove': {
      const prev = channelChat(s, a.channelId);
      const items = prev.items.filter((i) => !(i.kind === 'voice' && i.voiceId === a.voiceId));
      return { ...s, channels: { ...s.channels, [a.channelId]: { ...prev, items } } };
    }
  }
}

/** The question a channel may answer now: the tutor's open one, when the lesson runs there. */
export function openQuestionId(s: ChatState, channelId: string): string | null {
  if (channelChat(s, channelId).busy) return null;
  return s.tutor?.channelId === channelId ? s.tutor.questionId : null;
}

/** What the lesson bar of a phase channel offers. */
export type LessonBar =
  | { kind: 'intro' } // nothing yet: the phase intro's Start button
  | { kind: 'answer' } // a check question is open
  | { kind: 'next' } // continue the lesson
  | { kind: 'next-lesson'; next: LessonPointer } // lesson done, the next one suggested
  | { kind: 'finished' } // every lesson done
  | { kind: 'resume'; why: 'moved' | 'restored' }; // the lesson moved to another channel, or a backup closed it

export function lessonBar(s: ChatState, channelId: string): LessonBar {
  const t = s.tutor;
  if (!t || t.channelId !== channelId) {
    const started = channelChat(s, channelId).items.some((i) => i.kind === 'lesson');
    if (!started) return { kind: 'intro' };
    return { kind: 'resume', why: s.closedByRestore === channelId ? 'restored' : 'moved' };
  }
  if (t.questionId) return { kind: 'answer' };
  if (t.finished) return t.next ? { kind: 'next-lesson', next: t.next } : { kind: 'finished' };
  return { kind: 'next' };
}
