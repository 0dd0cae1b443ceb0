// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react';
import { readFileSync, readdirSync } from 'node:fs';
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
  /** The body of the first `selector {…}` (no nested braces inside). */
  const blockOf = (source: string, selector: string) => {
    const at = source.indexOf(selector);
    expect(at, selector).toBeGreaterThanOrEqual(0);
    const open = source.indexOf('{', at);
    return source.slice(open + 1, source.indexOf('}', open));
  };

  it('declares every theme colour once, with both sides, so forcing color-scheme switches them all', () => {
    const styles = css('styles.css');
    const root = blockOf(styles, ':root {');
    const colours = [...root.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)];
    expect(colours.length).toBeGreaterThan(10);
    for (const [, name, value] of colours) expect(value, name).toMatch(/^light-dark\(#[0-9a-f]{6}, #[0-9a-f]{6}\)$/);
    // An OS-preference block would escape the learner's forced theme.
    const sheets = [
      'styles.css',
      ...readdirSync(join(import.meta.dirname, '../../renderer/src/styles')).map((f) => `styles/${f}`),
    ];
    for (const name of sheets) expect(css(name), name).not.toContain('prefers-color-scheme');
    const panels = css('styles/panels.css');
    for (const theme of ['light', 'dark'])
      expect(blockOf(panels, `:root[data-theme='${theme}']`)).toContain(`color-scheme: ${theme}`);
  });
});
