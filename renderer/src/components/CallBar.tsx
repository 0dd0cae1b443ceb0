/**
 * The call in progress: its channel, what is happening (listening / hearing you / thinking /
 * speaking), the microphone's level, the last words heard, and Hang up. A typed call says why and
 * offers the speech model's install.
 */
import { PHASE_LABEL, type CallState } from '../voice/callMachine';
import { useLevel, type LevelStore } from '../voice/levelStore';
import { InstallSpeechModel } from './InstallSpeechModel';

interface CallBarProps {
  state: CallState;
  channelName: string;
  /** The call runs in another channel than the one on screen. */
  elsewhere: boolean;
  level: LevelStore;
  onHangUp: () => void;
  onGoToChannel: () => void;
}

function LevelMeter({ store }: { store: LevelStore }) {
  const level = useLevel(store);
  return (
    <span className="call-level" aria-hidden="true">
      <span style={{ width: `${Math.round(Math.sqrt(level) * 100)}%` }} />
    </span>
  );
}

export function CallBar({ state, channelName, elsewhere, level, onHangUp, onGoToChannel }: CallBarProps) {
  return (
    <section className={`call-bar phase-${state.phase}`} aria-label="Call">
      <span className="call-dot" aria-hidden="true" />
      <p className="call-title">
        Call in <strong>{channelName}</strong>
        {elsewhere && (
          <button type="button" className="link-button" onClick={onGoToChannel}>
            Go there
          </button>
        )}
      </p>
      <p className="call-phase" role="status" aria-live="polite">
        {PHASE_LABEL[state.phase]}
      </p>
      {state.mic && <LevelMeter store={level} />}
      {state.heard && (
        <p className="call-heard">
          Heard: <q>{state.heard}</q>
        </p>
      )}
      <button type="button" className="hang-up" onClick={onHangUp}>
        Hang up
      </button>
      {state.notice && (
        <div className="call-notice">
          <p>{state.notice}</p>
          {!state.mic && <InstallSpeechModel />}
        </div>
      )}
    </section>
  );
}
