/**
 * The app's data besides the chat: the engine's state at startup, the catalog (channels), the
 * progress summary (rings, review badge) and the bookmarks.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  ApiError,
  BookmarkAddRequest,
  BookmarkGroupDto,
  CatalogDto,
  EngineInfoDto,
  NimbusApi,
  ProgressEvent,
  ProgressSummaryDto,
  Result,
} from '../../../electron/shared/api';
import { bookmarkIndex } from './bookmarks';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const failed = <T>(e: unknown): Result<T> => ({ ok: false, error: { code: 'ipc', message: message(e) } });

/** Asks info() (which opens the engine), with its progress events meanwhile; retry after a failure. */
export function useEngine(api: NimbusApi) {
  const [info, setInfo] = useState<EngineInfoDto | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    const unsubscribe = api.onProgress((event) => {
      if (live) setProgress(event);
    });
    void api.info().then(
      (r) => {
        if (!live) return;
        if (r.ok) setInfo(r.value);
        else setError(r.error);
      },
      (e: unknown) => live && setError({ code: 'ipc', message: message(e) }),
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api, attempt]);

  const retry = useCallback(() => {
    setError(null);
    setProgress(null);
    setAttempt((n) => n + 1);
  }, []);
  return { info, error, progress, retry };
}

/** Catalog and progress summary, loaded once the engine is ready; refreshed on demand. */
export function useLibrary(api: NimbusApi, ready: boolean) {
  const [catalog, setCatalog] = useState<CatalogDto | null>(null);
  const [summary, setSummary] = useState<ProgressSummaryDto | null>(null);

  const refreshCatalog = useCallback(async () => {
    const r = await api.catalog().catch(failed<CatalogDto>);
    if (r.ok) setCatalog(r.value);
  }, [api]);

  const refreshProgress = useCallback(async () => {
    const r = await api.tutor({ cmd: 'progress' }).catch(failed<never>);
    if (!r.ok) return;
    const event = r.value.find((e) => e.type === 'progress');
    if (event?.type === 'progress') setSummary(event.summary);
  }, [api]);

  useEffect(() => {
    if (!ready) return;
    void refreshCatalog();
    void refreshProgress();
  }, [ready, refreshCatalog, refreshProgress]);

  return { catalog, summary, setSummary, refreshCatalog, refreshProgress };
}

/** The learner's bookmarks, an index of what is bookmarked, and add/remove that keep both fresh. */
export function useBookmarks(api: NimbusApi, ready: boolean) {
  const [groups, setGroups] = useState<BookmarkGroupDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef(new Set<string>());

  const refresh = useCallback(async () => {
    const r = await api.bookmarks.list().catch(failed<BookmarkGroupDto[]>);
    if (r.ok) {
      setGroups(r.value);
      setError(null);
    } else setError(r.error.message);
  }, [api]);

  useEffect(() => {
    if (ready) void refresh();
  }, [ready, refresh]);

  const index = useMemo(() => bookmarkIndex(groups ?? []), [groups]);

  /** Adds the bookmark when `key` has none, else removes it. Returns an error message, if any. */
  const toggle = useCallback(
    async (key: string, request: BookmarkAddRequest): Promise<string | null> => {
      if (pending.current.has(key)) return null;
      pending.current.add(key);
      try {
        const id = index.get(key);
        const r = id
          ? await api.bookmarks.remove(id).catch(failed<boolean>)
          : await api.bookmarks.add(request).catch(failed<never>);
        await refresh();
        return r.ok ? null : r.error.message;
      } finally {
        pending.current.delete(key);
      }
    },
    [api, index, refresh],
  );

  const remove = useCallback(
    async (id: string): Promise<void> => {
      await api.bookmarks.remove(id).catch(failed<boolean>);
      await refresh();
    },
    [api, refresh],
  );

  return { groups, error, index, refresh, toggle, remove };
}
