import type { SourceChip } from '../chat';

interface CitationChipsProps {
  sources: SourceChip[];
  onOpen: (source: SourceChip) => void;
}

/** The sources under an answer: each chip opens its passage in the reader. */
export function CitationChips({ sources, onOpen }: CitationChipsProps) {
  if (sources.length === 0) return null;
  return (
    <ul className="citations" aria-label="Sources">
      {sources.map((s) => (
        <li key={s.key}>
          <button
            type="button"
            className="chip"
            title={s.text ? `${s.text.slice(0, 300)}${s.text.length > 300 ? '…' : ''}` : 'Open in the reader'}
            onClick={() => onOpen(s)}
          >
            {s.marker !== undefined && <span className="chip-marker">[{s.marker}]</span>}
            <span className="chip-label">{s.label}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
