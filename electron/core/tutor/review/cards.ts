// Review cards as stored on disk. The shapes are the shared store schema's (electron/core/store/
// schemas.ts validates the file on every load and write), so the scheduler can never write
// something the store would reject or silently strip. Dates are ISO strings there, Dates here.

import type { Card } from 'ts-fsrs';
import { fromFsrsCard, toFsrsCard } from '../../store/fsrsCard';
import { defaultReviews, type ReviewDoc, type ReviewEntry, type StoredCard } from '../../store/schemas';

export type { ReviewDoc, ReviewEntry };

/** A ts-fsrs Card, JSON-safe: `due`/`last_review` as ISO 8601 strings (no `last_review` before the first review). */
export type SerializedCard = StoredCard;

export function emptyReviewDoc(): ReviewDoc {
  return defaultReviews();
}

function checkDate(date: Date | undefined, field: string): void {
  if (date !== undefined && Number.isNaN(date.getTime())) throw new RangeError(`review card: invalid ${field} date`);
}

/** Card → JSON. One conversion for the whole app: the store's own helper, plus a guard on bad dates. */
export function toSerializedCard(card: Card): SerializedCard {
  checkDate(card.due, 'due');
  checkDate(card.last_review, 'last_review');
  return fromFsrsCard(card);
}

/** JSON → Card; toSerializedCard(fromSerializedCard(c)) deep-equals c. */
export function fromSerializedCard(card: SerializedCard): Card {
  const out = toFsrsCard(card);
  checkDate(out.due, 'due');
  checkDate(out.last_review, 'last_review');
  return out;
}
