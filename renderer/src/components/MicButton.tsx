/**
 * The composer's microphone. Hold it (pointer, or Space/Enter on the focused button, or Alt+V from
 * anywhere) to record, release to get a voice message; a quick tap starts hands-free recording that
 * the next tap ends; Esc cancels. While recording: elapsed time and a live level meter. It always
 * says what will happen: without the speech model the message is still recorded and offers the
 * install; without a microphone it says why.
 */
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { formatClock, type VoiceClip } from '../voice/clip';
import { useRecorder } from '../voice/useRecorder';
import { useVoice } from '../voice/VoiceContext';

/** Shorter presses are taps (start hands-free recording), longer ones hold-to-talk. */
export const HOLD_MS = 350;

export function MicButton({ onClip, disabled = false }: { onClip: (clip: VoiceClip) => void; disabled?: boolean }) {
  const voice = useVoice();
  const id = useId();
  const onClipRef = useRef(onClip);
  onClipRef.current = onClip;
  const recorder = useRecorder({ deps: voice?.micDeps, onAutoStop: (clip) => clip && onClipRef.current(clip) });
  const pressedAt = useRef<number | null>(null);
  const [locked, setLocked] = useState(false);
  const { state, start, stop, cancel } = recorder;
  const active = state.phase === 'recording' || state.phase === 'starting';

  const finish = useCallback(async () => {
    setLocked(false);
    const clip = await stop();
    if (clip) onClipRef.current(clip);
  }, [stop]);

  const press = useCallback(() => {
    if (disabled || pressedAt.current !== null) return;
    if (locked) {
      void finish();
      return;
    }
    pressedAt.current = Date.now();
    void start();
  }, [disabled, locked, finish, start]);

  const release = useCallback(() => {
    const at = pressedAt.current;
    if (at === null) return;
    pressedAt.current = null;
    if (Date.now() - at < HOLD_MS) setLocked(true);
    else void finish();
  }, [finish]);

  // Push-to-talk from anywhere: hold Alt+V. Esc cancels a recording.
  useEffect(() => {
    if (!voice) return;
    const down = (e: globalThis.KeyboardEvent): void => {
      if (e.key === 'Escape' && (active || locked)) {
        e.preventDefault();
        setLocked(false);
        pressedAt.current = null;
        void cancel();
      } else if (e.altKey && e.code === 'KeyV' && !e.repeat) {
        e.preventDefault();
        press();
      }
    };
    const up = (e: globalThis.KeyboardEvent): void => {
      if (e.code === 'KeyV' || e.key === 'Alt') release();
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, [voice, active, locked, press, release, cancel]);

  if (!voice) return null;
  const installed = voice.status?.stt.installed ?? false;
  const hint = installed
    ? 'Hold to talk (or hold Alt+V); tap to start and tap again to stop.'
    : 'The speech model is not installed: you can still record, and the message offers the install.';
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>): void => {
    if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) {
      e.preventDefault();
      press();
    }
  };
  const onKeyUp = (e: KeyboardEvent<HTMLButtonElement>): void => {
    if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      release();
    }
  };
  const onPointerDown = (e: PointerEvent<HTMLButtonElement>): void => {
    if (e.button > 0) return; // the primary button (or a touch, a pen) only
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    press();
  };

  return (
    <>
      <button
        type="button"
        className={`icon-button mic${active ? ' recording' : ''}${installed ? '' : ' no-model'}`}
        aria-label={active ? 'Recording: release to send' : 'Record a voice message'}
        aria-pressed={active}
        aria-describedby={`${id}-mic`}
        aria-keyshortcuts="Alt+V"
        title={hint}
        disabled={disabled && !active}
        onPointerDown={onPointerDown}
        onPointerUp={release}
        onPointerCancel={release}
        onKeyDown={onKeyDown}
        onKeyUp={onKeyUp}
        onClick={(e) => e.preventDefault()}
      >
        <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <rect x="9" y="3" width="6" height="11" rx="3" fill="none" stroke="currentColor" strokeWidth="2" />
          <path
            d="M5 11a7 7 0 0 0 14 0M12 18v3M8 21h8"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          />
        </svg>
      </button>
      <span id={`${id}-mic`} className="visually-hidden">
        {hint}
      </span>
      {state.phase === 'recording' && (
        <div className="recording-strip" role="status" aria-label="Recording">
          <span className="rec-dot" aria-hidden="true" />
          <span className="rec-time">{formatClock(state.seconds)}</span>
          <span className="rec-levels" aria-hidden="true">
            {state.levels.map((l, i) => (
              <span key={i} style={{ height: `${Math.max(8, Math.round(Math.sqrt(l) * 100))}%` }} />
            ))}
          </span>
          <span className="rec-hint">{locked ? 'Tap the mic to send' : 'Release to send'} · Esc cancels</span>
        </div>
      )}
      {state.phase === 'idle' && state.error && (
        <p className="composer-hint error" role="alert">
          {state.error}
        </p>
      )}
    </>
  );
}
