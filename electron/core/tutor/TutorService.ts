import type { KnowledgeEngine } from '../engine/KnowledgeEngine';
import type { PhaseId } from '../knowledge/types';
import { shortHash } from '../knowledge/ids';
import type { AbstentionFeatures } from '../answer/abstain';
import type { UserData } from '../store/userData';
import { generateQuestions } from './questions/generateQuestions';
import { gradeAnswer } from './grading/gradeAnswer';
import { lessonMaterialFor, planLesson, rephraseForRetry, type LessonStep } from './lesson';
import { ReviewScheduler } from './review';
import {
  emptyLessonProgress,
  lessonOrder,
  masteryOf,
  recordVerdict,
  skippedPrerequisites,
  suggestNext,
  summarize,
  type LessonRef,
} from './progress';
import type { CheckQuestion, ProgressSummary, PublicQuestion, SourceRef, TutorEvent, Verdict } from './types';

interface Session {
  lesson: LessonRef;
  goals: string[];
  steps: LessonStep[];
  questions: CheckQuestion[];
  /** Next lesson step to show. */
  step: number;
  /** Next question to ask. */
  question: number;
  /** Asked, not answered yet. */
  awaiting: CheckQuestion | null;
  /** Questions answered "not yet", asked again before the lesson ends (once each). */
  retry: CheckQuestion[];
  retried: Set<string>;
}

export class TutorError extends Error {
  constructor(
    readonly code: 'unknown-lesson' | 'unknown-phase' | 'no-question' | 'no-lesson',
    message: string,
  ) {
    super(message);
  }
}

export function publicQuestion(q: CheckQuestion): PublicQuestion {
  const { answer: _a, accepted: _c, keywords: _k, source: _s, ...rest } = q;
  void _a;
  void _c;
  void _k;
  void _s;
  return rest;
}

/**
 * The guided tutor: walks the curriculum lesson by lesson (short messages, then check
 * questions), grades answers, remembers progress and schedules reviews. One instance per
 * learner; the CLI and the app drive it with the same calls and render the same events.
 */
export class TutorService {
  private session: Session | null = null;
  private readonly questionCache = new Map<string, CheckQuestion[]>();
  readonly review: ReviewScheduler;
  /** What the conversation is about, for follow-up questions. */
  private topic: string | null = null;

  constructor(
    private readonly engine: KnowledgeEngine,
    private readonly data: UserData,
    private readonly clock: () => Date = () => new Date(),
    /** Suggests a topic title for an out-of-scope question (the self-learning service). */
    private readonly offerTopic?: (question: string, hints: AbstentionFeatures) => string | null,
  ) {
    this.review = new ReviewScheduler(data.reviews);
  }

  private now(): string {
    return this.clock().toISOString();
  }

  private get curriculum() {
    return this.engine.curriculum;
  }

  private lessonRef(lessonId: string): LessonRef {
    const ref = lessonOrder(this.curriculum).find((l) => l.lessonId === lessonId);
    if (!ref)
      throw new TutorError('unknown-lesson', `There is no lesson "${lessonId}". Try "progress" to see the lessons.`);
    return ref;
  }

  questionsFor(lessonId: string): CheckQuestion[] {
    const material = lessonMaterialFor(this.curriculum, this.engine.sections, lessonId);
    // keyed by content too: a learner topic edited under the same title gets fresh questions
    const key = shortHash(lessonId + material.sections.map((s) => s.body).join('\n'));
    const cached = this.questionCache.get(key);
    if (cached) return cached;
    const qs = generateQuestions(material);
    this.questionCache.set(key, qs);
    return qs;
  }

  /** Continue where the learner left off, or begin with the first lesson. */
  async start(): Promise<TutorEvent[]> {
    const doc = this.data.progress.read();
    const target =
      doc.current?.lessonId ?? suggestNext(this.curriculum, doc)?.lessonId ?? lessonOrder(this.curriculum)[0]?.lessonId;
    if (!target) throw new TutorError('no-lesson', 'The curriculum has no lessons.');
    const resumeStep = doc.lessons[target]?.status === 'in-progress' ? doc.lessons[target].step : 0;
    return this.open(target, resumeStep);
  }

  /** Jump to a phase (its first open lesson) or a lesson; no hard lock, but say what was skipped. */
  async goto(target: { phaseId?: string; lessonId?: string }): Promise<TutorEvent[]> {
    const doc = this.data.progress.read();
    let lessonId = target.lessonId;
    if (!lessonId && target.phaseId) {
      const phase = this.curriculum.phases.find((p) => p.id === target.phaseId);
      if (!phase) throw new TutorError('unknown-phase', `There is no phase "${target.phaseId}".`);
      lessonId = (phase.lessons.find((l) => doc.lessons[l.id]?.status !== 'done') ?? phase.lessons[0])?.id;
    }
    if (!lessonId) throw new TutorError('no-lesson', 'Say which phase or lesson to go to.');
    return this.open(lessonId, 0);
  }

  private async open(lessonId: string, step: number): Promise<TutorEvent[]> {
    const ref = this.lessonRef(lessonId);
    const material = lessonMaterialFor(this.curriculum, this.engine.sections, lessonId);
    const phase = this.curriculum.phases.find((p) => p.id === ref.phaseId);
    const goals = phase?.lessons.find((l) => l.id === lessonId)?.goals ?? [];
    const steps = planLesson({ lessonId, phaseId: ref.phaseId, title: ref.title, goals, sections: material.sections });
    this.session = {
      lesson: ref,
      goals,
      steps,
      questions: this.questionsFor(lessonId),
      step: Math.min(step, steps.length),
      question: 0,
      awaiting: null,
      retry: [],
      retried: new Set(),
    };
    this.topic = ref.title;
    const now = this.now();
    await this.data.progress.update((doc) => {
      const lesson = doc.lessons[lessonId] ?? emptyLessonProgress(now);
      return {
        ...doc,
        current: { phaseId: ref.phaseId, lessonId },
        lessons: {
          ...doc.lessons,
          [lessonId]: { ...lesson, status: lesson.status === 'done' ? 'done' : 'in-progress', lastVisited: now },
        },
      };
    });
    const skipped = skippedPrerequisites(this.curriculum, this.data.progress.read(), ref.phaseId);
    const events: TutorEvent[] = [
      {
        type: 'lesson',
        phaseId: ref.phaseId,
        lessonId,
        title: ref.title,
        goals,
        ...(skipped.length ? { skippedPrerequisites: skipped } : {}),
      },
    ];
    if (skipped.length) {
      events.push({
        type: 'message',
        role: 'tutor',
        markdown: `Jumping ahead is fine. For the record, these come earlier and are not finished yet: ${skipped.join('; ')}. You can go back any time.`,
      });
    }
    return [...events, ...(await this.next())];
  }

  /** The next piece of the lesson: a message, then the check questions, then the wrap-up. */
  async next(): Promise<TutorEvent[]> {
    const s = this.requireSession();
    if (s.awaiting) return [{ type: 'question', question: publicQuestion(s.awaiting) }];
    if (s.step < s.steps.length) {
      const step = s.steps[s.step++];
      const n = s.step;
      await this.data.progress.update((doc) => {
        const lesson = doc.lessons[s.lesson.lessonId] ?? emptyLessonProgress(this.now());
        return {
          ...doc,
          lessons: { ...doc.lessons, [s.lesson.lessonId]: { ...lesson, step: Math.max(lesson.step, n) } },
        };
      });
      return [{ type: 'message', role: 'tutor', markdown: step.markdown, refs: step.refs }];
    }
    const q = s.question < s.questions.length ? s.questions[s.question++] : s.retry.shift();
    if (q) {
      s.awaiting = q;
      return [{ type: 'question', question: publicQuestion(q) }];
    }
    return this.finishLesson(s);
  }

  private async finishLesson(s: Session): Promise<TutorEvent[]> {
    const now = this.now();
    const doc = await this.data.progress.update((d) => {
      const lesson = d.lessons[s.lesson.lessonId] ?? emptyLessonProgress(now);
      const done = { ...lesson, status: 'done' as const, step: s.steps.length, lastVisited: now };
      return {
        ...d,
        lessons: { ...d.lessons, [s.lesson.lessonId]: { ...done, mastery: masteryOf(done, s.questions.length) } },
      };
    });
    const next = suggestNext(this.curriculum, doc, s.lesson.lessonId);
    const mastery = Math.round(doc.lessons[s.lesson.lessonId].mastery * 100);
    const wrap = next
      ? `That's **${s.lesson.title}** done (mastery ${mastery}%). Next up: **${next.title}**. Say "next" when you're ready, or ask me anything.`
      : `That's **${s.lesson.title}** done (mastery ${mastery}%). You've been through every lesson. Reviews will keep it fresh.`;
    return [
      { type: 'message', role: 'tutor', markdown: wrap },
      { type: 'done', lessonId: s.lesson.lessonId, ...(next ? { next } : {}) },
      { type: 'progress', summary: this.progress() },
    ];
  }

  /** Grade an answer to the question being asked; a "not yet" gets a re-explanation and a retry later. */
  async answer(questionId: string, answer: string | string[]): Promise<TutorEvent[]> {
    const s = this.requireSession();
    const q = s.awaiting;
    if (!q || q.id !== questionId) {
      throw new TutorError(
        'no-question',
        q ? `The open question is ${q.id}, not ${questionId}.` : 'No question is waiting for an answer; say "next".',
      );
    }
    const verdict = await this.grade(q, answer);
    s.awaiting = null;
    const now = this.now();
    await this.data.progress.update((doc) => recordVerdict(doc, s.lesson.lessonId, verdict, now));
    await this.review.record(q, verdict, this.clock());
    const events: TutorEvent[] = [{ type: 'verdict', verdict }];
    if (verdict.result === 'not-yet' && !s.retried.has(q.id)) {
      s.retried.add(q.id);
      s.retry.push(q);
      const section = this.engine.sections.find((x) => x.id === q.ref.sectionId);
      if (section)
        events.push({ type: 'message', role: 'tutor', markdown: rephraseForRetry(q.source, section), refs: [q.ref] });
    }
    return [...events, ...(await this.next())];
  }

  private grade(q: CheckQuestion, answer: string | string[]): Promise<Verdict> {
    return gradeAnswer(q, answer, { similarity: (a, b) => this.engine.similarity(a, b) });
  }

  /** A free question, answered from the notes with a lean toward the current phase and topic. */
  async ask(question: string): Promise<TutorEvent[]> {
    const phase = this.session?.lesson.phaseId as PhaseId | undefined;
    const r = await this.engine.ask(question, { preferPhase: phase, topic: this.topic ?? undefined });
    const refs: SourceRef[] = r.citations.map((c) => {
      const chunk = this.engine.chunk(c.chunkId);
      return { sectionId: chunk?.sectionId ?? '', chunkId: c.chunkId, headingPath: c.headingPath };
    });
    if (!r.abstained && r.citations[0]) this.topic = r.citations[0].headingPath[r.citations[0].headingPath.length - 1];
    const offer = r.abstained ? this.offerTopic?.(r.question, r.abstention) : null;
    return [
      {
        type: 'answer',
        question: r.question,
        abstained: r.abstained,
        markdown: r.answer,
        refs,
        ...(offer ? { offerTopic: offer } : {}),
      },
    ];
  }

  progress(): ProgressSummary {
    return summarize(
      this.curriculum,
      this.data.progress.read(),
      this.review.dueCount(this.clock()),
      (id) => this.questionsFor(id).length,
    );
  }

  /** The question a review card asks, and grading it feeds the scheduler. */
  async reviewAnswer(questionId: string, answer: string | string[]): Promise<Verdict> {
    const card = this.review.entry(questionId);
    if (!card) throw new TutorError('no-question', `No review card ${questionId}.`);
    const verdict = await this.grade(card.question, answer);
    await this.review.grade(questionId, verdict, this.clock());
    return verdict;
  }

  /**
   * Forgets the open lesson and the conversation topic: the learner's data was replaced (a backup
   * restored), so what is in memory no longer matches it. The next start resumes from the stores.
   */
  reset(): void {
    this.session = null;
    this.topic = null;
  }

  private requireSession(): Session {
    if (!this.session) throw new TutorError('no-lesson', 'No lesson is open: say "start" or go to a lesson.');
    return this.session;
  }
}
