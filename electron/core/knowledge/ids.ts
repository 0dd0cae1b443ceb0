import { createHash } from 'node:crypto';
import type { PhaseId } from './types';

// Ids are content hashes so that the same notes give the same ids on every machine and a rebuilt
// index can be matched against a learner's saved progress.

const SEP = '\u001f';

export function shortHash(input: string): string {
  return createHash('sha256').update(input, 'utf8').digest('hex').slice(0, 16);
}

function normSpace(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

// Headings compare case-insensitively: re-casing a heading should not orphan a learner's progress.
function normHeadingPath(headingPath: readonly string[]): string {
  return headingPath.map((h) => normSpace(h).toLowerCase()).join(SEP);
}

export function sectionId(phaseId: PhaseId, headingPath: readonly string[]): string {
  return shortHash(`section${SEP}${phaseId}${SEP}${normHeadingPath(headingPath)}`);
}

/** Chunk text is compared with whitespace collapsed (line endings, trailing spaces do not matter). */
export function chunkId(headingPath: readonly string[], text: string): string {
  return shortHash(`chunk${SEP}${normHeadingPath(headingPath)}${SEP}${normSpace(text)}`);
}
