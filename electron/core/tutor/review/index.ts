// Spaced review of check questions with FSRS.

export {
  emptyReviewDoc,
  fromSerializedCard,
  toSerializedCard,
  type ReviewDoc,
  type ReviewEntry,
  type SerializedCard,
} from './cards';
export { RATING_FOR, REVIEW_PARAMS, ReviewScheduler, type DueCard, type ReviewStats } from './scheduler';
