/** The main pane's body for one channel: a chat (phases, #ask-anything, #self-learned), #review or #bookmarks. */
import type { ReactNode } from 'react';
import type { NimbusApi, ProgressSummaryDto } from '../../../electron/shared/api';
import type { SourceChip } from '../chat';
import { BookmarksChannel, type BookmarkItem } from '../components/BookmarksChannel';
import type { AnswerItem } from '../components/Bubble';
import { Composer } from '../components/Composer';
import { LessonBar } from '../components/LessonBar';
import { PhaseIntro } from '../components/PhaseIntro';
import { ReviewChannel } from '../components/ReviewChannel';
import { SelfLearnedPanel } from '../components/SelfLearnedPanel';
import { Timeline } from '../components/Timeline';
import { phaseLabel, ringFor, type Channel } from './channels';
import { channelChat, lessonBar, openQuestionId } from './chatState';
import { useVoice } from '../voice/VoiceContext';
import { useReadAloud } from '../voice/useReadAloud';
import type { useChat } from './useChat';
import type { useBookmarks } from './useLibrary';
import type { useVoiceChat } from './useVoiceChat';

export interface ChannelViewProps {
  api: NimbusApi;
  channel: Channel;
  channels: Channel[];
  chat: ReturnType<typeof useChat>;
  voiceChat: ReturnType<typeof useVoiceChat>;
  /** A call runs in this channel: what the learner types goes to it (and the call has the mic). */
  call: { here: boolean; mic: boolean; onText: (text: string) => void };
  bookmarks: ReturnType<typeof useBookmarks>;
  summary: ProgressSummaryDto | null;
  teach: { title: string; key: number };
  onOpenSource: (source: SourceChip) => void;
  onOpenBookmark: (bookmark: BookmarkItem) => void;
  onToggleAnswerBookmark: (item: AnswerItem) => void;
  onTeach: (title: string) => void;
  onGotoLesson: (lessonId: string, phaseId: string) => void;
  onCatalogChanged: () => void;
  onProgressChanged: () => void;
}

const PLACEHOLDER: Partial<Record<Channel['kind'], (c: Channel) => string>> = {
  phase: (c) => `Ask about ${c.title}…`,
  ask: () => 'Ask anything from the AWS notes…',
  self: () => 'Ask about your topics…',
};

export function ChannelView(p: ChannelViewProps) {
  const { channel } = p;
  if (channel.kind === 'review' || channel.kind === 'bookmarks') return <LibraryChannel {...p} />;
  return <ChatChannel {...p} />;
}

function LibraryChannel(p: ChannelViewProps) {
  const { channel } = p;
  if (channel.kind === 'review')
    return (
      <div className="channel-scroll">
        <ReviewChannel api={p.api} onGraded={p.onProgressChanged} />
      </div>
    );
  if (channel.kind === 'bookmarks')
    return (
      <div className="channel-scroll">
        <BookmarksChannel
          groups={p.bookmarks.groups}
          error={p.bookmarks.error}
          phaseName={(id) => phaseLabel(p.channels, id)}
          onOpen={p.onOpenBookmark}
          onRemove={(b) => void p.bookmarks.remove(b.id)}
        />
      </div>
    );
  return null;
}

function ChatChannel(p: ChannelViewProps) {
  const { channel, chat, voiceChat, call } = p;
  const voice = useVoice();
  const state = channelChat(chat.state, channel.id);
  const bar = lessonBar(chat.state, channel.id);
  const phaseId = channel.phaseId;
  let intro: ReactNode = null;
  if (channel.kind === 'phase' && phaseId)
    intro = (
      <PhaseIntro
        channel={channel}
        done={ringFor(p.summary, phaseId)?.done}
        canStart={bar.kind === 'intro'}
        busy={state.busy}
        onStart={() => void chat.tutor(channel.id, { cmd: 'goto', phaseId })}
        onLesson={(lessonId) => void chat.tutor(channel.id, { cmd: 'goto', lessonId })}
      />
    );
  else if (channel.kind === 'self')
    intro = (
      <SelfLearnedPanel
        api={p.api}
        prefill={p.teach.title}
        prefillKey={p.teach.key}
        lessons={channel.lessons}
        busy={state.busy}
        onChanged={p.onCatalogChanged}
        onStudy={(lessonId) => void chat.tutor(channel.id, { cmd: 'goto', lessonId })}
      />
    );

  useReadAloud(state.items, !call.here);
  const via = channel.kind === 'phase' ? 'tutor' : 'engine';
  const sendVoice = (voiceId: string, text: string): void => {
    voiceChat.markSent(channel.id, voiceId, text);
    if (call.here) call.onText(text);
    else void chat.ask(channel.id, text, via, false);
  };
  const retryVoice = (voiceId: string): void => {
    const item = state.items.find((i) => i.kind === 'voice' && i.voiceId === voiceId);
    if (item?.kind === 'voice') void voiceChat.transcribe(channel.id, voiceId, item.clip, item.viaCall);
  };

  const empty =
    channel.kind === 'ask' ? (
      <p className="empty-hint">
        Ask anything from the AWS notes, for example “What is the difference between S3 Standard and Glacier?” Every
        answer cites the sections it comes from.
      </p>
    ) : null;

  return (
    <>
      <div className="channel-scroll">
        {intro}
        <Timeline
          items={state.items}
          label={`Messages in ${channel.name}`}
          empty={empty}
          actions={{
            openQuestionId: openQuestionId(chat.state, channel.id),
            onAnswer: (itemId, questionId, text) => void chat.answer(channel.id, itemId, questionId, text),
            onOpenSource: p.onOpenSource,
            isBookmarked: (key) => p.bookmarks.index.has(key),
            onToggleBookmark: p.onToggleAnswerBookmark,
            onTeach: p.onTeach,
            onVoiceSend: sendVoice,
            onVoiceDiscard: (voiceId) => voiceChat.discard(channel.id, voiceId),
            onVoiceRetry: retryVoice,
            speakingKey: voice?.speaker.state.key ?? null,
          }}
        />
      </div>
      {phaseId && (
        <LessonBar
          bar={bar}
          busy={state.busy}
          onNext={() => void chat.tutor(channel.id, { cmd: 'next' })}
          onGotoLesson={p.onGotoLesson}
          onResume={() => void chat.tutor(channel.id, { cmd: 'goto', phaseId })}
        />
      )}
      <Composer
        key={channel.id}
        busy={state.busy}
        placeholder={
          call.here ? 'Type your answer or question (the tutor speaks)…' : PLACEHOLDER[channel.kind]?.(channel)
        }
        onSend={(q) => (call.here ? call.onText(q) : void chat.ask(channel.id, q, via))}
        onVoice={call.here && call.mic ? undefined : (clip) => void voiceChat.record(channel.id, clip)}
      />
    </>
  );
}
