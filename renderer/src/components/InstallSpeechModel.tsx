/**
 * "Install speech model" with the installer's progress bar, wherever voice needs the model (a voice
 * message, the call bar, settings). One install for the whole app (VoiceContext), so every place
 * shows the same progress.
 */
import { useId } from 'react';
import { useVoice } from '../voice/VoiceContext';

// Unknown (null) for a hub-attested model until the hub lists it: no size rather than a wrong one.
const sizeNote = (bytes: number | null): string => (bytes ? ` (${Math.round(bytes / 1_000_000)} MB)` : '');

export function InstallSpeechModel({ showCommand = false }: { showCommand?: boolean }) {
  const voice = useVoice();
  const id = useId();
  const status = voice?.status;
  if (!voice || !status || status.stt.installed) return null;
  const { install } = voice;
  if (!status.stt.installable)
    return <p className="voice-note">The speech model cannot be installed here: {status.stt.reason}</p>;
  const pct = install.total > 0 ? Math.round(Math.min(1, install.done / install.total) * 100) : null;
  return (
    <div className="speech-install">
      {install.running ? (
        <div className="model-progress">
          <label htmlFor={`${id}-bar`}>Installing the speech model…</label>
          {pct === null ? <progress id={`${id}-bar`} /> : <progress id={`${id}-bar`} max={100} value={pct} />}
          <span aria-hidden="true">{pct === null ? '' : `${pct}%`}</span>
        </div>
      ) : (
        <button type="button" className="panel-button primary" onClick={() => void install.startDefault()}>
          Install speech model{sizeNote(status.stt.sizeBytes)}
        </button>
      )}
      {install.error && !install.running && (
        <p className="message error" role="alert">
          Installing the speech model failed: {install.error}
        </p>
      )}
      {showCommand && (
        <p className="voice-note">
          Or from a terminal: <code>{status.stt.installCommand.split(/\s+\(or /)[0].trim()}</code>
        </p>
      )}
    </div>
  );
}
