/** The window's remembered bounds: restored only where they are visible, never larger than the screen. */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mainWindowOptions } from '../../electron/main/windowOptions';
import {
  DEFAULT_WINDOW_SIZE,
  MIN_WINDOW_SIZE,
  parseWindowState,
  restoreWindow,
  trackWindowState,
  type TrackedWindow,
  type WindowState,
} from '../../electron/main/windowState';

const primary = { x: 0, y: 0, width: 1920, height: 1040 }; // a taskbar below
const right = { x: 1920, y: 0, width: 1280, height: 1024 };
const state = (x: number, y: number, width: number, height: number, maximized = false): WindowState => ({
  bounds: { x, y, width, height },
  maximized,
});

describe('restoreWindow', () => {
  it('opens at the default size, centred on the primary display, the first time', () => {
    expect(restoreWindow(null, [primary], primary)).toEqual({
      bounds: { x: 460, y: 140, ...DEFAULT_WINDOW_SIZE },
      maximized: false,
    });
  });

  it('keeps saved bounds that are on a display, and the maximized flag', () => {
    expect(restoreWindow(state(100, 50, 900, 700, true), [primary, right], primary)).toEqual(
      state(100, 50, 900, 700, true),
    );
    expect(restoreWindow(state(2000, 100, 800, 600), [primary, right], primary).bounds).toEqual({
      x: 2000,
      y: 100,
      width: 800,
      height: 600,
    });
  });

  it('moves a window hanging off an edge fully onto the display showing most of it', () => {
    // Mostly on the right-hand display, partly off its bottom edge.
    expect(restoreWindow(state(2500, 700, 800, 600), [primary, right], primary).bounds).toEqual({
      x: 2400,
      y: 424,
      width: 800,
      height: 600,
    });
    // Title bar above the top of the screen.
    expect(restoreWindow(state(300, -200, 800, 600), [primary], primary).bounds).toEqual({
      x: 300,
      y: 0,
      width: 800,
      height: 600,
    });
  });

  it('recentres on the primary display when the saved display is gone', () => {
    // Saved on the right-hand monitor, which has since been unplugged.
    expect(restoreWindow(state(2000, 100, 800, 600, true), [primary], primary)).toEqual({
      bounds: { x: 560, y: 220, width: 800, height: 600 },
      maximized: true,
    });
    // Only a sliver (20 px) still visible: not enough to find the window.
    expect(restoreWindow(state(1900, 100, 800, 600), [primary], primary).bounds.x).toBe(560);
  });

  it('shrinks to the display and never below the minimum size', () => {
    const small = { x: 0, y: 0, width: 1024, height: 600 };
    expect(restoreWindow(state(0, 0, 1600, 1200), [small], small).bounds).toEqual({
      x: 0,
      y: 0,
      width: 1024,
      height: 600,
    });
    expect(restoreWindow(state(10, 10, 100, 80), [primary], primary).bounds).toMatchObject(MIN_WINDOW_SIZE);
  });
});

describe('parseWindowState', () => {
  it('accepts a well-formed state and rejects anything else', () => {
    expect(parseWindowState({ bounds: { x: 1.4, y: 2, width: 800, height: 600 }, maximized: true })).toEqual(
      state(1, 2, 800, 600, true),
    );
    expect(parseWindowState({ bounds: { x: 1, y: 2, width: 800, height: 600 } })?.maximized).toBe(false);
    for (const bad of [
      undefined,
      null,
      'x',
      {},
      { bounds: null },
      { bounds: { x: 1, y: 2, width: 800 } },
      { bounds: { x: '1', y: 2, width: 800, height: 600 } },
      { bounds: { x: 1, y: 2, width: Infinity, height: 600 } },
      { bounds: { x: 1, y: 2, width: 0, height: 600 } },
    ])
      expect(parseWindowState(bad)).toBeNull();
  });
});

describe('trackWindowState', () => {
  afterEach(() => vi.useRealTimers());

  function fakeWindow() {
    const emitter = new EventEmitter();
    let bounds = { x: 10, y: 20, width: 900, height: 700 };
    let maximized = false;
    let minimized = false;
    const win: TrackedWindow & { emit: (e: string) => void } = {
      on: (event: string, listener: () => void) => emitter.on(event, listener),
      emit: (e) => emitter.emit(e),
      getNormalBounds: () => bounds,
      isMaximized: () => maximized,
      isMinimized: () => minimized,
      isFullScreen: () => false,
    };
    return {
      win,
      set: (o: { bounds?: typeof bounds; maximized?: boolean; minimized?: boolean }) => {
        bounds = o.bounds ?? bounds;
        maximized = o.maximized ?? maximized;
        minimized = o.minimized ?? minimized;
      },
    };
  }

  it('saves once a moment after moves and resizes settle, and at once on close', () => {
    vi.useFakeTimers();
    const { win, set } = fakeWindow();
    const save = vi.fn();
    trackWindowState(win, save, 500);
    win.emit('move');
    vi.advanceTimersByTime(300);
    set({ bounds: { x: 50, y: 60, width: 1000, height: 800 } });
    win.emit('resize');
    vi.advanceTimersByTime(499);
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenLastCalledWith(state(50, 60, 1000, 800));

    set({ maximized: true });
    win.emit('maximize');
    win.emit('close');
    expect(save).toHaveBeenCalledTimes(2);
    expect(save).toHaveBeenLastCalledWith(state(50, 60, 1000, 800, true));
    vi.advanceTimersByTime(1000);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('does not remember a minimized window as a size to come back to', () => {
    vi.useFakeTimers();
    const { win, set } = fakeWindow();
    const save = vi.fn();
    trackWindowState(win, save, 100);
    set({ minimized: true });
    win.emit('resize');
    vi.advanceTimersByTime(200);
    expect(save).not.toHaveBeenCalled();
  });
});

describe('main window options', () => {
  it('opens at the restored bounds, with the minimum size', () => {
    const o = mainWindowOptions({ preloadPath: '/p.cjs', bounds: { x: 5, y: 6, width: 700, height: 500 } });
    expect(o).toMatchObject({ x: 5, y: 6, width: 700, height: 500, minWidth: 480, minHeight: 420 });
    expect(mainWindowOptions({ preloadPath: '/p.cjs' })).toMatchObject(DEFAULT_WINDOW_SIZE);
  });
});
