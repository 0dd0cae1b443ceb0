// One JSON document in one file, validated with zod, migrated by schemaVersion, written atomically.
//
// Why hand-written and not `conf` (which electron-store extends): conf cannot give the guarantees
// this store needs. (1) With clearInvalidConfig it silently discards a corrupt file, without it its
// constructor just throws; neither backs the file up. (2) Its migrations are keyed by the app's
// semver and recorded under `__internal__`, not by a per-document schemaVersion. (3) Its
// constructor writes defaults merged into whatever it finds, so it would rewrite a file from a newer
// schema, and it has no read-only mode (it mkdirs and writes on open). (4) It re-reads the file
// synchronously on every get. So this store keeps conf's on-disk format instead — a JSON object at
// `<cwd>/<configName>.json`, tab-indented (conf's serializer) — and the app's electron-store opens
// the very same files (see electron/main/electronStore.ts; a test reads our files through conf).
//
// Crash safety: every write is atomic (temp file, fsync, rename, fsync of the folder), so a process
// killed at any point leaves the previous or the new file. After each saved change the same bytes go
// to `<name>.json.bak`, the last good copy: a main file damaged some other way (a disk error, a
// hand edit gone wrong, a sync tool) is moved aside and the copy is loaded instead.
import { readFile, rename, access } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { atomicWriteFile, removeStaleTemps } from '../util/atomicWrite';
import type { DocumentStore } from './documentStore';
import type { DocumentSpec, VersionedDoc } from './documents';
import { StoreWriteError } from './errors';
import { isRecord, runMigrations } from './migrations';

export interface StoreReport {
  document: string;
  status: 'ok' | 'created' | 'migrated' | 'recovered' | 'read-only';
  message?: string;
  /** Where a corrupt file was moved to (its bytes unchanged). */
  backup?: string;
}

export interface JsonStoreOptions {
  /** Never touch the disk: changes live in memory for this session. */
  readOnly?: boolean;
  /** Why the whole data folder is read-only (put into the report). */
  readOnlyReason?: string;
  /**
   * What a read-only store does with a change: keep it in memory for this session (default: the
   * app keeps working and the report says nothing is saved) or reject it with a StoreWriteError.
   */
  readOnlyWrites?: 'memory' | 'reject';
  /** Injected by tests to simulate failing writes; defaults to atomicWriteFile (temp + fsync + rename). */
  writeFile?: (path: string, data: string) => Promise<void>;
  now?: () => Date;
}

/** conf's serializer, byte for byte, so electron-store and this store write identical files. */
export const serializeDocument = (value: unknown): string => JSON.stringify(value, undefined, '\t');

type Loaded<T> =
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'valid'; value: T; migratedFrom?: number }
  | { kind: 'newer'; value: T; version: number }
  | { kind: 'corrupt'; reason: string };

export class JsonDocumentStore<T extends VersionedDoc> implements DocumentStore<T> {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly location: string,
    readonly readOnly: boolean,
    private value: T,
    private readonly spec: DocumentSpec<T>,
    private readonly writeFile: (path: string, data: string) => Promise<void>,
    private readonly rejectWrites: string | null,
  ) {}

  /** The last good copy: the bytes of the last saved change. */
  get backupLocation(): string {
    return backupOf(this.location);
  }

  /** Opens (creating, migrating or recovering) `<dir>/<spec.name>.json`. Never throws for bad files. */
  static async open<T extends VersionedDoc>(
    dir: string,
    spec: DocumentSpec<T>,
    opts: JsonStoreOptions = {},
  ): Promise<{ store: JsonDocumentStore<T>; report: StoreReport }> {
    const path = join(dir, `${spec.name}.json`);
    const writeFile = opts.writeFile ?? atomicWriteFile;
    const document = spec.name;
    const make = (value: T, readOnly: boolean, why = 'read-only') =>
      new JsonDocumentStore(path, readOnly, value, spec, writeFile, opts.readOnlyWrites === 'reject' ? why : null);
    const readOnlyResult = (value: T, message: string) => ({
      store: make(value, true, message),
      report: { document, status: 'read-only' as const, message },
    });
    // Persists the loaded value now (creation, migration, recovery); a failure degrades to read-only.
    const persist = async (value: T, report: StoreReport) => {
      try {
        await writeFile(path, serializeDocument(value));
        return { store: make(value, false), report };
      } catch (e) {
        const prefix = report.message ? `${report.message}; ` : '';
        const message = `${prefix}cannot write ${path}: ${errText(e)}`;
        return { store: make(value, true, message), report: { ...report, status: 'read-only' as const, message } };
      }
    };
    const folderReason = opts.readOnlyReason ?? 'opened read-only';
    // Temp files of writes that were killed half way: never loaded, just tidied up.
    if (!opts.readOnly) await removeStaleTemps(dir, [basename(path), basename(backupOf(path))]);
    const fromBackup = async (): Promise<T | null> => {
      const b = await load(backupOf(path), spec);
      return b.kind === 'valid' ? b.value : null;
    };

    const loaded = await load(path, spec);
    switch (loaded.kind) {
      case 'missing': {
        const saved = await fromBackup();
        if (saved) {
          const message = `${path} was missing; restored from its last good copy ${backupOf(path)}`;
          if (opts.readOnly) return readOnlyResult(saved, `${folderReason}; ${message} in memory only`);
          return persist(saved, { document, status: 'recovered', message });
        }
        if (opts.readOnly)
          return readOnlyResult(spec.defaults(), `${folderReason}; ${path} does not exist, defaults used`);
        return persist(spec.defaults(), { document, status: 'created' });
      }
      case 'unreadable':
        return readOnlyResult(spec.defaults(), `cannot read ${path} (${loaded.reason}); defaults used, nothing saved`);
      case 'newer':
        // Written by a newer app: overwriting would lose what it knows. Keep it, work in memory.
        return readOnlyResult(
          loaded.value,
          `${path} was written by a newer version (schema v${loaded.version}, this version knows v${spec.version}); ` +
            'it is left untouched and changes to it are not saved this session',
        );
      case 'valid': {
        if (loaded.migratedFrom === undefined) {
          if (opts.readOnly) return readOnlyResult(loaded.value, folderReason);
          return { store: make(loaded.value, false), report: { document, status: 'ok' } };
        }
        const message = `migrated from schema v${loaded.migratedFrom} to v${spec.version}`;
        if (opts.readOnly) return readOnlyResult(loaded.value, `${folderReason}; ${message} in memory only`);
        return persist(loaded.value, { document, status: 'migrated', message });
      }
      case 'corrupt': {
        const what = `${path} is corrupt (${loaded.reason})`;
        const saved = await fromBackup();
        const restored = saved ? `its last good copy ${backupOf(path)} loaded` : 'defaults loaded';
        if (opts.readOnly)
          return readOnlyResult(saved ?? spec.defaults(), `${folderReason}; ${what}: left as is, ${restored}`);
        const backup = await backupPath(dir, spec.name, (opts.now ?? (() => new Date()))());
        try {
          // A rename keeps the original bytes exactly; the learner (or we) can still recover from it.
          await rename(path, backup);
        } catch (e) {
          return readOnlyResult(spec.defaults(), `${what} and could not be backed up (${errText(e)}): defaults used`);
        }
        return persist(saved ?? spec.defaults(), {
          document,
          status: 'recovered',
          message: `${what}; moved to ${backup}, ${restored}`,
          backup,
        });
      }
    }
  }

  read(): T {
    return structuredClone(this.value);
  }

  write(next: T): Promise<void> {
    return this.enqueue(async () => {
      await this.commit(next);
    });
  }

  update(fn: (current: T) => T): Promise<T> {
    return this.enqueue(() => this.commit(fn(this.read())));
  }

  /**
   * Validates, writes (unless read-only), then swaps the in-memory value: a failed write changes
   * nothing and rejects with a StoreWriteError. The last good copy follows once the change is safe.
   */
  private async commit(next: T): Promise<T> {
    const doc = this.spec.schema.parse({ ...next, schemaVersion: this.spec.version });
    if (this.rejectWrites !== null) {
      throw new StoreWriteError(this.spec.name, this.location, null, {
        kind: 'read-only',
        reason: `the data folder is open read-only (${this.rejectWrites})`,
      });
    }
    if (!this.readOnly) {
      const text = serializeDocument(doc);
      try {
        await this.writeFile(this.location, text);
      } catch (e) {
        throw new StoreWriteError(this.spec.name, this.location, e);
      }
      // Best effort: the change itself is saved; a stale copy is still a good one.
      await this.writeFile(this.backupLocation, text).catch(() => undefined);
    }
    this.value = doc;
    return this.read();
  }

  private enqueue<R>(task: () => Promise<R>): Promise<R> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

async function load<T extends VersionedDoc>(path: string, spec: DocumentSpec<T>): Promise<Loaded<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = errCode(e);
    // ENOTDIR: a file sits where the folder should be; nothing to read, the folder check reports it.
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'unreadable', reason: errText(e) };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { kind: 'corrupt', reason: `not valid JSON: ${errText(e)}` };
  }
  if (!isRecord(raw)) return { kind: 'corrupt', reason: 'not a JSON object' };
  // A file without a version predates versioning (or was made by hand): treat it as v1.
  const version = raw.schemaVersion ?? 1;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { kind: 'corrupt', reason: `bad schemaVersion ${JSON.stringify(version)}` };
  }
  if (version > spec.version) {
    // Best effort: newer versions usually only add fields, so today's schema may still read it.
    const parsed = spec.schema.safeParse(raw);
    return { kind: 'newer', version, value: parsed.success ? parsed.data : spec.defaults() };
  }
  let doc = raw;
  if (version < spec.version) {
    try {
      doc = runMigrations(raw, version, spec.version, spec.migrations);
    } catch (e) {
      return { kind: 'corrupt', reason: `migration failed: ${errText(e)}` };
    }
  }
  const parsed = spec.schema.safeParse({ ...doc, schemaVersion: spec.version });
  if (!parsed.success) return { kind: 'corrupt', reason: describeIssues(parsed.error.issues) };
  return version < spec.version
    ? { kind: 'valid', value: parsed.data, migratedFrom: version }
    : { kind: 'valid', value: parsed.data };
}

/** The last good copy of a document file. */
export function backupOf(path: string): string {
  return `${path}.bak`;
}

/** `<name>.corrupt-<timestamp>.json` (no colons: Windows), with a counter if that name is taken. */
async function backupPath(dir: string, name: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  for (let i = 0; ; i++) {
    const candidate = join(dir, `${name}.corrupt-${stamp}${i ? `-${i}` : ''}.json`);
    try {
      await access(candidate);
    } catch {
      return candidate;
    }
  }
}

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const shown = issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
  return `schema mismatch: ${shown.join('; ')}${issues.length > 3 ? ` (+${issues.length - 3} more)` : ''}`;
}

function errCode(e: unknown): string | undefined {
  return isRecord(e) && typeof e.code === 'string' ? e.code : undefined;
}

function errText(e: unknown): string {
  return errCode(e) ?? (e instanceof Error ? e.message : String(e));
}
