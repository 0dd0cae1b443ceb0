// Shapes shared by the tutor: questions, verdicts and the events a session emits (the CLI prints
// them as JSON lines, the app renders them as chat messages). Plain and serialisable.

export type QuestionKind = 'cloze' | 'choice' | 'short' | 'order';

export interface SourceRef {
  sectionId: string;
  chunkId?: string;
  headingPath: string[];
}

/** A check question generated from a lesson's own text. */
export interface CheckQuestion {
  /** Stable: hash of lesson id + kind + the source sentence, so progress and review cards survive restarts. */
  id: string;
  lessonId: string;
  kind: QuestionKind;
  /** What the learner sees (Markdown). For cloze: the sentence with "_____" in place of the term. */
  prompt: string;
  /** choice: the options in display order (answer included); order: the steps shuffled. */
  choices?: string[];
  /** cloze/choice/short: the expected text; order: the steps in the right order. */
  answer: string | string[];
  /** Other accepted spellings for cloze (e.g. "EC2", "Amazon EC2"). */
  accepted?: string[];
  /** short: the key terms a good answer mentions. */
  keywords?: string[];
  /** The verbatim sentence(s) of the notes the question was made from. */
  source: string;
  ref: SourceRef;
}

/** A question as shown to the learner: no answer fields. */
export type PublicQuestion = Omit<CheckQuestion, 'answer' | 'accepted' | 'keywords' | 'source'>;

export type VerdictResult = 'correct' | 'partly' | 'not-yet';

export interface Verdict {
  questionId: string;
  result: VerdictResult;
  /** 0..1 */
  score: number;
  /** The right answer, shown after grading. */
  expected: string;
  /** A short, kind explanation (Markdown), quoting the source. */
  feedback: string;
  ref: SourceRef;
}

export type TutorEvent =
  | {
      type: 'lesson';
      phaseId: string;
      lessonId: string;
      title: string;
      goals: string[];
      skippedPrerequisites?: string[];
    }
  | { type: 'message'; role: 'tutor'; markdown: string; refs?: SourceRef[] }
  | { type: 'question'; question: PublicQuestion }
  | { type: 'verdict'; verdict: Verdict }
  | {
      type: 'answer';
      question: string;
      abstained: boolean;
      markdown: string;
      refs: SourceRef[];
      /** When the notes don't cover it: a title the learner could add as a topic. */
      offerTopic?: string;
    }
  | { type: 'progress'; summary: ProgressSummary }
  | { type: 'done'; lessonId: string; next?: { phaseId: string; lessonId: string; title: string } }
  | { type: 'error'; code: string; message: string };

export interface ProgressSummary {
  phases: { phaseId: string; title: string; lessons: number; done: number; mastery: number }[];
  current: { phaseId: string; lessonId: string; title: string } | null;
  suggestedNext: { phaseId: string; lessonId: string; title: string } | null;
  reviewDue: number;
}
