import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import type { LearnAddRequest, LearnedTopicDto, Result } from '../../../electron/shared/api';

interface TeachTopicFormProps {
  /** Prefilled title, e.g. from "Teach me this topic" after an unanswered question. */
  initialTitle?: string;
  onAdd: (topic: LearnAddRequest) => Promise<Result<LearnedTopicDto>>;
  /** Called with the new topic once it is in the index. */
  onAdded: (topic: LearnedTopicDto) => void;
}

const MAX_FILE_BYTES = 1_000_000;

/** "aws-athena_notes.md" → "aws athena notes" (as the import service names topics). */
export function titleFromFile(fileName: string, text: string): string {
  const heading = /^\s*#{1,6}\s+(.+?)\s*#*\s*$/m.exec(text.split('\n').find((l) => l.trim()) ?? '');
  if (heading) return heading[1];
  return fileName
    .replace(/\.[^.]+$/, '')
    .replace(/[_-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Teach the tutor a topic: a title and Markdown notes, typed or imported from a .md/.txt file. */
export function TeachTopicForm({ initialTitle = '', onAdd, onAdded }: TeachTopicFormProps) {
  const id = useId();
  const [title, setTitle] = useState(initialTitle);
  const [markdown, setMarkdown] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  const add = async (topic: LearnAddRequest): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      const r = await onAdd(topic);
      if (!r.ok) {
        setError(r.error.message);
        return false;
      }
      setAdded(r.value.title);
      onAdded(r.value);
      return true;
    } finally {
      setBusy(false);
    }
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!title.trim() || !markdown.trim()) {
      setError('Give the topic a title and some notes.');
      return;
    }
    if (await add({ title: title.trim(), markdown })) {
      setTitle('');
      setMarkdown('');
    }
  };

  const importFile = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    input.value = '';
    if (!/\.(md|markdown|txt)$/i.test(file.name)) {
      setError('Only .md and .txt files can be imported.');
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      setError('That file is too large (1 MB at most).');
      return;
    }
    const text = await file.text();
    await add({ title: title.trim() || titleFromFile(file.name, text), markdown: text });
  };

  return (
    <form className="teach-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Teach me a topic</h3>
      <p className="muted">
        Paste notes about anything the AWS notes don’t cover. I’ll index them right away and answer from them, with
        citations.
      </p>
      <label htmlFor={`${id}-title`}>Title</label>
      <input id={`${id}-title`} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      <label htmlFor={`${id}-md`}>Notes (Markdown)</label>
      <textarea id={`${id}-md`} value={markdown} rows={6} onChange={(e) => setMarkdown(e.target.value)} />
      <div className="teach-actions">
        <button type="submit" className="primary" disabled={busy}>
          Teach this topic
        </button>
        <label className="file-button">
          <input
            type="file"
            accept=".md,.markdown,.txt,text/markdown,text/plain"
            className="visually-hidden"
            disabled={busy}
            onChange={(e) => void importFile(e)}
          />
          Import a .md/.txt file
        </label>
      </div>
      <div role="status" className="teach-status">
        {busy && <p>Indexing…</p>}
        {added && <p className="ok">“{added}” is answerable now. Ask about it in the box below.</p>}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
