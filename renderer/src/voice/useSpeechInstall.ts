/**
 * Installing the speech model from the app (the mic, a voice message, the call bar and settings all
 * offer it): models.install with the installer's byte progress ('install' events) on a bar.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { NimbusApi } from '../../../electron/shared/api';

export interface SpeechInstall {
  running: boolean;
  done: number;
  total: number;
  /** Why the last install failed; null after a success or before any. */
  error: string | null;
  /** True when the model is installed afterwards. */
  start(modelId: string): Promise<boolean>;
}

export function useSpeechInstall(
  api: Pick<NimbusApi, 'models' | 'onProgress'>,
  onInstalled: () => void,
): SpeechInstall {
  const [progress, setProgress] = useState<{ running: boolean; done: number; total: number }>({
    running: false,
    done: 0,
    total: 0,
  });
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const onInstalledRef = useRef(onInstalled);
  onInstalledRef.current = onInstalled;

  // Subscribed only while installing (in web mode every subscription is a streamed request).
  const unsubscribe = useRef<(() => void) | null>(null);
  useEffect(() => () => unsubscribe.current?.(), []);

  const start = useCallback(
    async (modelId: string): Promise<boolean> => {
      if (running.current) return false;
      running.current = true;
      setError(null);
      setProgress({ running: true, done: 0, total: 0 });
      unsubscribe.current = api.onProgress((e) => {
        if (e.stage === 'install') setProgress({ running: true, done: e.done, total: e.total });
      });
      let installed = false;
      try {
        const r = await api.models.install({ ids: [modelId] });
        const entry = r.ok ? r.value.models.find((m) => m.id === modelId) : undefined;
        installed = entry?.status === 'installed' || entry?.status === 'already-installed';
        if (!r.ok) setError(r.error.message);
        else if (!installed) setError(entry?.reason ?? 'the installer did not finish');
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
      unsubscribe.current?.();
      unsubscribe.current = null;
      running.current = false;
      setProgress({ running: false, done: 0, total: 0 });
      if (installed) onInstalledRef.current();
      return installed;
    },
    [api],
  );

  return useMemo(() => ({ ...progress, error, start }), [progress, error, start]);
}
