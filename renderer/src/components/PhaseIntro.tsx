import type { Channel } from '../app/channels';

interface PhaseIntroProps {
  channel: Channel;
  /** Lessons done / total, when known. */
  done?: number;
  /** Whether to offer Start (nothing started in this channel yet). */
  canStart: boolean;
  busy: boolean;
  onStart: () => void;
  onLesson: (lessonId: string) => void;
}

/** A phase channel's first screen: its title, its lessons (each can be opened) and Start. */
export function PhaseIntro({ channel, done, canStart, busy, onStart, onLesson }: PhaseIntroProps) {
  const headingId = `intro-${channel.id}`;
  return (
    <section className="phase-intro" aria-labelledby={headingId}>
      <p className="card-label">Welcome to {channel.name}</p>
      <h2 id={headingId}>{channel.title}</h2>
      <p className="muted">
        {channel.lessons.length} {channel.lessons.length === 1 ? 'lesson' : 'lessons'}
        {done !== undefined ? `, ${done} done` : ''}. Short messages quoting the notes, then a few check questions. Ask
        anything at any time below.
      </p>
      <ol className="lesson-list">
        {channel.lessons.map((l) => (
          <li key={l.lessonId}>
            <button type="button" className="link-button" disabled={busy} onClick={() => onLesson(l.lessonId)}>
              {l.title}
            </button>
          </li>
        ))}
      </ol>
      {canStart && (
        <button type="button" className="primary" disabled={busy} onClick={onStart}>
          Start
        </button>
      )}
    </section>
  );
}
