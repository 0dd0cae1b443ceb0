import {
  useEffect,
  useId,
  useRef,
  useState,
  type JSX,
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactNode,
} from 'react';
import type { NimbusApi, SearchHitDto } from '../../../electron/shared/api';
import '../styles/panels.css';

export const SEARCH_DEBOUNCE_MS = 80;
export const SEARCH_LIMIT = 8;

interface SearchPaletteProps {
  open: boolean;
  onClose(): void;
  search: NimbusApi['search'];
  onOpen(hit: SearchHitDto): void;
}

/** What the last answered search said, for the query it was asked with. */
type Outcome = { query: string; hits: SearchHitDto[] } | { query: string; error: string };

/** Ctrl+K (⌘K) anywhere calls `onOpen`: the shortcut that opens the palette. */
export function useSearchShortcut(onOpen: () => void): void {
  const latest = useRef(onOpen);
  useEffect(() => {
    latest.current = onOpen;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        latest.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** The Ctrl+K dialog: instant search over the notes (combobox + listbox). */
export function SearchPalette(p: SearchPaletteProps): JSX.Element | null {
  return p.open ? <PaletteDialog {...p} /> : null;
}

function PaletteDialog({ onClose, search, onOpen }: SearchPaletteProps): JSX.Element {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  // Latest props, so the debounced search does not re-run when the parent passes new functions.
  const props = useRef({ search, onOpen, onClose });
  useEffect(() => {
    props.current = { search, onOpen, onClose };
  });
  /** Enter pressed before the current query's results arrived: open the first one when they do. */
  const enterPending = useRef(false);
  const [query, setQuery] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [active, setActive] = useState(-1);
  const q = query.trim();

  // Focus the input on open; give focus back to whatever had it on close.
  useEffect(() => {
    const previous = document.activeElement;
    inputRef.current?.focus();
    return () => {
      if (previous instanceof HTMLElement && previous.isConnected) previous.focus();
    };
  }, []);

  // Debounced search; a response for anything but the current query is dropped.
  useEffect(() => {
    if (!q) return;
    let current = true;
    const timer = setTimeout(() => {
      const done = (next: Outcome) => {
        if (!current) return;
        const first = 'hits' in next ? next.hits[0] : undefined;
        if (enterPending.current && first) {
          enterPending.current = false;
          props.current.onOpen(first);
          props.current.onClose();
          return;
        }
        enterPending.current = false;
        setOutcome(next);
        setActive(first ? 0 : -1);
      };
      props.current.search({ query: q, limit: SEARCH_LIMIT }).then(
        (r) => done(r.ok ? { query: q, hits: r.value } : { query: q, error: r.error.message }),
        (e: unknown) => done({ query: q, error: e instanceof Error ? e.message : String(e) }),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q]);

  // Previous hits stay listed while the next query runs (no flicker); cleared for an empty query.
  const hits = q && outcome && 'hits' in outcome ? outcome.hits : [];
  const answered = outcome !== null && outcome.query === q;
  const error = answered && 'error' in outcome ? outcome.error : null;
  const activeHit = active >= 0 && active < hits.length ? hits[active] : undefined;
  const optionId = (i: number) => `${id}-option-${i}`;

  useEffect(() => {
    if (active < 0) return;
    document.getElementById(optionId(active))?.scrollIntoView?.({ block: 'nearest' });
  });

  const choose = (hit: SearchHitDto) => {
    onOpen(hit);
    onClose();
  };

  const onInputKey = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (hits.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a < 0 ? (step > 0 ? 0 : hits.length - 1) : (a + step + hits.length) % hits.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (answered && activeHit) choose(activeHit);
      else if (q && !answered) enterPending.current = true;
    }
  };

  // Esc closes from anywhere in the dialog; Tab cycles inside it.
  const onDialogKey = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Tab') {
      const focusable = [...(dialogRef.current?.querySelectorAll<HTMLElement>('input, button') ?? [])];
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) return;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  const status = !q
    ? ''
    : error
      ? 'Search failed'
      : answered
        ? `${hits.length} ${hits.length === 1 ? 'result' : 'results'}`
        : 'Searching…';

  return (
    <div
      className="search-backdrop"
      data-testid="search-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div
        ref={dialogRef}
        className="search-dialog panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        onKeyDown={onDialogKey}
      >
        <div className="search-head">
          <h2 id={`${id}-title`} className="visually-hidden">
            Search the notes
          </h2>
          <label htmlFor={`${id}-input`} className="visually-hidden">
            Search the notes
          </label>
          <input
            ref={inputRef}
            id={`${id}-input`}
            className="search-input"
            type="text"
            role="combobox"
            autoComplete="off"
            spellCheck={false}
            placeholder="Search the notes…"
            aria-autocomplete="list"
            aria-expanded={hits.length > 0}
            aria-controls={`${id}-listbox`}
            aria-activedescendant={activeHit ? optionId(active) : undefined}
            aria-describedby={`${id}-help`}
            value={query}
            onChange={(e) => {
              enterPending.current = false;
              setQuery(e.target.value);
            }}
            onKeyDown={onInputKey}
          />
          <button type="button" className="panel-button subtle" onClick={onClose}>
            Close
          </button>
        </div>
        <p id={`${id}-help`} className="visually-hidden">
          Up and down arrows choose a result, Enter opens it, Escape closes.
        </p>
        <ul
          id={`${id}-listbox`}
          className="search-results"
          role="listbox"
          aria-label="Results"
          aria-busy={q !== '' && !answered}
        >
          {hits.map((hit, i) => (
            <li
              key={hit.chunkId}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className="search-hit"
              onMouseDown={(e) => e.preventDefault()}
              onMouseMove={() => setActive(i)}
              onClick={() => choose(hit)}
            >
              <span className="search-hit-path">{highlightTerms(sectionPathOf(hit.headingPath), q)}</span>
              <span className="search-hit-phase">{phaseLabelOf(hit)}</span>
              <span className="search-hit-snippet">{highlightTerms(hit.snippet, q)}</span>
            </li>
          ))}
        </ul>
        {!q && <p className="search-note">Type to search the notes: services, terms, comparisons.</p>}
        {error && (
          <p className="search-note error" role="alert">
            Search failed: {error}
          </p>
        )}
        {answered && !error && hits.length === 0 && <p className="search-note">No sections match “{q}”.</p>}
        <p className="visually-hidden" role="status">
          {status}
        </p>
      </div>
    </div>
  );
}

/** "Amazon S3 › Storage Classes": the heading path without the phase title. */
export function sectionPathOf(headingPath: readonly string[]): string {
  return (headingPath.length > 1 ? headingPath.slice(1) : headingPath).join(' › ');
}

function phaseLabelOf(hit: SearchHitDto): string {
  if (hit.phaseId === 'self') return 'Your topics';
  return hit.headingPath.length > 1 ? hit.headingPath[0] : hit.phaseId;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text with each query term (2+ letters or digits) wrapped in <mark>; React escapes the rest. */
export function highlightTerms(text: string, query: string): ReactNode[] {
  const terms = [...new Set(query.toLowerCase().split(/[^\p{L}\p{N}]+/u))].filter((t) => t.length >= 2);
  if (terms.length === 0) return [text];
  terms.sort((a, b) => b.length - a.length);
  const re = new RegExp(`(${terms.map(escapeRegExp).join('|')})`, 'giu');
  return text
    .split(re)
    .map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part))
    .filter((part) => part !== '');
}
