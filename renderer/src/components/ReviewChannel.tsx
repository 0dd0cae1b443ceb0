import { useCallback, useEffect, useState } from 'react';
import type { NimbusApi, ReviewDueDto, VerdictDto } from '../../../electron/shared/api';
import { QuestionCard } from './QuestionCard';

type Card = ReviewDueDto['cards'][number];

interface ReviewChannelProps {
  api: Pick<NimbusApi, 'review'>;
  /** After each graded card (to refresh the rail's due count and the rings). */
  onGraded?: () => void;
}

interface Answered {
  answer: string;
  verdict?: VerdictDto;
  error?: string;
}

/** #review: the cards due now, each answered in place with its verdict at once. */
export function ReviewChannel({ api, onGraded }: ReviewChannelProps) {
  const [due, setDue] = useState<{ total: number; cards: Card[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [answered, setAnswered] = useState<Record<string, Answered>>({});

  const load = useCallback(async () => {
    setError(null);
    const r = await api.review.due({ limit: 20 });
    if (r.ok) {
      setDue(r.value);
      setAnswered({});
    } else setError(r.error.message);
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  const answer = async (questionId: string, text: string): Promise<void> => {
    setAnswered((a) => ({ ...a, [questionId]: { answer: text } }));
    const r = await api.review.answer({ questionId, answer: text });
    setAnswered((a) => ({
      ...a,
      [questionId]: r.ok ? { answer: text, verdict: r.value } : { answer: text, error: r.error.message },
    }));
    if (r.ok) onGraded?.();
  };

  if (error)
    return (
      <p className="empty-state" role="alert">
        {error}
      </p>
    );
  if (!due) return <p className="empty-state">Loading review cards…</p>;
  if (due.cards.length === 0)
    return (
      <div className="empty-state">
        <p>Nothing to review right now.</p>
        <p className="muted">Questions you answer in lessons come back here when they are due, spaced out over days.</p>
      </div>
    );
  const done = due.cards.every((c) => answered[c.question.id]?.verdict);
  return (
    <div className="review">
      <p className="muted">
        {due.total} {due.total === 1 ? 'card' : 'cards'} due. Answer from memory; each one is rescheduled by how it
        went.
      </p>
      <ol className="review-cards">
        {due.cards.map((c) => {
          const a = answered[c.question.id];
          return (
            <li key={c.question.id}>
              <QuestionCard
                question={c.question}
                open={!a || Boolean(a.error)}
                answer={a?.error ? undefined : a?.answer}
                verdict={a?.verdict}
                onAnswer={(text) => void answer(c.question.id, text)}
              />
              {a?.error && (
                <p className="form-error" role="alert">
                  {a.error}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      {done && (
        <button type="button" className="primary" onClick={() => void load()}>
          Check for more
        </button>
      )}
    </div>
  );
}
