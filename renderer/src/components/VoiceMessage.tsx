/**
 * A learner's voice message: play/pause, the waveform (the played part highlighted), the duration,
 * and the transcript — editable before sending, then shown as sent. Without the speech model the
 * bubble says so and offers the install; once installed it transcribes by itself.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ChatItem } from '../chat';
import { formatClock, type VoiceClip } from '../voice/clip';
import { useVoice } from '../voice/VoiceContext';
import { InstallSpeechModel } from './InstallSpeechModel';
import { Waveform } from './Waveform';

type VoiceItem = Extract<ChatItem, { kind: 'voice' }>;

export interface VoiceMessageProps {
  item: VoiceItem;
  onSend: (text: string) => void;
  onDiscard: () => void;
  onRetry: () => void;
}

/** The recording as a blob: URL (CSP media-src blob:), released with the bubble. */
function useClipUrl(clip: VoiceClip): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (typeof URL.createObjectURL !== 'function') return;
    const u = URL.createObjectURL(new Blob([clip.wav as Uint8Array<ArrayBuffer>], { type: 'audio/wav' }));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [clip]);
  return url;
}

export function VoicePlayer({ clip }: { clip: VoiceClip }) {
  const url = useClipUrl(clip);
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [played, setPlayed] = useState(0);
  const toggle = (): void => {
    const el = audio.current;
    if (!el) return;
    if (el.paused) void Promise.resolve(el.play()).catch(() => setPlaying(false));
    else el.pause();
  };
  return (
    <div className="voice-player">
      <button
        type="button"
        className="voice-play"
        aria-label={playing ? 'Pause voice message' : 'Play voice message'}
        onClick={toggle}
        disabled={!url}
      >
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>
      </button>
      <Waveform peaks={clip.peaks} played={played} label={`Voice message, ${formatClock(clip.durationSec)}`} />
      <span className="voice-duration">{formatClock(clip.durationSec)}</span>
      {url && (
        <audio
          ref={audio}
          src={url}
          preload="metadata"
          onPlay={() => setPlaying(true)}
          onPause={() => setPlaying(false)}
          onEnded={() => {
            setPlaying(false);
            setPlayed(0);
          }}
          onTimeUpdate={(e) => setPlayed(e.currentTarget.currentTime / Math.max(0.01, clip.durationSec))}
        />
      )}
    </div>
  );
}

export function VoiceMessage({ item, onSend, onDiscard, onRetry }: VoiceMessageProps) {
  const voice = useVoice();
  const id = useId();
  const [text, setText] = useState(item.transcript);
  useEffect(() => setText(item.transcript), [item.transcript]);
  // The model was installed from here (or elsewhere) while the message waited: transcribe it now.
  const installed = voice?.status?.stt.installed ?? false;
  const retried = useRef(false);
  useEffect(() => {
    if (item.status === 'missing-model' && installed && !retried.current) {
      retried.current = true;
      onRetry();
    }
  }, [item.status, installed, onRetry]);

  const editable = item.status === 'ready' || item.status === 'missing-model' || item.status === 'error';
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (text.trim()) onSend(text.trim());
  };
  return (
    <div className={`bubble voice-bubble status-${item.status}`}>
      <VoicePlayer clip={item.clip} />
      {item.status === 'transcribing' && (
        <p className="voice-status" role="status">
          Transcribing…
        </p>
      )}
      {item.status === 'sent' && <p className="plain voice-transcript">{item.transcript}</p>}
      {item.status === 'missing-model' && (
        <div className="voice-missing">
          <p role="alert">
            <strong>The speech model is not installed</strong>, so this voice message can’t be turned into text yet.
            Install it (once, it then works offline), or type what you said below.
          </p>
          <InstallSpeechModel showCommand />
        </div>
      )}
      {item.status === 'error' && (
        <p className="voice-note" role="alert">
          {item.note}{' '}
          <button type="button" className="link-button" onClick={onRetry}>
            Try again
          </button>
        </p>
      )}
      {item.status === 'ready' && item.note && <p className="voice-note">{item.note}</p>}
      {editable && (
        <form className="voice-edit" onSubmit={submit}>
          <label htmlFor={`${id}-t`} className="visually-hidden">
            Transcript
          </label>
          <textarea
            id={`${id}-t`}
            value={text}
            rows={2}
            onChange={(e) => setText(e.target.value)}
            placeholder={item.status === 'ready' ? 'The transcript' : 'Type what you said'}
          />
          <div className="voice-actions">
            <button type="submit" className="send" disabled={!text.trim()}>
              Send
            </button>
            <button type="button" className="panel-button" onClick={onDiscard}>
              Discard
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
