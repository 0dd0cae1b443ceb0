import { useId, type JSX } from 'react';
import type { z } from 'zod';
import type { ProgressSummarySchema } from '../../../electron/shared/api';
import '../styles/panels.css';

/** The tutor's progress summary (the `progress` tutor event's payload). */
export type ProgressSummaryDto = z.infer<typeof ProgressSummarySchema>;
type PhaseProgress = ProgressSummaryDto['phases'][number];
type LessonPointer = NonNullable<ProgressSummaryDto['current']>;

interface ProgressViewProps {
  summary: ProgressSummaryDto | null;
  onOpenPhase(phaseId: string): void;
  onOpenReview(): void;
}

/** 0..1 → a whole percent in 0..100. */
export const percentOf = (fraction: number): number =>
  Math.round(Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0)) * 100);

/** Per-phase mastery bars, lessons done, where to continue, and the review queue. */
export function ProgressView({ summary, onOpenPhase, onOpenReview }: ProgressViewProps): JSX.Element {
  const headingId = useId();
  if (!summary) {
    return (
      <section className="progress-view panel" aria-labelledby={headingId} aria-busy="true">
        <h2 id={headingId}>Your progress</h2>
        <p className="panel-muted" role="status">
          Loading your progress…
        </p>
      </section>
    );
  }
  const lessons = summary.phases.reduce((n, p) => n + p.lessons, 0);
  const done = summary.phases.reduce((n, p) => n + Math.min(p.done, p.lessons), 0);
  const due = summary.reviewDue;
  return (
    <section className="progress-view panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Your progress</h2>
      <p className="progress-total">
        {done} of {lessons} lessons done
      </p>

      {(summary.current || summary.suggestedNext) && (
        <div className="progress-next">
          {summary.current && (
            <Pointer
              label="Current lesson"
              pointer={summary.current}
              action="Continue"
              connector=" with "
              onOpenPhase={onOpenPhase}
            />
          )}
          {summary.suggestedNext && summary.suggestedNext.lessonId !== summary.current?.lessonId && (
            <Pointer
              label="Suggested next"
              pointer={summary.suggestedNext}
              action="Start"
              connector=" "
              onOpenPhase={onOpenPhase}
            />
          )}
        </div>
      )}

      <div className="progress-review">
        <h3>Review</h3>
        <p>
          {due === 0
            ? 'Nothing to review right now.'
            : `${due} ${due === 1 ? 'question is' : 'questions are'} due for review.`}
        </p>
        <button type="button" className="panel-button primary" disabled={due === 0} onClick={onOpenReview}>
          Review now
        </button>
      </div>

      <h3>Phases</h3>
      {summary.phases.length === 0 ? (
        <p className="panel-muted">No phases yet.</p>
      ) : (
        <ul className="phase-list">
          {summary.phases.map((phase) => (
            <PhaseRow key={phase.phaseId} phase={phase} onOpenPhase={onOpenPhase} />
          ))}
        </ul>
      )}
    </section>
  );
}

function PhaseRow({ phase, onOpenPhase }: { phase: PhaseProgress; onOpenPhase(phaseId: string): void }) {
  const pct = percentOf(phase.mastery);
  return (
    <li className="phase-row">
      <h4 className="phase-title">{phase.title}</h4>
      <div className="phase-mastery">
        <meter
          min={0}
          max={1}
          low={0.4}
          high={0.8}
          optimum={1}
          value={Math.min(1, Math.max(0, phase.mastery))}
          aria-label={`Mastery of ${phase.title}`}
          aria-valuetext={`${pct}%`}
        />
        <span className="phase-percent">{pct}% mastery</span>
      </div>
      <p className="phase-lessons">
        {Math.min(phase.done, phase.lessons)} of {phase.lessons} lessons
      </p>
      <button type="button" className="panel-button" onClick={() => onOpenPhase(phase.phaseId)}>
        Open<span className="visually-hidden"> {phase.title}</span>
      </button>
    </li>
  );
}

interface PointerProps {
  label: string;
  pointer: LessonPointer;
  /** Visible button text; with `connector` and the lesson title it is the button's name. */
  action: string;
  connector: string;
  onOpenPhase(phaseId: string): void;
}

function Pointer(p: PointerProps) {
  return (
    <p className="progress-pointer">
      <span className="panel-muted">{p.label}:</span> <span>{p.pointer.title}</span>{' '}
      <button type="button" className="panel-button" onClick={() => p.onOpenPhase(p.pointer.phaseId)}>
        {p.action}
        <span className="visually-hidden">
          {p.connector}
          {p.pointer.title}
        </span>
      </button>
    </p>
  );
}
