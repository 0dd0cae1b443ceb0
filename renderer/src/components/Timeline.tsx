import { useEffect, useRef } from 'react';
import type { AskResponse, CitationDto, TutorEventDto } from '../../../electron/shared/api';
import { VERDICT_LABEL, sectionPath, type ChatMessage } from '../chat';
import { QuestionCard } from './QuestionCard';
import { Markdown } from '../markdown/Markdown';

/** The conversation: a live log so screen readers announce each new answer. */
interface TimelineProps {
  messages: ChatMessage[];
  /** The check question that may be answered now (null while busy or when none is open). */
  openQuestionId?: string | null;
  onAnswer?: (questionId: string, answer: string) => void;
}

export function Timeline({ messages, openQuestionId = null, onAnswer = () => {} }: TimelineProps) {
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [messages]);

  return (
    <div className="timeline" role="log" aria-live="polite" aria-label="Conversation">
      {messages.length === 0 && (
        <p className="empty-hint">
          Ask anything from the AWS notes, for example “What is the difference between S3 Standard and Glacier?”
        </p>
      )}
      {messages.map((m) => (
        <Bubble key={m.id} message={m} openQuestionId={openQuestionId} onAnswer={onAnswer} />
      ))}
      <div ref={end} />
    </div>
  );
}

function Bubble({
  message,
  openQuestionId,
  onAnswer,
}: {
  message: ChatMessage;
  openQuestionId: string | null;
  onAnswer: (questionId: string, answer: string) => void;
}) {
  if (message.role === 'learner') {
    return (
      <article className="bubble learner" aria-label="You">
        <p className="plain">{message.text}</p>
      </article>
    );
  }
  switch (message.status) {
    case 'pending':
      return (
        <article className="bubble tutor pending" aria-label="Tutor" aria-busy="true">
          <p>Looking through the notes…</p>
        </article>
      );
    case 'error':
      return (
        <article className="bubble tutor error" aria-label="Tutor">
          <p>{message.error.message}</p>
        </article>
      );
    case 'answer':
      return <Answer response={message.response} />;
    case 'event':
      return <TutorEventView event={message.event} openQuestionId={openQuestionId} onAnswer={onAnswer} />;
  }
}

function TutorEventView({
  event,
  openQuestionId,
  onAnswer,
}: {
  event: TutorEventDto;
  openQuestionId: string | null;
  onAnswer: (questionId: string, answer: string) => void;
}) {
  switch (event.type) {
    case 'lesson':
      return (
        <article className="lesson-card" aria-label="Lesson">
          <p className="card-label">Lesson</p>
          <h2>{event.title}</h2>
          {event.goals.length > 0 && (
            <ul>
              {event.goals.map((g) => (
                <li key={g}>{g}</li>
              ))}
            </ul>
          )}
        </article>
      );
    case 'message':
    case 'answer':
      return (
        <article className="bubble tutor" aria-label="Tutor">
          <Markdown source={event.markdown} />
          {event.refs && event.refs.length > 0 && (
            <ul className="citations" aria-label="Sources">
              {event.refs.map((r, i) => (
                <li key={`${i}-${r.sectionId}`} className="chip">
                  {sectionPath(r.headingPath)}
                </li>
              ))}
            </ul>
          )}
        </article>
      );
    case 'question':
      return (
        <QuestionCard
          question={event.question}
          open={openQuestionId === event.question.id}
          onAnswer={(a) => onAnswer(event.question.id, a)}
        />
      );
    case 'verdict': {
      const v = event.verdict;
      return (
        <article className={`bubble tutor verdict ${v.result}`} aria-label="Verdict">
          <p className="verdict-label">{VERDICT_LABEL[v.result]}</p>
          {v.result !== 'correct' && <p className="plain">Expected: {v.expected}</p>}
          <Markdown source={v.feedback} />
        </article>
      );
    }
    case 'done':
      return null;
    case 'progress':
      return null;
    case 'error':
      return (
        <article className="bubble tutor error" aria-label="Tutor">
          <p>{event.message}</p>
        </article>
      );
  }
}

function Answer({ response }: { response: AskResponse }) {
  return (
    <article className={`bubble tutor${response.abstained ? ' abstained' : ''}`} aria-label="Tutor">
      {response.abstained && <p className="abstain-label">Not in the notes</p>}
      <Markdown source={response.answer} />
      {response.citations.length > 0 && <Citations citations={response.citations} />}
    </article>
  );
}

function Citations({ citations }: { citations: CitationDto[] }) {
  return (
    <ul className="citations" aria-label="Sources">
      {citations.map((c) => (
        <li key={`${c.marker}-${c.chunkId}`} className="chip" title={c.text.slice(0, 400)}>
          <span className="chip-marker">[{c.marker}]</span> {sectionPath(c.headingPath)}
        </li>
      ))}
    </ul>
  );
}
