// What a lesson's questions are made from. The tutor builds it with lesson/material.ts
// (lessonMaterialFor); this is the part of it the generator needs, so any caller can supply one.

import type { Section } from '../../knowledge/types';

export interface LessonMaterial {
  lessonId: string;
  phaseId: string;
  title: string;
  /** The lesson's `##` section first, then its descendants in document order. */
  sections: Section[];
  /** Other sections of the same phase (not the phase title itself), for distractors. */
  siblings: Section[];
}
