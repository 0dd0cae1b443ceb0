// Schema migrations: each document carries an integer `schemaVersion`; a file older than the code
// is walked up one step at a time ({ from, to, migrate }) before validation. Migrations work on the
// raw JSON (the old shape does not match today's schema) and must not throw on odd input: the
// schema validates the result, and a failure there counts as a corrupt file (backed up).

export type RawDoc = Record<string, unknown>;

export interface Migration {
  from: number;
  to: number;
  migrate(doc: RawDoc): RawDoc;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export function isRecord(value: unknown): value is RawDoc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Applies migrations from `from` up to `target`; throws MigrationError when a step is missing. */
export function runMigrations(doc: RawDoc, from: number, target: number, migrations: readonly Migration[]): RawDoc {
  let current = doc;
  let version = from;
  while (version < target) {
    const step = migrations.find((m) => m.from === version && m.to > version && m.to <= target);
    if (!step) throw new MigrationError(`no migration from schema v${version} (target v${target})`);
    current = { ...step.migrate(structuredClone(current)), schemaVersion: step.to };
    version = step.to;
  }
  return current;
}

/** Progress v1 → v2: lessons gain `answered` (per-question results), empty for old lessons. */
export const progressMigrations: readonly Migration[] = [
  {
    from: 1,
    to: 2,
    migrate(doc) {
      const lessons = isRecord(doc.lessons) ? doc.lessons : {};
      const upgraded = Object.fromEntries(
        Object.entries(lessons).map(([id, lesson]) => [id, isRecord(lesson) ? { answered: {}, ...lesson } : lesson]),
      );
      return { ...doc, lessons: upgraded };
    },
  },
];
