import { useEffect, useId, useRef, useState, type ChangeEvent, type JSX } from 'react';
import type { BackupImportSummaryDto, NimbusApi } from '../../../electron/shared/api';
import { MAX_BACKUP_BYTES } from '../../../electron/shared/constants';

type Message = { kind: 'ok' | 'error'; text: string };

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Saves `text` as a file called `fileName` (a blob: URL on a download link; no navigation). */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.rel = 'noopener';
    a.style.display = 'none';
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // After the click the browser has the blob; revoke on the next turn so the download can start.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/**
 * A chosen file's text, strictly UTF-8 (as the CLI reads it): a file that is not text is refused
 * here instead of being imported with replacement characters. FileReader, as Blob.text() is
 * missing in some environments (jsdom).
 */
export function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      try {
        resolve(new TextDecoder('utf-8', { fatal: true }).decode(reader.result as ArrayBuffer));
      } catch {
        reject(new Error('it is not a Nimbus backup (not UTF-8 text). Nothing was changed.'));
      }
    };
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read.'));
    reader.readAsArrayBuffer(file);
  });
}

export function restoredText(s: BackupImportSummaryDto): string {
  return (
    `Restored ${plural(s.progressLessons, 'lesson')} of progress, ${plural(s.reviewCards, 'review card')}, ` +
    `${plural(s.bookmarks, 'bookmark')} and ${plural(s.topics, 'topic')}. ` +
    `Your previous data is in ${s.undoFile} (restore it to undo).`
  );
}

/** Settings' "Your data": export a backup file, or restore one (after a confirm step). */
export function BackupSettings({
  api,
  onRestored,
}: {
  api: Pick<NimbusApi, 'backup'>;
  /** Called after a successful restore, so views showing the old data reload it. */
  onRestored?: () => void;
}): JSX.Element {
  const id = useId();
  const live = useRef(true);
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<'export' | 'import' | null>(null);
  const [pending, setPending] = useState<File | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const exportBackup = async () => {
    setBusy('export');
    setMessage(null);
    let next: Message;
    try {
      const r = await api.backup.export();
      if (r.ok) {
        downloadText(r.value.fileName, r.value.json);
        next = { kind: 'ok', text: `Backup saved as ${r.value.fileName}.` };
      } else next = { kind: 'error', text: `The backup could not be made: ${r.error.message}` };
    } catch (e) {
      next = { kind: 'error', text: `The backup could not be made: ${errorText(e)}` };
    }
    if (!live.current) return;
    setBusy(null);
    setMessage(next);
  };

  const choose = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0] ?? null;
    e.target.value = ''; // choosing the same file again still fires a change
    setMessage(null);
    if (!file) return;
    if (file.size > MAX_BACKUP_BYTES) {
      setPending(null);
      setMessage({
        kind: 'error',
        text: `${file.name} is too large to be a backup (the limit is ${MAX_BACKUP_BYTES / (1024 * 1024)} MB). Nothing was changed.`,
      });
      return;
    }
    setPending(file);
  };

  const restore = async (file: File) => {
    setBusy('import');
    setMessage(null);
    let next: Message;
    try {
      const r = await api.backup.import({ json: await readText(file) });
      if (r.ok) onRestored?.();
      next = r.ok
        ? { kind: 'ok', text: restoredText(r.value) }
        : { kind: 'error', text: `${file.name} was not restored: ${r.error.message} Nothing was changed.` };
    } catch (e) {
      next = { kind: 'error', text: `${file.name} was not restored: ${errorText(e)}` };
    }
    if (!live.current) return;
    setBusy(null);
    setPending(null);
    setMessage(next);
  };

  return (
    <section className="backup-settings" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Your data</h3>
      <p className="panel-muted">Your progress, review cards, bookmarks and self-learned topics, as one file.</p>
      <div className="backup-actions">
        <button type="button" className="panel-button" disabled={busy !== null} onClick={() => void exportBackup()}>
          {busy === 'export' ? 'Exporting…' : 'Export a backup'}
        </button>
        <button
          type="button"
          className="panel-button"
          disabled={busy !== null}
          onClick={() => fileInput.current?.click()}
        >
          Restore from a backup…
        </button>
        <input
          ref={fileInput}
          hidden
          type="file"
          accept=".json,application/json"
          aria-label="Backup file to restore"
          onChange={choose}
        />
      </div>
      {pending && (
        <div className="backup-confirm" role="group" aria-label="Confirm the restore">
          <p>
            Restore from <strong>{pending.name}</strong>? This replaces your progress, bookmarks and topics. A copy of
            the current data is kept.
          </p>
          <button
            type="button"
            className="panel-button primary"
            disabled={busy !== null}
            onClick={() => void restore(pending)}
          >
            {busy === 'import' ? 'Restoring…' : 'Restore'}
          </button>
          <button
            type="button"
            className="panel-button"
            disabled={busy !== null}
            onClick={() => {
              setPending(null);
              fileInput.current?.focus();
            }}
          >
            Cancel
          </button>
        </div>
      )}
      <div className="settings-message" role="status">
        {message && <p className={message.kind === 'error' ? 'message error' : 'message ok'}>{message.text}</p>}
      </div>
    </section>
  );
}
