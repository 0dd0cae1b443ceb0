import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { MAX_QUESTION_CHARS } from '../../../electron/shared/constants';
import type { VoiceClip } from '../voice/clip';
import { MicButton } from './MicButton';

interface ComposerProps {
  busy: boolean;
  onSend: (text: string) => void;
  placeholder?: string;
  /** The longest message accepted (the engine's question limit by default). */
  maxChars?: number;
  /** A recorded voice message (the mic shows only when given, inside a VoiceProvider). */
  onVoice?: (clip: VoiceClip) => void;
}

/** The message box: Enter sends, Shift+Enter starts a new line; Send waits while the tutor is busy. */
export function Composer({
  busy,
  onSend,
  placeholder = 'Ask about AWS…',
  maxChars = MAX_QUESTION_CHARS,
  onVoice,
}: ComposerProps) {
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
      {onVoice && <MicButton onClip={onVoice} />}
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
