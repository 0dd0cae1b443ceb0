// What the engine derives from the notes' chunks (the BM25 index, the mined synonyms), in one place
// for the cold build and for the fingerprint that keys the corpus snapshot to this very code.
import { createHash } from 'node:crypto';
import { chunkSections } from '../knowledge/chunkNotes';
import type { Curriculum } from '../knowledge/loadContent';
import { parseContentMarkdown } from '../knowledge/loadContent';
import type { Chunk, Section } from '../knowledge/types';
import { LexicalIndex } from '../retrieval/lexicalIndex';
import { buildSynonyms, type SynonymMap } from '../retrieval/synonyms';

/** The notes as the engine holds them before the learner's topics are added. */
export interface Corpus {
  curriculum: Curriculum;
  sections: Section[];
  chunks: Chunk[];
  contentHash: string;
  lexical: LexicalIndex;
  synonyms: SynonymMap;
}

/**
 * Bump when chunking, the analyzer (tokenise/stem/stop) or synonym mining change what they make of
 * the same notes: saved snapshots are then rebuilt. analysisFingerprint() catches most such changes
 * on its own; this is the switch for the ones its probe does not exercise.
 */
export const ANALYSIS_VERSION = 1;

export function lexicalIndexOf(chunks: readonly Chunk[]): LexicalIndex {
  const index = new LexicalIndex();
  index.add(chunks.map((c) => ({ id: c.id, text: c.text, headingPath: c.headingPath })));
  return index;
}

export function synonymsOf(chunks: readonly Chunk[]): SynonymMap {
  return buildSynonyms(chunks.map((c) => `${c.headingPath.join('\n')}\n${c.text}`));
}

// A small note that goes through every step the snapshot saves (parse, chunk, index, mine): a code
// change that alters the output on it changes the snapshot key, with no version to remember.
const LONG = Array.from(
  { length: 12 },
  (_, i) =>
    `Step ${i + 1}: the Auto Scaling group (ASG) launches instances from a launch template, and CloudWatch alarms scale it out or in — about ${i * 7 + 3} instances at peak.`,
).join(' ');
const PROBE = `# Phase 1 — Probe Services

## Amazon Elastic Compute Cloud (EC2)

**Amazon EC2** provides resizable compute capacity. Instances run in a Virtual Private Cloud (VPC) and use Amazon Machine Images (AMIs).

- **On-Demand Instances**: pay by the second, no commitment.
- **Spot Instances**: up to 90% off; can be interrupted.
  - Nested item with IAM (Identity and Access Management) roles.

| Option | Pricing | Use case |
| --- | --- | --- |
| On-Demand | per second | short, spiky workloads |
| Reserved | 1 or 3 years | steady state |

### Scaling

${LONG}

\`\`\`bash
aws ec2 describe-instances --region us-east-1
\`\`\`

## S3 (Simple Storage Service)

Objects live in buckets; lifecycle rules move them to S3 Glacier. Versioning keeps every version.
`;

let fingerprint: string | null = null;

/** Hash of what the current chunking, lexical index and synonym mining make of the probe note. */
export function analysisFingerprint(): string {
  if (fingerprint !== null) return fingerprint;
  const sections = parseContentMarkdown(PROBE, 'phase1', 'probe.md');
  const chunks = chunkSections(sections);
  const synonyms = synonymsOf(chunks);
  const made = [
    sections,
    chunks,
    lexicalIndexOf(chunks).toJSON(),
    synonyms.groups,
    [...synonyms.byKey],
    synonyms.maxKeyTokens,
  ];
  fingerprint = createHash('sha256').update(JSON.stringify(made)).digest('hex');
  return fingerprint;
}
