/**
 * The channel rail's model: one channel per phase of the catalog ("#1 core-services" …), then
 * #ask-anything, #self-learned (the catalog's 'self' phase), #review and #bookmarks.
 */
import type { CatalogDto, ProgressSummaryDto } from '../../../electron/shared/api';

export type ChannelKind = 'phase' | 'ask' | 'self' | 'review' | 'bookmarks';

export interface ChannelLesson {
  lessonId: string;
  title: string;
}

export interface Channel {
  /** The phase id for phase channels ('phase1' …), else 'ask' | 'self' | 'review' | 'bookmarks'. */
  id: string;
  kind: ChannelKind;
  /** "#1 core-services", "#ask-anything" … */
  name: string;
  /** "Core Services" (the phase title) or a short description. */
  title: string;
  /** The phase whose lessons and progress belong to this channel ('self' for #self-learned). */
  phaseId?: string;
  lessons: ChannelLesson[];
}

export const SELF_PHASE = 'self';
export const ASK_CHANNEL = 'ask';
export const SELF_CHANNEL = 'self';
export const REVIEW_CHANNEL = 'review';
export const BOOKMARKS_CHANNEL = 'bookmarks';

export function buildChannels(catalog: CatalogDto | null): Channel[] {
  const phases = [...(catalog?.phases ?? [])].sort((a, b) => a.order - b.order);
  const self = phases.find((p) => p.phaseId === SELF_PHASE);
  const lessonsOf = (p: { lessons: { lessonId: string; title: string }[] }): ChannelLesson[] =>
    p.lessons.map((l) => ({ lessonId: l.lessonId, title: l.title }));
  return [
    ...phases
      .filter((p) => p.phaseId !== SELF_PHASE)
      .map((p): Channel => ({
        id: p.phaseId,
        kind: 'phase',
        name: `#${p.order} ${p.channel}`,
        title: p.title,
        phaseId: p.phaseId,
        lessons: lessonsOf(p),
      })),
    { id: ASK_CHANNEL, kind: 'ask', name: '#ask-anything', title: 'Ask anything from the notes', lessons: [] },
    {
      id: SELF_CHANNEL,
      kind: 'self',
      name: '#self-learned',
      title: 'Topics you taught the tutor',
      phaseId: SELF_PHASE,
      lessons: self ? lessonsOf(self) : [],
    },
    { id: REVIEW_CHANNEL, kind: 'review', name: '#review', title: 'Spaced-repetition review', lessons: [] },
    { id: BOOKMARKS_CHANNEL, kind: 'bookmarks', name: '#bookmarks', title: 'Saved sections and answers', lessons: [] },
  ];
}

/** The channel a phase's lessons live in. */
export function channelIdForPhase(phaseId: string): string {
  return phaseId === SELF_PHASE ? SELF_CHANNEL : phaseId;
}

export interface Ring {
  /** 0–100, rounded. */
  percent: number;
  done: number;
  lessons: number;
}

/** The progress ring of a phase channel: mastery as a percentage, with lessons done. */
export function ringFor(summary: ProgressSummaryDto | null, phaseId: string | undefined): Ring | null {
  if (!summary || !phaseId) return null;
  const p = summary.phases.find((x) => x.phaseId === phaseId);
  if (!p) return null;
  const percent = Math.round(Math.min(1, Math.max(0, p.mastery)) * 100);
  return { percent, done: p.done, lessons: p.lessons };
}

/** The channel `delta` places away (wrapping), for Alt+↑/↓. */
export function adjacentChannel(channels: Channel[], id: string, delta: number): string {
  if (channels.length === 0) return id;
  const at = Math.max(
    0,
    channels.findIndex((c) => c.id === id),
  );
  return channels[(at + delta + channels.length) % channels.length].id;
}

/** "#1 core-services" for a phase id (phases' display name in lists such as bookmarks). */
export function phaseLabel(channels: Channel[], phaseId: string): string {
  const c = channels.find((x) => x.phaseId === phaseId);
  return c ? `${c.name} · ${c.title}` : phaseId;
}
