/**
 * Recording a voice message: start() opens the microphone, blocks are collected with a live level
 * and elapsed time, stop() returns the clip (16 kHz WAV, peaks, duration), cancel() drops it.
 * Recording stops by itself at the contract's limit (MAX_VOICE_SECONDS).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { MAX_VOICE_SECONDS } from '../../../electron/shared/voiceConstants';
import { clipFromPcm, concatBlocks, peakOf, type VoiceClip } from './clip';
import { MicCapture, micErrorText, type MicDeps } from './mic';

export type RecorderState =
  | { phase: 'idle'; error: string | null }
  | { phase: 'starting' }
  | { phase: 'recording'; seconds: number; level: number; levels: number[] };

/** Shortest clip kept (a tap on the mic is not a message). */
export const MIN_CLIP_SEC = 0.3;
const LEVEL_HISTORY = 24;

export interface Recorder {
  state: RecorderState;
  start(): Promise<boolean>;
  /** The clip, or null when nothing usable was recorded. */
  stop(): Promise<VoiceClip | null>;
  cancel(): Promise<void>;
}

export function useRecorder(
  opts: { deps?: MicDeps | null; maxSeconds?: number; onAutoStop?: (clip: VoiceClip | null) => void } = {},
): Recorder {
  const [state, setState] = useState<RecorderState>({ phase: 'idle', error: null });
  const mic = useRef<MicCapture | null>(null);
  const blocks = useRef<Float32Array[]>([]);
  const samples = useRef(0);
  const opening = useRef<Promise<boolean> | null>(null);
  const optsRef = useRef(opts);
  optsRef.current = opts;
  const maxSeconds = opts.maxSeconds ?? MAX_VOICE_SECONDS;

  const finish = useCallback(async (keep: boolean): Promise<VoiceClip | null> => {
    if (opening.current) await opening.current;
    const m = mic.current;
    mic.current = null;
    if (!m) return null;
    await m.stop();
    const pcm = concatBlocks(blocks.current);
    blocks.current = [];
    samples.current = 0;
    setState({ phase: 'idle', error: null });
    if (!keep || pcm.length < MIN_CLIP_SEC * m.sampleRate) return null;
    return clipFromPcm(pcm, m.sampleRate);
  }, []);

  const start = useCallback(async (): Promise<boolean> => {
    if (mic.current || opening.current) return false;
    blocks.current = [];
    samples.current = 0;
    setState({ phase: 'starting' });
    const levels: number[] = [];
    let rate = 48000;
    const attempt = MicCapture.open((block) => {
      blocks.current.push(block);
      samples.current += block.length;
      levels.push(peakOf(block));
      if (levels.length > LEVEL_HISTORY) levels.shift();
      const seconds = samples.current / rate;
      setState({ phase: 'recording', seconds, level: levels[levels.length - 1], levels: [...levels] });
      if (seconds >= maxSeconds && mic.current) void finish(true).then((clip) => optsRef.current.onAutoStop?.(clip));
    }, opts.deps)
      .then((m) => {
        rate = m.sampleRate;
        mic.current = m;
        setState({ phase: 'recording', seconds: 0, level: 0, levels: [] });
        return true;
      })
      .catch((e: unknown) => {
        setState({ phase: 'idle', error: micErrorText(e) });
        return false;
      })
      .finally(() => {
        opening.current = null;
      });
    opening.current = attempt;
    return attempt;
  }, [finish, maxSeconds, opts.deps]);

  const stop = useCallback(() => finish(true), [finish]);
  const cancel = useCallback(async () => void (await finish(false)), [finish]);

  // Leaving the page (or the composer) releases the microphone.
  useEffect(
    () => () => {
      void mic.current?.stop();
      mic.current = null;
    },
    [],
  );

  return { state, start, stop, cancel };
}
