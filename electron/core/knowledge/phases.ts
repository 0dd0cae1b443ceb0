import type { PhaseId } from './types';

// The learning path's fixed frame: phase order, output file names and fallback titles (used when
// the notes do not name a phase, as for the core part before "PHASE 2").

export interface PhaseInfo {
  id: PhaseId;
  order: number;
  file: string;
  defaultTitle: string;
}

export const PHASES: readonly PhaseInfo[] = [
  { id: 'phase1', order: 1, file: 'phase1-core-services.md', defaultTitle: 'Core Services' },
  { id: 'phase2', order: 2, file: 'phase2-databases-storage.md', defaultTitle: 'Databases & Storage' },
  { id: 'phase3', order: 3, file: 'phase3-serverless-devops.md', defaultTitle: 'Serverless & DevOps Tools' },
  { id: 'phase4', order: 4, file: 'phase4-monitoring-management.md', defaultTitle: 'Monitoring & Management' },
  { id: 'phase5', order: 5, file: 'phase5-advanced.md', defaultTitle: 'Advanced / Optional' },
  { id: 'phase6', order: 6, file: 'phase6-real-projects.md', defaultTitle: 'Real Project Examples' },
  { id: 'self', order: 7, file: 'self-learning.md', defaultTitle: 'Self-Learning Topics' },
];

export const PHASE_IDS: readonly PhaseId[] = PHASES.map((p) => p.id);

export function phaseInfo(id: PhaseId): PhaseInfo {
  const info = PHASES.find((p) => p.id === id);
  if (!info) throw new Error(`unknown phase id ${id}`);
  return info;
}

/** "PHASE 2" → 'phase2'; null for numbers outside the path. */
export function phaseIdFromNumber(n: number): PhaseId | null {
  const id = `phase${n}`;
  return (PHASE_IDS as readonly string[]).includes(id) && id !== 'self' ? (id as PhaseId) : null;
}

/** The `#` heading of a phase file: "Phase 2 — Databases & Storage"; the self phase has no number. */
export function phaseHeading(id: PhaseId, title: string): string {
  const info = phaseInfo(id);
  return id === 'self' ? title : `Phase ${info.order} — ${title}`;
}
