import { describe, expect, it } from 'vitest';
import { createEmptyCard, fsrs, Rating } from 'ts-fsrs';
import { DOCUMENTS, DOCUMENT_NAMES } from '../../../electron/core/store/documents';
import { fromFsrsCard, toFsrsCard } from '../../../electron/core/store/fsrsCard';
import { checkQuestionSchema, storedCardSchema } from '../../../electron/core/store/schemas';
import { question, sampleDocs } from './fixtures';

describe('schemas', () => {
  it('accepts every default and sample document', () => {
    const samples = sampleDocs();
    for (const name of DOCUMENT_NAMES) {
      const spec = DOCUMENTS[name];
      expect(spec.schema.parse(spec.defaults())).toEqual(spec.defaults());
      expect(spec.schema.parse(samples[name])).toEqual(samples[name]);
      expect(spec.defaults().schemaVersion).toBe(spec.version);
    }
  });

  it('mirrors CheckQuestion and drops unknown keys', () => {
    expect(checkQuestionSchema.parse({ ...question, extra: true })).toEqual(question);
    expect(checkQuestionSchema.safeParse({ ...question, kind: 'essay' }).success).toBe(false);
  });

  it('round-trips ts-fsrs cards through JSON', () => {
    const scheduler = fsrs();
    const now = new Date('2025-01-01T00:00:00.000Z');
    const fresh = createEmptyCard(now);
    const learnt = scheduler.next(fresh, now, Rating.Good).card;
    for (const card of [fresh, learnt]) {
      const stored = storedCardSchema.parse(JSON.parse(JSON.stringify(fromFsrsCard(card))));
      expect(toFsrsCard(stored)).toEqual(card);
    }
    // The restored card schedules exactly like the original.
    const later = new Date('2025-01-03T00:00:00.000Z');
    const restored = toFsrsCard(fromFsrsCard(learnt));
    expect(scheduler.next(restored, later, Rating.Good).card).toEqual(scheduler.next(learnt, later, Rating.Good).card);
  });
});
