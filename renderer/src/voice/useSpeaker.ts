/** The app's one speaker: a SpeechQueue playing through one <audio> element, with React state. */
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { NimbusApi } from '../../../electron/shared/api';
import {
  IDLE,
  SpeechQueue,
  elementSink,
  webSpeechSink,
  type SpeakOutcome,
  type SpeakPart,
  type SpeakerState,
} from './speechQueue';

export interface Speaker {
  state: SpeakerState;
  speak(parts: SpeakPart[], opts?: { append?: boolean }): Promise<SpeakOutcome>;
  stop(): void;
  /** Play this message, or stop it when it is the one playing (the per-message button). */
  toggle(part: SpeakPart): void;
  audioRef: RefObject<HTMLAudioElement | null>;
}

export function useSpeaker(api: Pick<NimbusApi, 'voice'>, rate: number): Speaker {
  const [state, setState] = useState<SpeakerState>(IDLE);
  const audioRef = useRef<HTMLAudioElement | null>(null);
  const rateRef = useRef(rate);
  rateRef.current = rate;
  const queue = useMemo(
    () =>
      new SpeechQueue({
        api: api.voice,
        sink: elementSink(() => audioRef.current),
        rate: () => rateRef.current,
        onState: setState,
        webSpeech: webSpeechSink(),
      }),
    [api],
  );
  useEffect(() => () => queue.stop(), [queue]);

  const speak = useCallback((parts: SpeakPart[], opts?: { append?: boolean }) => queue.speak(parts, opts), [queue]);
  const stop = useCallback(() => queue.stop(), [queue]);
  const keyRef = useRef<string | null>(null);
  keyRef.current = state.key;
  const toggle = useCallback(
    (part: SpeakPart) => {
      if (keyRef.current === part.key) queue.stop();
      else void queue.speak([part]);
    },
    [queue],
  );
  return useMemo(() => ({ state, speak, stop, toggle, audioRef }), [state, speak, stop, toggle]);
}
