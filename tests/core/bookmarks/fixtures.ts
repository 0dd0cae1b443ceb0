// Two versions of a small piece of notes: v2 renumbers one heading, renames another, rewrites one
// section's text, lightly edits another and deletes one.

import { chunkSections } from '../../../electron/core/knowledge/chunkNotes';
import { sectionId } from '../../../electron/core/knowledge/ids';
import type { PhaseId, Section } from '../../../electron/core/knowledge/types';
import type { ContentView } from '../../../electron/core/bookmarks/types';

const P1 = 'Phase 1 — Core Services';
const P2 = 'Phase 2 — Databases & Storage';
const P3 = 'Phase 3 — Serverless & DevOps Tools';

function section(phaseId: PhaseId, headingPath: string[], body: string): Section {
  return { id: sectionId(phaseId, headingPath), phaseId, headingPath, body, source: 'notes' };
}

const S3 =
  'Amazon S3 stores objects in buckets. Durability is eleven nines because data is copied across several Availability Zones.';
const CLASSES =
  'S3 Standard suits frequently accessed data. S3 Glacier Deep Archive is the cheapest class, for long-term archives that can wait hours for retrieval.';
const EC2 =
  'EC2 provides resizable virtual servers called instances. You pick an instance type, an AMI and a key pair to launch one.';
const DYNAMO =
  'DynamoDB is a serverless key-value and document database with single-digit millisecond latency at any scale.';
const RDS = 'RDS runs managed relational databases such as MySQL and PostgreSQL with automated backups and patching.';
const SQS = 'SQS is a fully managed message queue that decouples producers from consumers.';

export function v1(): ContentView {
  const sections = [
    section('phase1', [P1], ''),
    section('phase1', [P1, 'Amazon S3'], S3),
    section('phase1', [P1, 'Amazon S3', 'Storage Classes'], CLASSES),
    section('phase1', [P1, '1. Amazon EC2'], EC2),
    section('phase2', [P2], ''),
    section('phase2', [P2, '2. Amazon DynamoDB'], DYNAMO),
    section('phase2', [P2, 'Amazon RDS'], RDS),
    section('phase3', [P3], ''),
    section('phase3', [P3, 'Amazon SQS'], SQS),
  ];
  return { sections, chunks: chunkSections(sections) };
}

export function v2(): ContentView {
  const sections = [
    section('phase1', [P1], ''),
    section('phase1', [P1, 'Amazon S3'], S3),
    // renamed: the text is the same
    section('phase1', [P1, 'Amazon S3', 'Picking a Storage Tier'], CLASSES),
    // renumbered
    section('phase1', [P1, '3. Amazon EC2'], EC2),
    section('phase2', [P2], ''),
    // rewritten
    section(
      'phase2',
      [P2, '2. Amazon DynamoDB'],
      'Tables hold items; each item needs a partition key, optionally with a sort key. Streams capture every change.',
    ),
    // lightly edited
    section('phase2', [P2, 'Amazon RDS'], `${RDS} Multi-AZ adds a standby for failover.`),
    section('phase3', [P3], ''),
    // Amazon SQS deleted
  ];
  return { sections, chunks: chunkSections(sections) };
}

export const HEADINGS = { P1, P2, P3 };
