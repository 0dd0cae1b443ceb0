/**
 * The learner's voice choices, kept in localStorage like the theme: read answers aloud (off by
 * default), the speaking speed (0.5–2, default 1) and the speech model (Whisper tiny.en by
 * default). Every useVoiceSettings() follows changes made by another one (or another window).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  DEFAULT_SPEECH_MODEL_ID,
  MAX_SPEECH_RATE,
  MIN_SPEECH_RATE,
  SPEECH_MODEL_IDS,
  type SpeechModelId,
} from '../../../electron/shared/voiceConstants';

export interface VoiceSettings {
  readAloud: boolean;
  rate: number;
  /** Sent with voice.status and voice.transcribe; the install button installs this one. */
  speechModel: SpeechModelId;
}

export const VOICE_STORAGE_KEY = 'nimbus.voice';
const VOICE_EVENT = 'nimbus:voice-settings';
export const DEFAULT_VOICE_SETTINGS: VoiceSettings = {
  readAloud: false,
  rate: 1,
  speechModel: DEFAULT_SPEECH_MODEL_ID,
};

/** A stored model id the app still offers, else the default (an old or edited value never reaches core). */
export function parseSpeechModel(id: unknown): SpeechModelId {
  return SPEECH_MODEL_IDS.find((m) => m === id) ?? DEFAULT_SPEECH_MODEL_ID;
}

export function clampRate(rate: unknown): number {
  if (typeof rate !== 'number' || !Number.isFinite(rate)) return 1;
  return Math.min(MAX_SPEECH_RATE, Math.max(MIN_SPEECH_RATE, Math.round(rate * 100) / 100));
}

/** Whatever is stored, made valid (unknown or broken values fall back to the defaults). */
export function parseVoiceSettings(raw: string | null): VoiceSettings {
  if (!raw) return DEFAULT_VOICE_SETTINGS;
  try {
    const v = JSON.parse(raw) as Partial<Record<keyof VoiceSettings, unknown>> | null;
    return {
      readAloud: v?.readAloud === true,
      rate: clampRate(v?.rate),
      speechModel: parseSpeechModel(v?.speechModel),
    };
  } catch {
    return DEFAULT_VOICE_SETTINGS;
  }
}

export function readVoiceSettings(): VoiceSettings {
  try {
    return parseVoiceSettings(window.localStorage.getItem(VOICE_STORAGE_KEY));
  } catch {
    return DEFAULT_VOICE_SETTINGS;
  }
}

export function useVoiceSettings(): [VoiceSettings, (change: Partial<VoiceSettings>) => void] {
  const [settings, setState] = useState<VoiceSettings>(readVoiceSettings);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;

  useEffect(() => {
    const onLocal = (e: Event): void => {
      const next = (e as CustomEvent<VoiceSettings | undefined>).detail;
      if (next) setState(next);
    };
    const onStorage = (e: StorageEvent): void => {
      if (e.key === VOICE_STORAGE_KEY) setState(readVoiceSettings());
    };
    window.addEventListener(VOICE_EVENT, onLocal);
    window.addEventListener('storage', onStorage);
    return () => {
      window.removeEventListener(VOICE_EVENT, onLocal);
      window.removeEventListener('storage', onStorage);
    };
  }, []);

  const update = useCallback((change: Partial<VoiceSettings>) => {
    const next = { ...settingsRef.current, ...change };
    next.rate = clampRate(next.rate);
    next.speechModel = parseSpeechModel(next.speechModel);
    try {
      window.localStorage.setItem(VOICE_STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Storage unavailable: the choice still holds for this session.
    }
    setState(next);
    window.dispatchEvent(new CustomEvent(VOICE_EVENT, { detail: next }));
  }, []);

  return [settings, update];
}
