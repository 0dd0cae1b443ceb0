// Shared shapes of the knowledge engine. Everything downstream (retrieval, answers, tutor, UI)
// speaks in these, so keep them plain and serialisable.

export type PhaseId = 'phase1' | 'phase2' | 'phase3' | 'phase4' | 'phase5' | 'phase6' | 'self';

/** One heading's worth of the notes: the text directly under a heading, up to the next heading. */
export interface Section {
  /** Stable id: hash of phase + heading path (same notes → same id on every machine). */
  id: string;
  phaseId: PhaseId;
  /** Full heading path, outermost first, e.g. ["Phase 1 — Core Services", "Amazon S3", "Storage Classes"]. */
  headingPath: string[];
  /** Markdown body without the heading line itself. May be empty for pure container headings. */
  body: string;
  /** Where it came from: the shipped notes or a topic the learner added. */
  source: 'notes' | 'self';
}

/** A retrievable piece of a section, sized for the embedder's window. */
export interface Chunk {
  /** Stable id: hash of heading path + chunk text. */
  id: string;
  sectionId: string;
  phaseId: PhaseId;
  headingPath: string[];
  /** Markdown text of the chunk (no heading line). */
  text: string;
  /** Position of the chunk within its section, 0-based. */
  ordinal: number;
  source: 'notes' | 'self';
}
