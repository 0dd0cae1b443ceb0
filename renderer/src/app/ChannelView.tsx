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
import type { useChat } from './useChat';
import type { useBookmarks } from './useLibrary';

export interface ChannelViewProps {
  api: NimbusApi;
  channel: Channel;
  channels: Channel[];
  chat: ReturnType<typeof useChat>;
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

const PLACEHOLDER = {
  phase: (c: Channel) => `Ask about ${c.title}…`,
  ask: () => 'Ask anything from the AWS notes…',
  self: () => 'Ask about your topics…',
};

export function ChannelView(p: ChannelViewProps) {
  const { channel, chat } = p;
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
            onAnswer: (itemId, questionId, text) => chat.answer(channel.id, itemId, questionId, text),
            onOpenSource: p.onOpenSource,
            isBookmarked: (key) => p.bookmarks.index.has(key),
            onToggleBookmark: p.onToggleAnswerBookmark,
            onTeach: p.onTeach,
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
        placeholder={PLACEHOLDER[channel.kind](channel)}
        onSend={(q) => void chat.ask(channel.id, q, channel.kind === 'phase' ? 'tutor' : 'engine')}
      />
    </>
  );
}
