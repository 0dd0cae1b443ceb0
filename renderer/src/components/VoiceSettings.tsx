/** Settings → Voice: the speech output engine, read answers aloud, speed, and the speech model. */
import { useEffect, useId } from 'react';
import {
  MAX_SPEECH_RATE,
  MIN_SPEECH_RATE,
  SPEECH_MODEL_IDS,
  type SpeechModelId,
} from '../../../electron/shared/voiceConstants';
import { useVoice } from '../voice/VoiceContext';
import { parseSpeechModel } from '../voice/voiceSettings';
import { InstallSpeechModel } from './InstallSpeechModel';

/** What the select shows for each speech model, and its short name once chosen. */
const SPEECH_MODEL_CHOICES: Record<SpeechModelId, { label: string; name: string }> = {
  'Xenova/whisper-tiny.en': { label: 'Whisper tiny.en — default, faster', name: 'Whisper tiny (English)' },
  'Xenova/whisper-base.en': { label: 'Whisper base.en — more accurate, larger', name: 'Whisper base (English)' },
};

export function VoiceSettings() {
  const voice = useVoice();
  const id = useId();
  // The speech model may be installed from the model list below: look again when settings close.
  const refresh = voice?.refresh;
  useEffect(() => {
    if (!refresh) return;
    void refresh();
    return () => void refresh();
  }, [refresh]);
  if (!voice) return null;
  const { status, settings, setSettings, speaker } = voice;
  const sample = { key: 'settings-sample', markdown: 'This is how answers sound at this speed.' };
  return (
    <section className="voice-settings" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Voice</h3>
      <p>
        Speech output: <strong>{status ? status.tts.label : '…'}</strong>
        {status && !status.tts.available && <span className="panel-muted"> ({status.tts.summary})</span>}
      </p>
      <label className="voice-toggle">
        <input
          type="checkbox"
          checked={settings.readAloud}
          onChange={(e) => setSettings({ readAloud: e.target.checked })}
        />
        Read answers aloud
      </label>
      <div className="voice-rate">
        <label htmlFor={`${id}-rate`}>Speed</label>
        <input
          id={`${id}-rate`}
          type="range"
          min={MIN_SPEECH_RATE}
          max={MAX_SPEECH_RATE}
          step={0.25}
          value={settings.rate}
          aria-valuetext={`${settings.rate}×`}
          onChange={(e) => setSettings({ rate: Number(e.target.value) })}
        />
        <output htmlFor={`${id}-rate`}>{settings.rate}×</output>
        <button type="button" className="panel-button" onClick={() => speaker.toggle(sample)}>
          {speaker.state.key === sample.key ? 'Stop' : 'Try it'}
        </button>
      </div>
      <div className="voice-model">
        <label htmlFor={`${id}-model`}>Speech model</label>
        <select
          id={`${id}-model`}
          value={settings.speechModel}
          disabled={voice.install.running}
          onChange={(e) => setSettings({ speechModel: parseSpeechModel(e.target.value) })}
        >
          {SPEECH_MODEL_IDS.map((m) => (
            <option key={m} value={m}>
              {SPEECH_MODEL_CHOICES[m].label}
            </option>
          ))}
        </select>
      </div>
      <p>
        Speech input:{' '}
        {status ? (
          status.stt.installed ? (
            <strong>{SPEECH_MODEL_CHOICES[settings.speechModel].name}, installed</strong>
          ) : (
            <>
              <strong>not installed</strong>{' '}
              <span className="panel-muted">(voice messages are recorded but not transcribed)</span>
            </>
          )
        ) : (
          '…'
        )}
      </p>
      <InstallSpeechModel />
    </section>
  );
}
