import type { LessonBar as Bar } from '../app/chatState';

interface LessonBarProps {
  bar: Bar;
  busy: boolean;
  onNext: () => void;
  onGotoLesson: (lessonId: string, phaseId: string) => void;
  onResume: () => void;
}

/** Above a phase channel's composer: Next while a lesson runs, the next lesson once it is done. */
export function LessonBar({ bar, busy, onNext, onGotoLesson, onResume }: LessonBarProps) {
  if (bar.kind === 'intro') return null;
  return (
    <div className="lesson-bar" role="toolbar" aria-label="Lesson">
      {bar.kind === 'next' && (
        <button type="button" className="primary" disabled={busy} onClick={onNext}>
          Next
        </button>
      )}
      {bar.kind === 'next-lesson' && (
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => onGotoLesson(bar.next.lessonId, bar.next.phaseId)}
        >
          Next lesson: {bar.next.title}
        </button>
      )}
      {bar.kind === 'resume' && (
        <button type="button" className="primary" disabled={busy} onClick={onResume}>
          Resume this phase
        </button>
      )}
      <span className="lesson-hint">
        {bar.kind === 'answer'
          ? 'Answer the check question above.'
          : bar.kind === 'next'
            ? 'Continue the lesson, or ask a question.'
            : bar.kind === 'finished'
              ? 'Every lesson is done. Reviews keep it fresh.'
              : bar.kind === 'resume'
                ? bar.why === 'restored'
                  ? 'A restored backup closed this lesson.'
                  : 'The lesson continued in another channel.'
                : ''}
      </span>
    </div>
  );
}
