import type { Channel } from '../app/channels';

interface ChannelHeaderProps {
  channel: Channel;
  railOpen: boolean;
  onToggleRail: () => void;
  onSearch: () => void;
  /** Offered in phase channels when no call runs there: start a voice call with the tutor. */
  onStartCall?: () => void;
}

/** The channel's name and topic, the rail toggle (narrow layouts) and search (Ctrl+K). */
export function ChannelHeader({ channel, railOpen, onToggleRail, onSearch, onStartCall }: ChannelHeaderProps) {
  const mac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
  return (
    <header className="channel-header">
      <button
        type="button"
        className="icon-button rail-toggle"
        aria-label="Channels"
        aria-expanded={railOpen}
        aria-controls="channel-rail"
        onClick={onToggleRail}
      >
        <span aria-hidden="true">☰</span>
      </button>
      <h1 className="channel-title">
        {channel.name}
        <span className="channel-topic">{channel.title}</span>
      </h1>
      {onStartCall && (
        <button
          type="button"
          className="call-button"
          onClick={onStartCall}
          title="Talk through the lesson with the tutor"
        >
          <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path
              d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              strokeLinejoin="round"
            />
          </svg>{' '}
          Start call
        </button>
      )}
      <button
        type="button"
        className="search-button"
        onClick={onSearch}
        aria-keyshortcuts={mac ? 'Meta+K' : 'Control+K'}
      >
        <span aria-hidden="true">⌕ </span>Search<kbd aria-hidden="true">{mac ? '⌘K' : 'Ctrl+K'}</kbd>
      </button>
    </header>
  );
}
