// ts-fsrs works with Date objects; the review document stores ISO strings. These two helpers are
// the only place that converts, so a card survives a JSON round trip unchanged.
import type { Card } from 'ts-fsrs';
import type { StoredCard } from './schemas';

/** Stored (JSON) card → ts-fsrs Card. */
export function toFsrsCard(stored: StoredCard): Card {
  const card: Card = {
    due: new Date(stored.due),
    stability: stored.stability,
    difficulty: stored.difficulty,
    elapsed_days: stored.elapsed_days,
    scheduled_days: stored.scheduled_days,
    learning_steps: stored.learning_steps,
    reps: stored.reps,
    lapses: stored.lapses,
    state: stored.state,
  };
  if (stored.last_review !== undefined) card.last_review = new Date(stored.last_review);
  return card;
}

/** ts-fsrs Card → stored (JSON) card. Extra keys a scheduler may add are not kept. */
export function fromFsrsCard(card: Card): StoredCard {
  const stored: StoredCard = {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
  };
  if (card.last_review) stored.last_review = card.last_review.toISOString();
  return stored;
}
