import type { ReactNode } from 'react';
import { answerKey, answerTarget } from '../app/bookmarks';
import { clockTime, type ChatItem, type SourceChip } from '../chat';
import { Markdown } from '../markdown/Markdown';
import { BookmarkButton } from './BookmarkButton';
import { CitationChips } from './CitationChips';
import { QuestionCard } from './QuestionCard';
import { SpeakButton } from './SpeakButton';
import { TypingIndicator } from './TypingIndicator';
import { VoiceMessage } from './VoiceMessage';

export type AnswerItem = Extract<ChatItem, { kind: 'answer' }>;

/** What the bubbles of a timeline can do; every action is optional (a bare timeline just shows). */
export interface TimelineActions {
  /** The check question that may be answered now (null while busy or when none is open). */
  openQuestionId: string | null;
  onAnswer: (itemId: number, questionId: string, answer: string) => void;
  onOpenSource: (source: SourceChip) => void;
  /** Whether the bookmark with this key exists (see app/bookmarks.ts). */
  isBookmarked: (key: string) => boolean;
  onToggleBookmark: (item: AnswerItem) => void;
  /** "Teach me this topic" after an answer the notes don't cover. */
  onTeach: (title: string) => void;
  /** A voice message's (edited) transcript is sent, the message discarded, or transcribed again. */
  onVoiceSend: (voiceId: string, text: string) => void;
  onVoiceDiscard: (voiceId: string) => void;
  onVoiceRetry: (voiceId: string) => void;
  /** The message being read aloud (its bubble is marked). */
  speakingKey: string | null;
}

/** The key a tutor bubble is read aloud under (its play button and the call use the same). */
export const speakKey = (item: ChatItem): string => `msg-${item.id}`;

export const NO_ACTIONS: TimelineActions = {
  openQuestionId: null,
  onAnswer: () => {},
  onOpenSource: () => {},
  isBookmarked: () => false,
  onToggleBookmark: () => {},
  onTeach: () => {},
  onVoiceSend: () => {},
  onVoiceDiscard: () => {},
  onVoiceRetry: () => {},
  speakingKey: null,
};

function Message(p: { item: ChatItem; who: 'tutor' | 'learner'; speaking?: boolean; children: ReactNode }) {
  const { item, who, children } = p;
  const at = new Date(item.at);
  return (
    <article className={`msg ${who}${p.speaking ? ' speaking' : ''}`} aria-label={who === 'tutor' ? 'Tutor' : 'You'}>
      <span className={`avatar ${who}`} aria-hidden="true">
        {who === 'tutor' ? 'N' : 'You'}
      </span>
      <div className="msg-body">
        <p className="msg-meta">
          <span className="msg-author">{who === 'tutor' ? 'Nimbus' : 'You'}</span>{' '}
          <time dateTime={at.toISOString()}>{clockTime(item.at)}</time>
        </p>
        {children}
      </div>
    </article>
  );
}

/** One timeline entry: a learner or tutor bubble, a lesson header, a check question, a notice. */
export function Bubble({ item, actions }: { item: ChatItem; actions: TimelineActions }) {
  switch (item.kind) {
    case 'learner':
      return (
        <Message item={item} who="learner">
          <div className="bubble">
            <p className="plain">{item.text}</p>
          </div>
        </Message>
      );
    case 'voice':
      return (
        <Message item={item} who="learner">
          <VoiceMessage
            item={item}
            onSend={(text) => actions.onVoiceSend(item.voiceId, text)}
            onDiscard={() => actions.onVoiceDiscard(item.voiceId)}
            onRetry={() => actions.onVoiceRetry(item.voiceId)}
          />
        </Message>
      );
    case 'typing':
      return <TypingIndicator />;
    case 'answer': {
      const citable = answerTarget(item.question, item.markdown, item.sources) !== null;
      const marked = actions.isBookmarked(answerKey(item.question, item.markdown));
      return (
        <Message item={item} who="tutor" speaking={actions.speakingKey === speakKey(item)}>
          <div className={`bubble${item.abstained ? ' abstained' : ''}`}>
            {item.abstained && <p className="abstain-label">Not in the notes</p>}
            <Markdown source={item.markdown} />
            <CitationChips sources={item.sources} onOpen={actions.onOpenSource} />
          </div>
          <div className="msg-actions">
            <SpeakButton speakKey={speakKey(item)} markdown={item.markdown} />
            {citable && (
              <BookmarkButton bookmarked={marked} what="this answer" onToggle={() => actions.onToggleBookmark(item)} />
            )}
            {item.offerTopic && (
              <button type="button" className="link-button" onClick={() => actions.onTeach(item.offerTopic ?? '')}>
                Teach me this topic: “{item.offerTopic}”
              </button>
            )}
          </div>
        </Message>
      );
    }
    case 'tutor':
      return (
        <Message item={item} who="tutor" speaking={actions.speakingKey === speakKey(item)}>
          <div className="bubble">
            <Markdown source={item.markdown} />
            <CitationChips sources={item.sources} onOpen={actions.onOpenSource} />
          </div>
          <div className="msg-actions">
            <SpeakButton speakKey={speakKey(item)} markdown={item.markdown} />
          </div>
        </Message>
      );
    case 'lesson':
      return (
        <article
          className={`lesson-card${actions.speakingKey === speakKey(item) ? ' speaking' : ''}`}
          aria-label={`Lesson: ${item.title}`}
        >
          <p className="card-label">Lesson</p>
          <h3>{item.title}</h3>
          {item.goals.length > 0 && (
            <ul>
              {item.goals.map((g) => (
                <li key={g}>{g}</li>
              ))}
            </ul>
          )}
        </article>
      );
    case 'question':
      return (
        <div className={`msg tutor card-row${actions.speakingKey === speakKey(item) ? ' speaking' : ''}`}>
          <span className="avatar tutor" aria-hidden="true">
            N
          </span>
          <QuestionCard
            question={item.question}
            open={actions.openQuestionId === item.question.id}
            answer={item.answer}
            verdict={item.verdict}
            onAnswer={(a) => actions.onAnswer(item.id, item.question.id, a)}
          />
        </div>
      );
    case 'done':
      return (
        <p className="system-note" role="note">
          <span aria-hidden="true">✓ </span>Lesson complete{item.next ? `. Next up: ${item.next.title}.` : '.'}
        </p>
      );
    case 'error':
      return (
        <Message item={item} who="tutor">
          <div className="bubble error" role="alert">
            <p className="plain">{item.message}</p>
          </div>
        </Message>
      );
  }
}
