import { useEffect, useId, useRef, type JSX } from 'react';
import type { ApiError, ProgressEvent } from '../../../electron/shared/api';
import '../styles/panels.css';

/**
 * The engine's progress stages while it opens (KnowledgeEngine.open, openEmbedder →
 * buildDomainStaticModel as `model:<step>`, loadOrBuildVectors, the services' install and ready).
 */
const STAGE_TEXT: Record<string, string> = {
  content: 'Reading the notes',
  'model:tokenizer': 'Loading the tokenizer',
  'model:train': 'Building the notes model: learning the vocabulary',
  'model:encode': 'Building the notes model: encoding',
  'model:write': 'Building the notes model: saving',
  'model:done': 'Notes model ready',
  embedding: 'Indexing the notes',
  saving: 'Saving the search index',
  'answer units': 'Preparing answer passages',
  install: 'Installing models',
  ready: 'Ready',
};

/** Friendly words for a progress stage; an unknown stage is shown as it is. */
export function stageText(stage: string): string {
  return STAGE_TEXT[stage] ?? stage;
}

interface FirstRunScreenProps {
  progress: ProgressEvent | null;
  error: ApiError | null;
  onRetry(): void;
}

/** Full-screen card while the engine opens (model build, indexing), or why it could not. */
export function FirstRunScreen({ progress, error, onRetry }: FirstRunScreenProps): JSX.Element {
  const id = useId();
  const retryRef = useRef<HTMLButtonElement>(null);
  // Keyboard users land on the one thing they can do.
  useEffect(() => {
    if (error) retryRef.current?.focus();
  }, [error]);

  const determinate = progress !== null && progress.total > 0;
  const pct = determinate ? Math.round(Math.min(1, progress.done / progress.total) * 100) : null;
  const stage = progress ? stageText(progress.stage) : 'Starting';

  return (
    <div className="first-run">
      <section className="first-run-card panel" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>{error ? 'Your tutor could not start' : 'Preparing your tutor'}</h1>
        {error ? (
          <>
            <p className="first-run-error" role="alert">
              {error.message}
            </p>
            <button ref={retryRef} type="button" className="panel-button primary" onClick={onRetry}>
              Retry
            </button>
          </>
        ) : (
          <>
            <p className="panel-muted">
              Getting the notes, the search index and the language model ready. This happens on this computer and needs
              no internet.
            </p>
            <p id={`${id}-stage`} className="first-run-stage" role="status" aria-live="polite">
              {stage}
              {progress?.stage === 'ready' ? '' : '…'}
            </p>
            <div className="first-run-bar">
              {determinate ? (
                <progress
                  aria-labelledby={`${id}-stage`}
                  max={progress.total}
                  value={Math.min(progress.done, progress.total)}
                />
              ) : (
                <progress aria-labelledby={`${id}-stage`} />
              )}
              <span className="first-run-percent" aria-hidden="true">
                {pct === null ? '' : `${pct}%`}
              </span>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
