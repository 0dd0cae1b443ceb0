import { useCallback, useEffect, useState } from 'react';
import type { LearnedTopicDto, NimbusApi } from '../../../electron/shared/api';
import type { ChannelLesson } from '../app/channels';
import { TeachTopicForm } from './TeachTopicForm';

interface SelfLearnedPanelProps {
  api: Pick<NimbusApi, 'learn'>;
  /** Title to prefill ("Teach me this topic"); a new `prefillKey` resets the form with it. */
  prefill: string;
  prefillKey: number;
  /** The channel's lessons (the notes' own self-learning topics and the learner's). */
  lessons: ChannelLesson[];
  busy: boolean;
  /** A topic was added or removed (the catalog and the index changed). */
  onChanged: () => void;
  onStudy: (lessonId: string) => void;
}

const lessonFor = (lessons: ChannelLesson[], title: string): ChannelLesson | undefined =>
  lessons.find((l) => l.title === title || l.title === `Topic: ${title}`);

/** #self-learned's top: the "teach me a topic" form, the learner's topics, and the lessons here. */
export function SelfLearnedPanel({
  api,
  prefill,
  prefillKey,
  lessons,
  busy,
  onChanged,
  onStudy,
}: SelfLearnedPanelProps) {
  const [topics, setTopics] = useState<LearnedTopicDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await api.learn.list();
    if (r.ok) setTopics(r.value);
    else setError(r.error.message);
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const remove = async (t: LearnedTopicDto): Promise<void> => {
    const r = await api.learn.remove(t.id);
    if (!r.ok) setError(r.error.message);
    await load();
    onChanged();
  };

  const mine = new Set((topics ?? []).map((t) => lessonFor(lessons, t.title)?.lessonId));
  // until the learner's topics are known, which lessons are theirs is not
  const shipped = topics ? lessons.filter((l) => !mine.has(l.lessonId)) : [];
  return (
    <section className="self-panel" aria-label="Self-learned topics">
      <TeachTopicForm
        key={prefillKey}
        initialTitle={prefill}
        onAdd={(topic) => api.learn.add(topic)}
        onAdded={() => {
          void load();
          onChanged();
        }}
      />
      <div className="topic-lists">
        <h3>Your topics</h3>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {topics && topics.length === 0 && <p className="muted">None yet: teach me one above.</p>}
        {topics && topics.length > 0 && (
          <ul className="topic-list">
            {topics.map((t) => {
              const lesson = lessonFor(lessons, t.title);
              return (
                <li key={t.id}>
                  <span className="topic-title">{t.title}</span>
                  <span className="muted small">
                    {t.source === 'import' ? `imported${t.fileName ? ` from ${t.fileName}` : ''}` : 'typed'}
                  </span>
                  {lesson && (
                    <button type="button" disabled={busy} onClick={() => onStudy(lesson.lessonId)}>
                      Study<span className="visually-hidden"> {t.title}</span>
                    </button>
                  )}
                  <button type="button" onClick={() => void remove(t)}>
                    Remove<span className="visually-hidden"> {t.title}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {shipped.length > 0 && (
          <>
            <h3>From the notes</h3>
            <ul className="topic-list">
              {shipped.map((l) => (
                <li key={l.lessonId}>
                  <span className="topic-title">{l.title.replace(/^Topic:\s*/, '')}</span>
                  <button type="button" disabled={busy} onClick={() => onStudy(l.lessonId)}>
                    Study<span className="visually-hidden"> {l.title}</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
