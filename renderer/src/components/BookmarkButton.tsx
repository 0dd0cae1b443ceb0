interface BookmarkButtonProps {
  bookmarked: boolean;
  busy?: boolean;
  onToggle: () => void;
  /** What is bookmarked, for the tooltip ("this answer", "this section"). */
  what?: string;
}

/** A star toggle named "Bookmark" or "Remove bookmark" (with aria-pressed for its state). */
export function BookmarkButton({ bookmarked, busy = false, onToggle, what = 'this' }: BookmarkButtonProps) {
  return (
    <button
      type="button"
      className={`icon-button bookmark-toggle${bookmarked ? ' on' : ''}`}
      aria-label={bookmarked ? 'Remove bookmark' : 'Bookmark'}
      aria-pressed={bookmarked}
      title={bookmarked ? `Remove the bookmark on ${what}` : `Bookmark ${what}`}
      disabled={busy}
      onClick={onToggle}
    >
      <span aria-hidden="true">{bookmarked ? '★' : '☆'}</span>
    </button>
  );
}
