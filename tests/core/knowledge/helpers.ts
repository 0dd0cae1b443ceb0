import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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

// Copied from /work/shared/eval/score.mjs so the tests judge text exactly as the scorer does.
const MOJIBAKE: [string, string][] = [
  ['\u201a\u00c4\u00ee', '-'],
  ['\u201a\u00c4\u00ec', '-'],
  ['\u201a\u00c4\u00fa', '"'],
  ['\u201a\u00c4\u00f9', '"'],
  ['\u201a\u00c4\u00f4', "'"],
  ['\u00fc\u00ec\u00e5', ''],
];
const unmojibake = (s: string): string => MOJIBAKE.reduce((acc, [bad, good]) => acc.split(bad).join(good), s);
export const norm = (s: string | null | undefined): string =>
  unmojibake(s ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2014\u2013]/g, '-')
    .replace(/[\u2018\u2019\u201c\u201d"'`*_#>[\]()]/g, '')
    .replace(/\p{Extended_Pictographic}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
export const normHeading = (h: string): string => norm(h).replace(/^\d+\.\s*/, '');
