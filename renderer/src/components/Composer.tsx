import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { MAX_QUESTION_CHARS } from '../../../electron/shared/constants';

interface ComposerProps {
  busy: boolean;
  onSend: (text: string) => void;
  placeholder?: string;
  /** The longest message accepted (the engine's question limit by default). */
  maxChars?: number;
}

/** The message box: Enter sends, Shift+Enter starts a new line; Send waits while the tutor is busy. */
export function Composer({ busy, onSend, placeholder = 'Ask about AWS…', maxChars = MAX_QUESTION_CHARS }: ComposerProps) {
  const [text, setText] = useState('');
  const id = useId();
  const tooLong = text.length > maxChars;
  const canSend = !busy && !tooLong && text.trim().length > 0;
  const nearLimit = text.length > maxChars * 0.8;

  const send = (): void => {
    if (!canSend) return;
    onSend(text.trim());
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
      <label htmlFor={`${id}-text`} className="visually-hidden">
        Message
      </label>
      <textarea
        id={`${id}-text`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder={placeholder}
        rows={1}
        aria-describedby={`${id}-hint`}
        aria-invalid={tooLong || undefined}
        autoFocus
      />
      <button
        type="button"
        className="icon-button mic"
        aria-disabled="true"
        aria-label="Voice input"
        aria-describedby={`${id}-mic`}
        title="Voice input comes with the speech model"
        onClick={(e) => e.preventDefault()}
      >
        <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <rect x="9" y="3" width="6" height="11" rx="3" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M5 11a7 7 0 0 0 14 0M12 18v3M8 21h8" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </button>
      <span id={`${id}-mic`} className="visually-hidden">
        Not available yet: voice comes with the speech model.
      </span>
      <button type="submit" className="send" disabled={!canSend}>
        Send
      </button>
      <p id={`${id}-hint`} className={`composer-hint${tooLong ? ' error' : ''}`} aria-live="polite">
        {tooLong
          ? `That’s ${text.length} characters: messages can be up to ${maxChars}.`
          : nearLimit
            ? `${maxChars - text.length} characters left.`
            : busy
              ? 'Nimbus is answering…'
              : 'Enter to send, Shift+Enter for a new line.'}
      </p>
    </form>
  );
}
