/** A tutor bubble's "read aloud" button: plays the message sentence by sentence, or stops it. */
import { useVoice } from '../voice/VoiceContext';

export function SpeakButton({ speakKey, markdown }: { speakKey: string; markdown: string }) {
  const voice = useVoice();
  if (!voice) return null;
  const { speaker } = voice;
  const mine = speaker.state.key === speakKey;
  const loading = mine && speaker.state.status === 'loading';
  return (
    <button
      type="button"
      className={`speak-button${mine ? ' active' : ''}`}
      aria-pressed={mine}
      aria-label={mine ? 'Stop reading aloud' : 'Read aloud'}
      title={mine ? 'Stop' : `Read aloud (${voice.status?.tts.label ?? 'voice'})`}
      onClick={() => speaker.toggle({ key: speakKey, markdown })}
    >
      <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        {mine ? (
          <rect x="6" y="6" width="12" height="12" rx="1.5" fill="currentColor" />
        ) : (
          <path
            d="M4 9v6h4l5 4V5L8 9H4zM16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        )}
      </svg>
      <span className="speak-text">{loading ? 'Preparing…' : mine ? 'Stop' : 'Listen'}</span>
    </button>
  );
}
