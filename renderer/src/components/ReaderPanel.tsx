import { useEffect, useRef } from 'react';
import type { SectionViewDto } from '../../../electron/shared/api';
import { Markdown } from '../markdown/Markdown';
import { BookmarkButton } from './BookmarkButton';

export interface ReaderState {
  loading: boolean;
  view: SectionViewDto | null;
  error: string | null;
}

interface ReaderPanelProps {
  state: ReaderState;
  /** "#1 core-services", for the section's phase. */
  phaseName?: string;
  bookmarked: boolean;
  onToggleBookmark: () => void;
  /** Opens the section's lesson in its phase channel. */
  onStudy: (lessonId: string, phaseId: string) => void;
  onClose: () => void;
  /** Esc closes the reader unless something above it (a dialog) has the key. */
  escapeCloses?: boolean;
}

/** The side reader: a section of the notes with the cited passage marked and scrolled into view. */
export function ReaderPanel({
  state,
  phaseName,
  bookmarked,
  onToggleBookmark,
  onStudy,
  onClose,
  escapeCloses = true,
}: ReaderPanelProps) {
  const body = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const { view, loading, error } = state;

  useEffect(() => {
    if (!escapeCloses) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !e.defaultPrevented) {
        e.preventDefault();
        onClose();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [escapeCloses, onClose]);

  // A new section: focus its title (keyboard users land in the reader), then show the passage.
  useEffect(() => {
    if (!view) return;
    heading.current?.focus({ preventScroll: true });
    const mark = body.current?.querySelector('[data-highlight]');
    if (mark) mark.scrollIntoView?.({ block: 'center' });
    else body.current?.scrollTo?.({ top: 0 });
  }, [view]);

  const title = view ? view.headingPath[view.headingPath.length - 1] : loading ? 'Opening…' : 'Reader';
  return (
    <aside className="reader" aria-label="Reader" aria-busy={loading}>
      <header className="reader-head">
        <div className="reader-titles">
          {view && (
            <p className="reader-path">
              {[phaseName ?? view.headingPath[0], ...view.headingPath.slice(1, -1)].join(' › ')}
            </p>
          )}
          <h2 ref={heading} tabIndex={-1}>
            {title}
          </h2>
        </div>
        <div className="reader-actions">
          {view && <BookmarkButton bookmarked={bookmarked} what="this section" onToggle={onToggleBookmark} />}
          <button type="button" className="icon-button" aria-label="Close reader" title="Close (Esc)" onClick={onClose}>
            <span aria-hidden="true">✕</span>
          </button>
        </div>
      </header>
      <div className="reader-body" ref={body}>
        {error && (
          <p className="reader-error" role="alert">
            {error}
          </p>
        )}
        {view && (
          <>
            {view.highlight && <p className="reader-note">The cited passage is highlighted.</p>}
            <Markdown source={view.markdown} highlight={view.highlight} />
          </>
        )}
      </div>
      {view?.lessonId && (
        <div className="reader-foot">
          <button type="button" className="primary" onClick={() => onStudy(view.lessonId ?? '', view.phaseId)}>
            Study this lesson
          </button>
        </div>
      )}
    </aside>
  );
}
