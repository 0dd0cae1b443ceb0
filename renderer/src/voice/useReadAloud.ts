/**
 * "Read answers aloud": new answers and lesson messages in the channel on screen are queued on the
 * speaker as they arrive (what was there before is not read). Off during a call (the call speaks).
 */
import { useEffect, useRef } from 'react';
import type { ChatItem } from '../chat';
import { newSpeech, spokenUpTo, type SpokenSoFar } from './speechParts';
import { useVoice } from './VoiceContext';

export function useReadAloud(items: ChatItem[], enabled: boolean): void {
  const voice = useVoice();
  const seen = useRef<SpokenSoFar | null>(null);
  const on = enabled && (voice?.settings.readAloud ?? false);
  const speaker = voice?.speaker;
  useEffect(() => {
    if (!on || !speaker || !seen.current) {
      seen.current = spokenUpTo(items);
      return;
    }
    const next = newSpeech(items, seen.current, 'answers');
    seen.current = next.seen;
    if (next.parts.length) void speaker.speak(next.parts, { append: true });
  }, [items, on, speaker]);
}
