import type { AskResponse, CitationDto, PublicQuestionDto, TutorEventDto, VerdictDto } from '../../electron/shared/api';
import type { VoiceClip } from './voice/clip';

/** A source an answer or lesson message cites: a chip under the bubble that opens the reader. */
export interface SourceChip {
  key: string;
  /** The [n] marker in the answer text, when it has one. */
  marker?: number;
  /** "Amazon S3 › Storage Classes". */
  label: string;
  headingPath: string[];
  chunkId?: string;
  sectionId?: string;
  /** The cited passage (for a tooltip). */
  text?: string;
  /** What the bubble quoted from the section, to highlight when the source names no passage. */
  quote?: string;
}

export type LessonPointer = { phaseId: string; lessonId: string; title: string };

/**
 * A voice message's life: transcribing → ready (transcript editable) → sent; or missing-model (the
 * speech model is not installed: the bubble offers the install) or error.
 */
export type VoiceStatus = 'transcribing' | 'ready' | 'missing-model' | 'error' | 'sent';

/** One entry of a channel's timeline. `at` is the time it was added (ms since the epoch). */
export type ChatItem = { id: number; at: number } & (
  | { kind: 'learner'; text: string }
  | {
      kind: 'voice';
      /** Stable id while the message is transcribed, edited and sent. */
      voiceId: string;
      clip: VoiceClip;
      status: VoiceStatus;
      transcript: string;
      /** Why the transcript is empty, or what went wrong. */
      note?: string;
      /** Spoken in a call (sent as soon as it is transcribed). */
      viaCall?: boolean;
    }
  | { kind: 'typing' }
  | {
      kind: 'answer';
      question: string;
      abstained: boolean;
      markdown: string;
      sources: SourceChip[];
      /** An out-of-scope question: the title the learner could teach as a topic. */
      offerTopic?: string;
    }
  | { kind: 'tutor'; markdown: string; sources: SourceChip[] }
  | { kind: 'lesson'; phaseId: string; lessonId: string; title: string; goals: string[]; skipped?: string[] }
  | { kind: 'question'; question: PublicQuestionDto; answer?: string; verdict?: VerdictDto }
  | { kind: 'done'; lessonId: string; next?: LessonPointer }
  | { kind: 'error'; message: string }
);

/** A ChatItem before it gets its id and time. */
export type NewChatItem = ChatItem extends infer I ? (I extends ChatItem ? Omit<I, 'id' | 'at'> : never) : never;

export const VERDICT_LABEL = { correct: 'Correct', partly: 'Partly right', 'not-yet': 'Not yet' } as const;

/** "Amazon S3 › Storage Classes": the section path a citation points to, without the phase title. */
export function sectionPath(headingPath: string[]): string {
  const path = headingPath.length > 1 ? headingPath.slice(1) : headingPath;
  return path.join(' › ');
}

/** A learner-facing name for the active embedder. */
export function embedderLabel(kind: string, modelId: string): string {
  if (kind === 'minilm') return 'MiniLM semantic search';
  if (kind === 'static-domain') return 'Built-in notes model';
  return modelId;
}

export function chipsFromCitations(citations: CitationDto[]): SourceChip[] {
  return citations.map((c) => ({
    key: `${c.marker}-${c.chunkId}`,
    marker: c.marker,
    label: sectionPath(c.headingPath),
    headingPath: c.headingPath,
    chunkId: c.chunkId,
    text: c.text,
  }));
}

type SourceRef = { sectionId: string; chunkId?: string; headingPath: string[] };

/** Chips for a tutor event's refs; an answer's refs are its citations in order, so they get the [n] markers. */
export function chipsFromRefs(refs: SourceRef[] | undefined, numbered = false): SourceChip[] {
  return (refs ?? [])
    .map((r, i) => ({ r, marker: i + 1 }))
    .filter(({ r }) => r.sectionId || r.chunkId)
    .map(({ r, marker }) => ({
      key: `${marker}-${r.chunkId ?? r.sectionId}`,
      ...(numbered ? { marker } : {}),
      label: sectionPath(r.headingPath),
      headingPath: r.headingPath,
      ...(r.chunkId ? { chunkId: r.chunkId } : {}),
      ...(r.sectionId ? { sectionId: r.sectionId } : {}),
    }));
}

export function itemFromAsk(question: string, r: AskResponse): NewChatItem {
  return {
    kind: 'answer',
    question: question.trim(),
    abstained: r.abstained,
    markdown: r.answer,
    sources: chipsFromCitations(r.citations),
    ...(r.offerTopic ? { offerTopic: r.offerTopic } : {}),
  };
}

/** The timeline entries a tutor event becomes (progress summaries feed the rail, not the chat). */
export function itemsFromEvent(e: TutorEventDto): NewChatItem[] {
  switch (e.type) {
    case 'lesson':
      return [
        {
          kind: 'lesson',
          phaseId: e.phaseId,
          lessonId: e.lessonId,
          title: e.title,
          goals: e.goals,
          ...(e.skippedPrerequisites ? { skipped: e.skippedPrerequisites } : {}),
        },
      ];
    case 'message':
      // a lesson message quotes its section: the reader marks what it quoted
      return [
        {
          kind: 'tutor',
          markdown: e.markdown,
          sources: chipsFromRefs(e.refs).map((c) => ({ ...c, quote: e.markdown })),
        },
      ];
    case 'answer':
      return [
        {
          kind: 'answer',
          question: e.question,
          abstained: e.abstained,
          markdown: e.markdown,
          sources: chipsFromRefs(e.refs, true),
          ...(e.offerTopic ? { offerTopic: e.offerTopic } : {}),
        },
      ];
    case 'question':
      return [{ kind: 'question', question: e.question }];
    case 'done':
      return [{ kind: 'done', lessonId: e.lessonId, ...(e.next ? { next: e.next } : {}) }];
    case 'error':
      return [{ kind: 'error', message: e.message }];
    case 'verdict': // attached to its question card by the reducer
    case 'progress':
      return [];
  }
}

/** "14:05" in the learner's locale, 24-hour, for a bubble's timestamp. */
export function clockTime(at: number): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
