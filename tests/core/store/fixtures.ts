// Temp folders and realistic documents for the store tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmptyCard, fsrs, Rating } from 'ts-fsrs';
import { fromFsrsCard } from '../../../electron/core/store/fsrsCard';
import type { Documents } from '../../../electron/core/store/documents';
import type { CheckQuestion } from '../../../electron/core/tutor/types';

export function tempFolder(): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'nimbus-store-'));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

const at = '2025-03-01T10:00:00.000Z';

export const question: CheckQuestion = {
  id: 'q-ec2-1',
  lessonId: 'compute/ec2',
  kind: 'cloze',
  prompt: 'Amazon _____ provides resizable compute capacity in the cloud.',
  answer: 'EC2',
  accepted: ['EC2', 'Amazon EC2'],
  source: 'Amazon EC2 provides resizable compute capacity in the cloud.',
  ref: { sectionId: 's-ec2', chunkId: 'c-ec2-0', headingPath: ['Compute', 'Amazon EC2'] },
};

export function sampleDocs(): Documents {
  const reviewed = fsrs().next(createEmptyCard(new Date(at)), new Date(at), Rating.Good).card;
  return {
    settings: { schemaVersion: 1, theme: 'dark', readAnswersAloud: true, speechRate: 1.25, embedder: 'static' },
    progress: {
      schemaVersion: 2,
      lessons: {
        'compute/ec2': {
          status: 'in-progress',
          step: 3,
          mastery: 0.6,
          attempts: 5,
          correct: 3,
          lastVisited: at,
          answered: { 'q-ec2-1': { result: 'partly', score: 0.5, at } },
        },
      },
      current: { phaseId: 'phase-2', lessonId: 'compute/ec2' },
    },
    reviews: {
      schemaVersion: 1,
      cards: { 'q-ec2-1': { question, card: fromFsrsCard(reviewed), lastResult: { result: 'correct', score: 1, at } } },
    },
    bookmarks: {
      schemaVersion: 1,
      items: [
        {
          id: 'b1',
          kind: 'answer',
          anchor: {
            sectionId: 's-ec2',
            phaseId: 'phase-2',
            headingPath: ['Compute', 'Amazon EC2'],
            snippet: 'resizable',
          },
          answer: { question: 'what is ec2?', markdown: '**EC2** is …' },
          note: 'revisit before the exam',
          createdAt: at,
          updatedAt: at,
        },
      ],
    },
    topics: {
      schemaVersion: 1,
      items: [
        {
          id: 't1',
          title: 'Amazon Athena',
          markdown: '# Athena\nServerless SQL over S3.',
          source: 'import',
          fileName: 'athena.md',
          createdAt: at,
          updatedAt: at,
        },
      ],
    },
  };
}
