// Merging the bodies of two occurrences of the same section (same heading path). The notes repeat
// whole blocks (Phase 2) and re-tell topics (Fargate); the merged body keeps the first wording and
// adds only lines and sentences that are not there yet.

import { isProseLine, normForCompare, splitSentences, tidyLines } from './text';

interface Seen {
  lines: Set<string>;
  sentences: Set<string>;
}

function remember(seen: Seen, line: string): void {
  seen.lines.add(normForCompare(line));
  if (isProseLine(line)) for (const s of splitSentences(line)) seen.sentences.add(normForCompare(s));
}

function collectSeen(body: string): Seen {
  const seen: Seen = { lines: new Set(), sentences: new Set() };
  for (const line of body.split('\n')) if (line.trim() !== '') remember(seen, line);
  return seen;
}

/** The part of a line not already present, or null if nothing new remains. */
function novelPart(line: string, seen: Seen): string | null {
  if (seen.lines.has(normForCompare(line))) return null;
  if (!isProseLine(line)) return line;
  const sentences = splitSentences(line);
  const fresh = sentences.filter((s) => !seen.sentences.has(normForCompare(s)));
  if (fresh.length === 0) return null;
  return fresh.length === sentences.length ? line : fresh.join(' ');
}

export function mergeBody(existing: string, incoming: string): string {
  if (existing.trim() === '') return tidyLines(incoming.split('\n'));
  const seen = collectSeen(existing);
  const added: string[] = [];
  for (const line of incoming.split('\n')) {
    if (line.trim() === '') {
      added.push('');
      continue;
    }
    const part = novelPart(line, seen);
    if (part === null) continue;
    added.push(part);
    remember(seen, part);
  }
  const extra = tidyLines(added);
  return extra === '' ? existing : `${existing}\n\n${extra}`;
}
