import { useEffect, useRef, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import type { ProgressSummaryDto } from '../../../electron/shared/api';
import { ringFor, type Channel } from '../app/channels';
import { ProgressRing } from './ProgressRing';

interface ChannelRailProps {
  channels: Channel[];
  activeId: string;
  summary: ProgressSummaryDto | null;
  onSelect: (id: string) => void;
  onProgress: () => void;
  onSettings: () => void;
  /** Engine status line under the app name. */
  status?: ReactNode;
  /** Narrow layouts: the rail is a drawer, open or not. */
  open: boolean;
}

const ICON: Record<Channel['kind'], string> = { phase: '', ask: '?', self: '✎', review: '↻', bookmarks: '★' };

/** Channel rail: the app name, a navigation of channels (phases with progress rings), Progress and Settings. */
export function ChannelRail({
  channels,
  activeId,
  summary,
  onSelect,
  onProgress,
  onSettings,
  status,
  open,
}: ChannelRailProps) {
  const nav = useRef<HTMLElement>(null);
  // Opened as a drawer (narrow layouts): focus goes to the current channel.
  useEffect(() => {
    if (open) nav.current?.querySelector<HTMLAnchorElement>('a[aria-current="page"]')?.focus();
  }, [open]);
  const phases = channels.filter((c) => c.kind === 'phase');
  const others = channels.filter((c) => c.kind !== 'phase');

  // ↑/↓ (and Home/End) move between channel links; Enter opens one.
  const onKeyDown = (e: KeyboardEvent<HTMLElement>): void => {
    const links = Array.from(e.currentTarget.querySelectorAll<HTMLAnchorElement>('a.channel'));
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    const to =
      e.key === 'ArrowDown'
        ? at + 1
        : e.key === 'ArrowUp'
          ? at - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? -1
              : null;
    if (to === null || at < 0) return;
    e.preventDefault();
    links[(to + links.length) % links.length]?.focus();
  };

  const link = (c: Channel): ReactNode => {
    const active = c.id === activeId;
    const ring = c.kind === 'phase' || c.kind === 'self' ? ringFor(summary, c.phaseId) : null;
    const due = c.kind === 'review' ? (summary?.reviewDue ?? 0) : 0;
    const describe = [
      c.title,
      ring ? `${ring.percent}% mastered, ${ring.done} of ${ring.lessons} lessons done` : null,
      due > 0 ? `${due} ${due === 1 ? 'card' : 'cards'} due` : null,
    ]
      .filter(Boolean)
      .join('; ');
    const onClick = (e: MouseEvent): void => {
      e.preventDefault();
      onSelect(c.id);
    };
    return (
      <li key={c.id}>
        <a
          className={`channel${active ? ' active' : ''}`}
          href={`#${c.id}`}
          aria-current={active ? 'page' : undefined}
          aria-describedby={`channel-desc-${c.id}`}
          onClick={onClick}
        >
          {ring ? (
            <ProgressRing percent={ring.percent} />
          ) : (
            <span className="channel-icon" aria-hidden="true">
              {ICON[c.kind]}
            </span>
          )}
          <span className="channel-name">{c.name}</span>
          {due > 0 && (
            <span className="count-badge" aria-hidden="true">
              {due}
            </span>
          )}
        </a>
        <span id={`channel-desc-${c.id}`} className="visually-hidden">
          {describe}
        </span>
      </li>
    );
  };

  return (
    <div className={`rail${open ? ' open' : ''}`} id="channel-rail">
      <div className="rail-head">
        <p className="app-name">
          <span className="app-logo" aria-hidden="true">
            ☁
          </span>
          Nimbus Tutor
        </p>
        {status}
      </div>
      <nav ref={nav} className="rail-nav" aria-label="Channels" onKeyDown={onKeyDown}>
        <h2 className="rail-section">Phases</h2>
        <ul>{phases.map(link)}</ul>
        <h2 className="rail-section">Library</h2>
        <ul>{others.map(link)}</ul>
      </nav>
      <div className="rail-foot">
        <button type="button" onClick={onProgress}>
          <span aria-hidden="true">▦ </span>Progress
        </button>
        <button type="button" onClick={onSettings}>
          <span aria-hidden="true">⚙ </span>Settings
        </button>
      </div>
    </div>
  );
}
