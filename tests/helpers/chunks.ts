import { sectionId } from '../../electron/core/knowledge/ids';
import type { Chunk, PhaseId, Section } from '../../electron/core/knowledge/types';

/** A notes chunk under `heading` (one level below its phase), for answer and ranking tests. */
export function chunkOf(id: string, heading: string, text: string, phase: 1 | 2 | 3 | 4 | 5 | 6 = 2): Chunk {
  return {
    id,
    sectionId: `s-${id}`,
    phaseId: `phase${phase}` as PhaseId,
    headingPath: [`Phase ${phase}`, heading],
    text,
    ordinal: 0,
    source: 'notes',
  };
}

/** Chunks as a retriever's ranked list, best first. */
export const rankedOf = (chunks: Chunk[]) => chunks.map((chunk, i) => ({ chunk, score: 1 - i / 10 }));

/** A self-learned topic the notes lack (Amazon Athena), as the learner would add it. */
export function athenaTopic(): Section {
  const headingPath = ['Self-Learned Topics', 'Topic: Amazon Athena'];
  return {
    id: sectionId('self', headingPath),
    phaseId: 'self',
    headingPath,
    body: 'Amazon Athena is an interactive query service for data in Amazon S3 using standard SQL. Athena charges per terabyte scanned.',
    source: 'self',
  };
}
