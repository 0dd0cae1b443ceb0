import type { EngineInfoDto, ProgressEvent, Result } from '../../../electron/shared/api';
import { embedderLabel } from '../chat';

interface HeaderProps {
  info: Result<EngineInfoDto> | null;
  progress: ProgressEvent | null;
}

/** App title plus the engine's state: loading (with progress), the active embedder, or why it failed. */
export function Header({ info, progress }: HeaderProps) {
  return (
    <header className="app-header">
      <h1>Nimbus Tutor</h1>
      <EngineStatus info={info} progress={progress} />
    </header>
  );
}

function EngineStatus({ info, progress }: HeaderProps) {
  if (!info) {
    const pct = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : null;
    return (
      <p className="engine-status loading" role="status">
        Loading the notes{progress ? ` (${progress.stage}${pct === null ? '' : ` ${pct}%`})` : ''}…
      </p>
    );
  }
  if (!info.ok) {
    return (
      <p className="engine-status error" role="status" title={info.error.message}>
        Tutor unavailable: {info.error.message}
      </p>
    );
  }
  const { embedder, chunks } = info.value;
  return (
    <p
      className="engine-status ready"
      role="status"
      title={embedder.notice ?? `${embedder.modelId}, ${embedder.dims} dimensions`}
    >
      <span className="badge">{embedderLabel(embedder.kind, embedder.modelId)}</span>
      <span className="muted">{chunks} note passages</span>
    </p>
  );
}
