/** The side reader's state: which section is open (from a citation, a search hit or a bookmark). */
import { useCallback, useRef, useState } from 'react';
import type { NimbusApi, SectionRequest } from '../../../electron/shared/api';
import type { ReaderState } from '../components/ReaderPanel';

const CLOSED: ReaderState & { open: boolean } = { open: false, loading: false, view: null, error: null };

export function useReader(api: Pick<NimbusApi, 'section'>) {
  const [state, setState] = useState(CLOSED);
  const seq = useRef(0);
  /** Where focus was before the reader opened: it goes back there on close. */
  const returnTo = useRef<HTMLElement | null>(null);

  const open = useCallback(
    /** `quote`: text to mark when the request names no passage (a lesson message's own quote). */
    async (request: SectionRequest, quote?: string): Promise<void> => {
      const n = ++seq.current;
      setState((s) => {
        if (!s.open) returnTo.current = document.activeElement as HTMLElement | null;
        return { open: true, loading: true, view: s.view, error: null };
      });
      const r = await api.section(request).catch((e: unknown) => ({
        ok: false as const,
        error: { code: 'ipc', message: e instanceof Error ? e.message : String(e) },
      }));
      if (n !== seq.current) return; // a later open won
      setState(
        r.ok
          ? {
              open: true,
              loading: false,
              view: { ...r.value, highlight: r.value.highlight ?? quote ?? null },
              error: null,
            }
          : { open: true, loading: false, view: null, error: r.error.message },
      );
    },
    [api],
  );

  const close = useCallback(() => {
    seq.current++;
    setState(CLOSED);
    const back = returnTo.current;
    returnTo.current = null;
    if (back?.isConnected) back.focus();
  }, []);

  return { state, open, close };
}
