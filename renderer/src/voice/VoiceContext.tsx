/**
 * Voice for the whole app: the speech model's and the voice engine's status, the one install of
 * the speech model (its progress shows wherever it is offered), the speaker and the learner's
 * voice settings. Components read it with useVoice(); without a provider they show no voice UI.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { NimbusApi, VoiceStatusDto } from '../../../electron/shared/api';
import type { MicDeps } from './mic';
import { useSpeaker, type Speaker } from './useSpeaker';
import { useSpeechInstall, type SpeechInstall } from './useSpeechInstall';
import { useVoiceSettings, type VoiceSettings } from './voiceSettings';

export interface VoiceContextValue {
  api: Pick<NimbusApi, 'voice' | 'models' | 'onProgress'>;
  status: VoiceStatusDto | null;
  refresh(): Promise<void>;
  install: SpeechInstall & { startDefault(): Promise<boolean> };
  speaker: Speaker;
  settings: VoiceSettings;
  setSettings(change: Partial<VoiceSettings>): void;
  /** The microphone's browser pieces (tests pass fakes); null where there is no microphone API. */
  micDeps?: MicDeps | null;
}

const VoiceContext = createContext<VoiceContextValue | null>(null);

export function useVoice(): VoiceContextValue | null {
  return useContext(VoiceContext);
}

export function VoiceProvider(p: {
  api: Pick<NimbusApi, 'voice' | 'models' | 'onProgress'>;
  micDeps?: MicDeps | null;
  children: ReactNode;
}) {
  const { api } = p;
  const [status, setStatus] = useState<VoiceStatusDto | null>(null);
  const [settings, setSettings] = useVoiceSettings();
  const speaker = useSpeaker(api, settings.rate);

  const speechModel = settings.speechModel;
  const refresh = useCallback(async () => {
    const r = await api.voice.status({ modelId: speechModel }).catch(() => null);
    // A status for a model chosen before the last switch is dropped (answers may cross).
    if (r?.ok && r.value.stt.modelId === speechModel) setStatus(r.value);
  }, [api, speechModel]);
  // Follows the chosen model: the mic, voice messages and the install button then show that one.
  useEffect(() => {
    setStatus(null);
    void refresh();
  }, [refresh]);

  const installer = useSpeechInstall(api, () => void refresh());
  const modelId = speechModel;
  const { start } = installer;
  const startDefault = useCallback(() => start(modelId), [start, modelId]);
  const install = useMemo(() => ({ ...installer, startDefault }), [installer, startDefault]);

  const value = useMemo<VoiceContextValue>(
    () => ({ api, status, refresh, install, speaker, settings, setSettings, micDeps: p.micDeps }),
    [api, status, refresh, install, speaker, settings, setSettings, p.micDeps],
  );
  return (
    <VoiceContext.Provider value={value}>
      {p.children}
      {/* The tutor's voice: one element, fed one sentence WAV at a time (see speechQueue.ts). */}
      <audio ref={speaker.audioRef} data-nimbus-speaker="" preload="auto" hidden />
    </VoiceContext.Provider>
  );
}
