/**
 * Voice messages in a channel's timeline: a recorded clip becomes a learner bubble, is transcribed
 * by voice.transcribe, and its (editable) transcript is sent as the learner's message. A missing
 * speech model is shown on the bubble, which offers the install and transcribes again afterwards.
 */
import { useCallback, type Dispatch } from 'react';
import type { NimbusApi } from '../../../electron/shared/api';
import { VoiceErrorCode, type SpeechModelId } from '../../../electron/shared/voiceConstants';
import type { VoiceClip } from '../voice/clip';
import type { ChatAction } from './chatState';

let counter = 0;
const newVoiceId = (): string => `v${Date.now().toString(36)}-${(counter++).toString(36)}`;

export interface TranscribeOutcome {
  /** The words heard ('' when none). */
  text: string;
  missingModel: boolean;
}

/** `speechModel`: the learner's choice in Settings → Voice (core's default when not given). */
export function useVoiceChat(
  api: Pick<NimbusApi, 'voice'>,
  dispatch: Dispatch<ChatAction>,
  speechModel?: SpeechModelId,
) {
  /** Transcribes an item's clip and records the outcome on the bubble. */
  const transcribe = useCallback(
    async (channelId: string, voiceId: string, clip: VoiceClip, viaCall = false): Promise<TranscribeOutcome> => {
      dispatch({ type: 'voice-update', channelId, voiceId, patch: { status: 'transcribing', note: undefined } });
      const r = await api.voice
        .transcribe(speechModel ? { wavBase64: clip.base64, modelId: speechModel } : { wavBase64: clip.base64 })
        .catch((e: unknown) => ({ ok: false as const, error: { code: 'ipc', message: String(e) } }));
      if (!r.ok) {
        const missingModel = r.error.code === VoiceErrorCode.speechModelMissing;
        dispatch({
          type: 'voice-update',
          channelId,
          voiceId,
          patch: { status: missingModel ? 'missing-model' : 'error', note: r.error.message },
        });
        return { text: '', missingModel };
      }
      const { text, note } = r.value;
      const heard = text.trim();
      dispatch({
        type: 'voice-update',
        channelId,
        voiceId,
        patch: {
          status: viaCall && heard ? 'sent' : 'ready',
          transcript: heard,
          note: heard
            ? undefined
            : `No words were heard${note ? ` (${note})` : ''}. Type what you said, or discard it.`,
        },
      });
      return { text: heard, missingModel: false };
    },
    [api, dispatch, speechModel],
  );

  /** A new voice bubble for `clip`; its transcription starts at once. */
  const record = useCallback(
    (channelId: string, clip: VoiceClip, viaCall = false): { voiceId: string; done: Promise<TranscribeOutcome> } => {
      const voiceId = newVoiceId();
      dispatch({
        type: 'voice-add',
        channelId,
        item: { kind: 'voice', voiceId, clip, status: 'transcribing', transcript: '', ...(viaCall ? { viaCall } : {}) },
        at: Date.now(),
      });
      return { voiceId, done: transcribe(channelId, voiceId, clip, viaCall) };
    },
    [dispatch, transcribe],
  );

  /** The transcript as sent: the bubble locks and shows it. */
  const markSent = useCallback(
    (channelId: string, voiceId: string, text: string) =>
      dispatch({
        type: 'voice-update',
        channelId,
        voiceId,
        patch: { status: 'sent', transcript: text, note: undefined },
      }),
    [dispatch],
  );

  const discard = useCallback(
    (channelId: string, voiceId: string) => dispatch({ type: 'voice-remove', channelId, voiceId }),
    [dispatch],
  );

  return { record, transcribe, markSent, discard };
}
