/**
 * The learner's theme choice: 'system' follows the OS (prefers-color-scheme), 'light'/'dark' force
 * one. Kept in localStorage; applied as data-theme on <html> (panels.css overrides the colour
 * variables for it), and no attribute at all for 'system'.
 */
import { useCallback, useEffect, useLayoutEffect, useState } from 'react';

export type ThemePreference = 'system' | 'light' | 'dark';

export const THEME_STORAGE_KEY = 'nimbus.theme';
/** Fired on window when one useTheme() changes the theme, so every other one follows. */
const THEME_EVENT = 'nimbus:theme';

export function isThemePreference(value: unknown): value is ThemePreference {
  return value === 'system' || value === 'light' || value === 'dark';
}

/** The stored choice, or 'system' when none (or storage is unavailable). */
export function readStoredTheme(): ThemePreference {
  try {
    const value = window.localStorage.getItem(THEME_STORAGE_KEY);
    return isThemePreference(value) ? value : 'system';
  } catch {
    return 'system';
  }
}

/** Sets (or, for 'system', removes) data-theme on <html>. Call early in main.tsx to avoid a flash. */
export function applyTheme(theme: ThemePreference, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', theme);
}

export function useTheme(): [ThemePreference, (t: ThemePreference) => void] {
  const [theme, setThemeState] = useState<ThemePreference>(readStoredTheme);

  useLayoutEffect(() => applyTheme(theme), [theme]);

  useEffect(() => {
    const onLocal = (e: Event) => {
      const next = (e as CustomEvent<unknown>).detail;
      if (isThemePreference(next)) setThemeState(next);
    };
    // Another window of the app (or a web-mode tab) changed it.
    const onStorage = (e: StorageEvent) => {
      if (e.key === THEME_STORAGE_KEY) setThemeState(readStoredTheme());
    };
    window.addEventListener(THEME_EVENT, onLocal);
    window.addEventListener('storage', onStorage);
    return () => {
      window.removeEventListener(THEME_EVENT, onLocal);
      window.removeEventListener('storage', onStorage);
    };
  }, []);

  const setTheme = useCallback((next: ThemePreference) => {
    try {
      window.localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // Storage unavailable: the choice still holds for this session.
    }
    setThemeState(next);
    window.dispatchEvent(new CustomEvent(THEME_EVENT, { detail: next }));
  }, []);

  return [theme, setTheme];
}
