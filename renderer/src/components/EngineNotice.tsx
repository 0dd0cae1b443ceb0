import { useState } from 'react';

/**
 * A degraded engine (keyword-only search, an index that cannot be saved, a replaced model) says so
 * above the chat, once per notice, until the learner dismisses it.
 */
export function EngineNotice({ notice }: { notice: string | null }) {
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!notice || dismissed === notice) return null;
  return (
    <div className="engine-notice" role="status">
      <p>{notice}</p>
      <button type="button" className="icon-button" aria-label="Dismiss notice" onClick={() => setDismissed(notice)}>
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  );
}
