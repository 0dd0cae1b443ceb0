import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { normForScore } from '../../../electron/core/eval/devEval';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const REPO_ROOT = resolve(here, '../../..');
export const SEED_PATH = resolve(here, '../../../../shared/seed/000_9efeb02e0cf42077.txt');
export const DEV_QA_PATH = resolve(here, '../../../../shared/eval/dev_qa.jsonl');
export const CONTENT_DIR = resolve(REPO_ROOT, 'content');

export function readSeed(): string {
  return readFileSync(SEED_PATH, 'utf8');
}

export interface DevQuestion {
  id: string;
  kind: string;
  gold_headings: string[];
  gold_quote: string | null;
  phase: string;
}

export function loadDevQuestions(): DevQuestion[] {
  return readFileSync(DEV_QA_PATH, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DevQuestion);
}

// The scorer's own normalisation (electron/core/eval mirrors ../shared/eval/score.mjs).
export const norm = normForScore;
export const normHeading = (h: string): string => norm(h).replace(/^\d+\.\s*/, '');
