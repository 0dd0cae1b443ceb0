import type { Chunk, PhaseId } from '../../electron/core/knowledge/types';

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
