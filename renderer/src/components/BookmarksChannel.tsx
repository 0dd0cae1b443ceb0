import type { BookmarkGroupDto } from '../../../electron/shared/api';
import { STATUS_HINT, STATUS_LABEL, plainSnippet } from '../app/bookmarks';
import { sectionPath } from '../chat';
import { Markdown } from '../markdown/Markdown';

export type BookmarkItem = BookmarkGroupDto['items'][number];

interface BookmarksChannelProps {
  groups: BookmarkGroupDto[] | null;
  error?: string | null;
  /** "#1 core-services · Core Services" for a phase id. */
  phaseName: (phaseId: string) => string;
  onOpen: (bookmark: BookmarkItem) => void;
  onRemove: (bookmark: BookmarkItem) => void;
}

const KIND_LABEL = { section: 'Section', chunk: 'Passage', answer: 'Answer' } as const;

/** #bookmarks: saved sections, passages and answers, grouped by phase, with their anchoring status. */
export function BookmarksChannel({ groups, error, phaseName, onOpen, onRemove }: BookmarksChannelProps) {
  if (error)
    return (
      <p className="empty-state" role="alert">
        {error}
      </p>
    );
  if (!groups) return <p className="empty-state">Loading bookmarks…</p>;
  const total = groups.reduce((n, g) => n + g.items.length, 0);
  if (total === 0)
    return (
      <div className="empty-state">
        <p>No bookmarks yet.</p>
        <p className="muted">Use the ☆ on an answer or in the reader to keep a section or an answer here.</p>
      </div>
    );
  return (
    <div className="bookmarks">
      {groups
        .filter((g) => g.items.length > 0)
        .map((g) => (
          <section key={g.phaseId} className="bookmark-group" aria-labelledby={`bm-${g.phaseId}`}>
            <h2 id={`bm-${g.phaseId}`}>{phaseName(g.phaseId)}</h2>
            <ul>
              {g.items.map((b) => {
                const title = sectionPath(b.anchor.headingPath) || 'Untitled';
                const status = STATUS_LABEL[b.status];
                return (
                  <li key={b.id}>
                    <article className={`bookmark ${b.status}`} aria-label={title}>
                      <header className="bookmark-head">
                        <span className="kind-badge">{KIND_LABEL[b.kind]}</span>
                        <h3>{title}</h3>
                        {status && (
                          <span className={`status-badge ${b.status}`} title={STATUS_HINT[b.status]}>
                            {status}
                          </span>
                        )}
                      </header>
                      {b.answer ? (
                        <div className="bookmark-answer">
                          <p className="bookmark-question">“{b.answer.question}”</p>
                          <Markdown source={b.answer.markdown} />
                        </div>
                      ) : (
                        <p className="snippet">{plainSnippet(b.anchor.snippet)}</p>
                      )}
                      {b.status !== 'exact' && <p className="muted small">{STATUS_HINT[b.status]}</p>}
                      {b.note && (
                        <p className="bookmark-note">
                          <span className="note-label">Note:</span> {b.note}
                        </p>
                      )}
                      <div className="bookmark-actions">
                        <button type="button" disabled={b.status === 'missing'} onClick={() => onOpen(b)}>
                          Open in reader
                        </button>
                        <button type="button" aria-label={`Remove bookmark: ${title}`} onClick={() => onRemove(b)}>
                          Remove
                        </button>
                      </div>
                    </article>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
    </div>
  );
}
