import { useCallback, useEffect, useId, useRef, useState, type JSX } from 'react';
import type { EngineInfoDto, ModelStatusDto, ModelsStatusDto, NimbusApi, Result } from '../../../electron/shared/api';
import type { ThemePreference } from '../theme';
import { stageText } from './FirstRunScreen';
import { VoiceSettings } from './VoiceSettings';
import { BackupSettings } from './BackupSettings';
import '../styles/panels.css';

interface SettingsViewProps {
  api: Pick<NimbusApi, 'models' | 'info' | 'onProgress' | 'backup'>;
  theme: ThemePreference;
  onTheme(t: ThemePreference): void;
  onClose(): void;
  /** A backup was restored: the rest of the app shows the learner's old data until it reloads it. */
  onDataReplaced?(): void;
}

type Loaded<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; message: string };
/** The install under way: bytes from 'install' events, then the engine's re-open stages (stage set). */
type Installing = { id: string; done: number; total: number; stage: string | null };
type Message = { kind: 'ok' | 'error'; text: string };

const MODEL_NAMES: Record<string, string> = {
  'nimbus/aws-notes-static': 'Built-in domain embedder',
  'Xenova/all-MiniLM-L6-v2': 'MiniLM semantic embedder',
  'Xenova/whisper-tiny.en': 'Whisper tiny (English speech)',
  'Xenova/whisper-base.en': 'Whisper base (English speech)',
};
const ROLE_NAMES: Record<string, string> = { embedder: 'Embedder', 'speech-to-text': 'Speech to text' };
const STATE_NAMES: Record<ModelStatusDto['state'], string> = {
  built: 'built-in',
  installed: 'installed',
  missing: 'not installed',
  damaged: 'damaged',
};
const THEMES: { value: ThemePreference; label: string; hint: string }[] = [
  { value: 'system', label: 'System', hint: 'follows your computer' },
  { value: 'light', label: 'Light', hint: '' },
  { value: 'dark', label: 'Dark', hint: '' },
];

export const modelName = (id: string): string => MODEL_NAMES[id] ?? id;
const roleName = (role: string): string => ROLE_NAMES[role] ?? role;
const megabytes = (bytes: number): string => `${(bytes / 1_000_000).toFixed(1)} MB`;
const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const loaded = <T,>(r: Result<T>): Loaded<T> =>
  r.ok ? { state: 'ok', value: r.value } : { state: 'error', message: r.error.message };

/** The settings page: theme, voice, backup of the learner's data, and which models are in use with installs of the better ones. */
export function SettingsView({ api, theme, onTheme, onClose, onDataReplaced }: SettingsViewProps): JSX.Element {
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const apiRef = useRef(api);
  useEffect(() => {
    apiRef.current = api;
  });
  const live = useRef(true);
  const [status, setStatus] = useState<Loaded<ModelsStatusDto>>({ state: 'loading' });
  const [info, setInfo] = useState<Loaded<EngineInfoDto>>({ state: 'loading' });
  const [installing, setInstalling] = useState<Installing | null>(null);
  const [message, setMessage] = useState<Message | null>(null);

  const load = useCallback(async () => {
    const [s, i] = await Promise.all([
      apiRef.current.models.status().then(loaded, (e: unknown) => ({ state: 'error' as const, message: errorText(e) })),
      apiRef.current.info().then(loaded, (e: unknown) => ({ state: 'error' as const, message: errorText(e) })),
    ]);
    if (!live.current) return;
    setStatus(s);
    setInfo(i);
  }, []);

  useEffect(() => {
    live.current = true;
    headingRef.current?.focus();
    void load();
    const unsubscribe = apiRef.current.onProgress((e) => {
      // Only while an install runs. After the download a better embedder makes the engine re-open
      // (and re-index): its stages show on the same bar.
      setInstalling(
        (cur) => cur && { ...cur, done: e.done, total: e.total, stage: e.stage === 'install' ? null : e.stage },
      );
    });
    return () => {
      live.current = false;
      unsubscribe();
    };
  }, [load]);

  const install = async (model: ModelStatusDto) => {
    const name = modelName(model.id);
    setInstalling({ id: model.id, done: 0, total: 0, stage: null });
    setMessage(null);
    let next: Message;
    try {
      const r = await apiRef.current.models.install({ ids: [model.id] });
      if (!r.ok) next = { kind: 'error', text: `Installing ${name} failed: ${r.error.message}` };
      else {
        const entry = r.value.models.find((m) => m.id === model.id);
        const outcome = entry?.status ?? (r.value.ok ? 'installed' : 'failed');
        if (outcome === 'installed' || outcome === 'already-installed') {
          const what = outcome === 'installed' ? `${name} installed.` : `${name} was already installed.`;
          next = { kind: 'ok', text: r.value.reloaded ? `${what} It is now in use.` : what };
        } else {
          next = { kind: 'error', text: `Installing ${name} failed${entry?.reason ? `: ${entry.reason}` : '.'}` };
        }
      }
    } catch (e) {
      next = { kind: 'error', text: `Installing ${name} failed: ${errorText(e)}` };
    }
    await load();
    if (!live.current) return;
    setInstalling(null);
    setMessage(next);
  };

  const active = info.state === 'ok' ? info.value : null;
  return (
    <section className="settings-view panel" aria-labelledby={`${id}-title`}>
      <div className="panel-head">
        <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
          Settings
        </h2>
        <button type="button" className="panel-button" onClick={onClose}>
          Close settings
        </button>
      </div>

      <fieldset className="theme-choice">
        <legend>
          <h3>Theme</h3>
        </legend>
        {THEMES.map((t) => (
          <label key={t.value} className="theme-option">
            <input
              type="radio"
              name={`${id}-theme`}
              value={t.value}
              checked={theme === t.value}
              onChange={() => onTheme(t.value)}
            />
            {t.label}
            {t.hint && <span className="panel-muted"> ({t.hint})</span>}
          </label>
        ))}
      </fieldset>

      <VoiceSettings />

      <BackupSettings api={api} onRestored={onDataReplaced} />

      <h3>Models</h3>
      <p className="panel-muted">Installing downloads from Hugging Face; everything else works offline.</p>
      {active && (
        <p>
          Answers use the <strong>{modelName(active.embedder.modelId)}</strong> ({active.embedder.dims} dimensions,{' '}
          {active.chunks} note passages).
        </p>
      )}
      <div className="settings-message" role="status">
        {message && <p className={message.kind === 'error' ? 'message error' : 'message ok'}>{message.text}</p>}
      </div>
      {status.state === 'loading' && <p className="panel-muted">Checking the models…</p>}
      {status.state === 'error' && (
        <div className="message error" role="alert">
          <p>Could not read the models: {status.message}</p>
          <button type="button" className="panel-button" onClick={() => void load()}>
            Try again
          </button>
        </div>
      )}
      {status.state === 'ok' && (
        <ul className="model-list">
          {status.value.models.map((m) => (
            <ModelCard key={m.id} model={m} installing={installing} onInstall={() => void install(m)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ModelCard(p: { model: ModelStatusDto; installing: Installing | null; onInstall(): void }) {
  const { model, installing } = p;
  const id = useId();
  const name = modelName(model.id);
  const mine = installing?.id === model.id ? installing : null;
  const canInstall = model.installable && (model.state === 'missing' || model.state === 'damaged');
  const pct = mine && mine.total > 0 ? Math.round(Math.min(1, mine.done / mine.total) * 100) : null;
  return (
    <li className="model-card">
      <div className="model-head">
        <h4>{name}</h4>
        <span className="model-role">{roleName(model.role)}</span>
        <span className={`model-badge state-${model.state}`}>{STATE_NAMES[model.state]}</span>
        {model.active && <span className="model-badge in-use">In use</span>}
      </div>
      <p className="model-meta panel-muted">
        <code>{model.id}</code> ·{' '}
        {model.state === 'built'
          ? 'made on this computer from the notes'
          : model.sizeBytes === null
            ? 'size listed by the hub when installing'
            : megabytes(model.sizeBytes)}
      </p>
      {model.description && <p className="model-description">{model.description}</p>}
      {mine ? (
        <div className="model-progress">
          <label htmlFor={`${id}-progress`}>{mine.stage ? `${stageText(mine.stage)}…` : `Installing ${name}…`}</label>
          {pct === null ? <progress id={`${id}-progress`} /> : <progress id={`${id}-progress`} max={100} value={pct} />}
          <span aria-hidden="true">{pct === null ? '' : `${pct}%`}</span>
        </div>
      ) : (
        canInstall && (
          <button type="button" className="panel-button primary" disabled={installing !== null} onClick={p.onInstall}>
            {model.state === 'damaged' ? 'Reinstall' : 'Install'}
            <span className="visually-hidden"> {name}</span>
          </button>
        )
      )}
    </li>
  );
}
