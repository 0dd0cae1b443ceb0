import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { MAX_QUESTION_CHARS } from '../../../electron/shared/constants';

interface ComposerProps {
  busy: boolean;
  onSend: (question: string) => void;
}

/** The question box: Enter sends, Shift+Enter starts a new line. */
export function Composer({ busy, onSend }: ComposerProps) {
  const [text, setText] = useState('');
  const canSend = !busy && text.trim().length > 0;

  const send = (): void => {
    if (!canSend) return;
    onSend(text);
    setText('');
  };
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    send();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    // isComposing: Enter that confirms an IME candidate must not send.
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      <label htmlFor="question" className="visually-hidden">
        Your question
      </label>
      <textarea
        id="question"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder="Ask about AWS… (Enter to send, Shift+Enter for a new line)"
        rows={2}
        maxLength={MAX_QUESTION_CHARS}
        autoFocus
      />
      <button type="submit" disabled={!canSend}>
        Send
      </button>
    </form>
  );
}
