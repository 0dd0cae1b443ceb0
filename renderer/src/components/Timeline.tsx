import { useEffect, useRef } from 'react';
import type { AskResponse, CitationDto } from '../../../electron/shared/api';
import { sectionPath, type ChatMessage } from '../chat';
import { Markdown } from '../markdown/Markdown';

/** The conversation: a live log so screen readers announce each new answer. */
export function Timeline({ messages }: { messages: ChatMessage[] }) {
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
        <Bubble key={m.id} message={m} />
      ))}
      <div ref={end} />
    </div>
  );
}

function Bubble({ message }: { message: ChatMessage }) {
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
