/**
 * The window's remembered size, position and maximized state. Pure (type-only Electron import) so
 * the rules are unit-tested: a saved position is used only where it is still visible (a monitor
 * may have been unplugged since), and a size never exceeds the screen it lands on.
 */
import type { Rectangle } from 'electron';

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

export const DEFAULT_WINDOW_SIZE = { width: 1000, height: 760 } as const;
export const MIN_WINDOW_SIZE = { width: 480, height: 420 } as const;
/** How much of the saved window must still be on a display for its position to be kept. */
const MIN_VISIBLE = { width: 120, height: 60 } as const;

/** What the BrowserWindow opens with. */
export interface RestoredWindow {
  bounds: Rectangle;
  maximized: boolean;
}

/** What was saved, if it is a well-formed state (anything else is ignored, not repaired). */
export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { bounds, maximized } = raw as { bounds?: unknown; maximized?: unknown };
  if (typeof bounds !== 'object' || bounds === null) return null;
  const b = bounds as Record<string, unknown>;
  const nums = [b.x, b.y, b.width, b.height];
  if (!nums.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  const [x, y, width, height] = (nums as number[]).map(Math.round);
  if (width <= 0 || height <= 0) return null;
  return { bounds: { x, y, width, height }, maximized: maximized === true };
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/** The work area showing most of `bounds`, if any shows enough of it to find the window there. */
function displayShowing(bounds: Rectangle, workAreas: readonly Rectangle[]): Rectangle | null {
  let best: { area: Rectangle; visible: number } | null = null;
  for (const area of workAreas) {
    const o = overlap(bounds, area);
    const enough =
      o.width >= Math.min(MIN_VISIBLE.width, bounds.width) && o.height >= Math.min(MIN_VISIBLE.height, bounds.height);
    if (enough && (!best || o.width * o.height > best.visible)) best = { area, visible: o.width * o.height };
  }
  return best?.area ?? null;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), Math.max(lo, hi));

/**
 * Where the window opens: the saved bounds moved fully onto the display that shows most of them,
 * and shrunk to fit it; when no display shows enough of them (or nothing was saved), centred on the
 * primary display at the saved (or default) size.
 */
export function restoreWindow(
  saved: WindowState | null,
  workAreas: readonly Rectangle[],
  primary: Rectangle,
): RestoredWindow {
  const shown = saved ? displayShowing(saved.bounds, workAreas) : null;
  const area = shown ?? primary;
  const wanted = saved?.bounds ?? DEFAULT_WINDOW_SIZE;
  const width = Math.max(MIN_WINDOW_SIZE.width, Math.min(wanted.width, area.width));
  const height = Math.max(MIN_WINDOW_SIZE.height, Math.min(wanted.height, area.height));
  const x = shown && saved ? saved.bounds.x : area.x + Math.round((area.width - width) / 2);
  const y = shown && saved ? saved.bounds.y : area.y + Math.round((area.height - height) / 2);
  return {
    bounds: {
      x: clamp(x, area.x, area.x + area.width - width),
      y: clamp(y, area.y, area.y + area.height - height),
      width,
      height,
    },
    maximized: saved?.maximized ?? false,
  };
}

/** The parts of a BrowserWindow the tracker uses (a fake one in tests). */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isFullScreen(): boolean;
}

/**
 * Saves the window's state a moment after it stops moving or resizing, and at once when it closes.
 * The normal (unmaximized) bounds are what is kept, so un-maximizing next time lands somewhere sane.
 */
export function trackWindowState(win: TrackedWindow, save: (state: WindowState) => void, delayMs = 500): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const snapshot = (): WindowState => ({ bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  const later = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      // Minimized or full screen is not a size to come back to.
      if (!win.isMinimized() && !win.isFullScreen()) save(snapshot());
    }, delayMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event, later);
  win.on('close', () => {
    if (timer) clearTimeout(timer);
    timer = null;
    save(snapshot());
  });
}
