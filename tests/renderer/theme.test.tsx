// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { THEME_STORAGE_KEY, useTheme } from '../../renderer/src/theme';

const html = document.documentElement;

beforeEach(() => {
  window.localStorage.clear();
  html.removeAttribute('data-theme');
});
afterEach(cleanup);

describe('useTheme', () => {
  it('follows the system by default: no data-theme attribute', () => {
    const { result } = renderHook(() => useTheme());
    expect(result.current[0]).toBe('system');
    expect(html.hasAttribute('data-theme')).toBe(false);
  });

  it('sets data-theme and persists the choice, and removes the attribute for system', () => {
    const { result } = renderHook(() => useTheme());
    act(() => result.current[1]('dark'));
    expect(result.current[0]).toBe('dark');
    expect(html.getAttribute('data-theme')).toBe('dark');
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');
    act(() => result.current[1]('light'));
    expect(html.getAttribute('data-theme')).toBe('light');
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe('light');
    act(() => result.current[1]('system'));
    expect(html.hasAttribute('data-theme')).toBe(false);
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe('system');
  });

  it('restores the stored choice on the next start', () => {
    const first = renderHook(() => useTheme());
    act(() => first.result.current[1]('dark'));
    first.unmount();
    html.removeAttribute('data-theme');
    const { result } = renderHook(() => useTheme());
    expect(result.current[0]).toBe('dark');
    expect(html.getAttribute('data-theme')).toBe('dark');
  });

  it('treats a garbled stored value as system', () => {
    window.localStorage.setItem(THEME_STORAGE_KEY, 'sepia');
    const { result } = renderHook(() => useTheme());
    expect(result.current[0]).toBe('system');
    expect(html.hasAttribute('data-theme')).toBe(false);
  });

  it('keeps every user of the hook in step', () => {
    const a = renderHook(() => useTheme());
    const b = renderHook(() => useTheme());
    act(() => a.result.current[1]('light'));
    expect(b.result.current[0]).toBe('light');
  });
});

describe('theme CSS', () => {
  const css = (name: string) => readFileSync(join(import.meta.dirname, '../../renderer/src', name), 'utf8');
  const varsIn = (block: string) => new Set([...block.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]));
  /** The body of the first `selector {…}` (no nested braces inside). */
  const blockOf = (source: string, selector: string) => {
    const at = source.indexOf(selector);
    expect(at, selector).toBeGreaterThanOrEqual(0);
    const open = source.indexOf('{', at);
    return source.slice(open + 1, source.indexOf('}', open));
  };

  it('forces light and dark for every colour the OS preference would switch', () => {
    const styles = css('styles.css');
    const osDark = blockOf(styles.slice(styles.indexOf('prefers-color-scheme: dark')), ':root');
    const switched = varsIn(osDark);
    expect(switched.size).toBeGreaterThan(3);
    const panels = css('styles/panels.css');
    for (const theme of ['light', 'dark']) {
      const forced = varsIn(blockOf(panels, `:root[data-theme='${theme}']`));
      expect(
        [...switched].filter((v) => !forced.has(v)),
        theme,
      ).toEqual([]);
      expect(blockOf(panels, `:root[data-theme='${theme}']`)).toContain(`color-scheme: ${theme}`);
    }
  });
});
