import type { Channel } from '../app/channels';

interface ChannelHeaderProps {
  channel: Channel;
  railOpen: boolean;
  onToggleRail: () => void;
  onSearch: () => void;
}

/** The channel's name and topic, the rail toggle (narrow layouts) and search (Ctrl+K). */
export function ChannelHeader({ channel, railOpen, onToggleRail, onSearch }: ChannelHeaderProps) {
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
      <button type="button" className="search-button" onClick={onSearch} aria-keyshortcuts={mac ? 'Meta+K' : 'Control+K'}>
        <span aria-hidden="true">⌕ </span>Search<kbd aria-hidden="true">{mac ? '⌘K' : 'Ctrl+K'}</kbd>
      </button>
    </header>
  );
}
