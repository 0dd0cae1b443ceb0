// Validation of a backup file, before anything is touched: size, JSON, format and version, no
// prototype keys, every document against the store's own schema (after its migrations), bounded
// sizes, and self-learned topics under the same rules as typed ones.
import { z } from 'zod';
import { MAX_NOTE_CHARS } from '../bookmarks/BookmarkService';
import { cleanTitle, topicSectionId } from '../learn/topics';
import { byteLength, cleanText } from '../learn/textInput';
import { DEFAULT_LIMITS, LearnError } from '../learn/types';
import { DOCUMENTS, type Documents } from '../store/documents';
import { isRecord, runMigrations } from '../store/migrations';
import { isoDateSchema } from '../store/schemas';
import { MAX_BACKUP_BYTES } from '../../shared/constants';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupError, type BackupDocs } from './types';

export const BACKUP_LIMITS = {
  /** Bytes of the whole file (checked before it is parsed). */
  fileBytes: MAX_BACKUP_BYTES,
  /** Characters of any one string. */
  stringChars: 1_000_000,
  /** Nesting depth of the JSON. */
  depth: 24,
  lessons: 10_000,
  cards: 50_000,
  bookmarks: 20_000,
  topics: 2_000,
  idChars: 500,
} as const;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const envelopeSchema = z.object({
  format: z.string(),
  version: z.number(),
  exportedAt: isoDateSchema,
  progress: z.unknown(),
  reviews: z.unknown(),
  bookmarks: z.unknown(),
  topics: z.unknown(),
});

const invalid = (message: string): BackupError => new BackupError('invalid', `The backup is not valid: ${message}.`);

/** The backup's text → its four documents, or a BackupError saying what is wrong. Pure: touches nothing. */
export function parseBackup(text: string): { docs: BackupDocs; exportedAt: string } {
  const bytes = byteLength(text);
  if (bytes > BACKUP_LIMITS.fileBytes)
    throw new BackupError('too-large', `The backup is ${mb(bytes)}; the limit is ${mb(BACKUP_LIMITS.fileBytes)}.`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BackupError('malformed', 'The file is not a Nimbus backup (it is not valid JSON).');
  }
  if (!isRecord(raw) || raw.format !== BACKUP_FORMAT)
    throw new BackupError('wrong-format', `The file is not a Nimbus backup (no "format": "${BACKUP_FORMAT}").`);
  if (raw.version !== BACKUP_VERSION) {
    throw new BackupError(
      'unsupported-version',
      `The backup has version ${JSON.stringify(raw.version)}; this version of Nimbus reads version ${BACKUP_VERSION}.`,
    );
  }
  checkShape(raw, 0, '');
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) throw invalid(describe(envelope.error.issues));
  const docs: BackupDocs = {
    progress: parseDoc('progress', envelope.data.progress),
    reviews: parseDoc('reviews', envelope.data.reviews),
    bookmarks: parseDoc('bookmarks', envelope.data.bookmarks),
    topics: parseDoc('topics', envelope.data.topics),
  };
  checkBounds(docs);
  return {
    docs: { ...docs, topics: { ...docs.topics, items: cleanTopics(docs.topics.items) } },
    exportedAt: envelope.data.exportedAt,
  };
}

/** No prototype keys, no endless nesting, no huge strings, anywhere in the file. */
function checkShape(value: unknown, depth: number, path: string): void {
  if (depth > BACKUP_LIMITS.depth) throw invalid(`it is nested too deeply at ${path || 'the top'}`);
  if (typeof value === 'string') {
    if (value.length > BACKUP_LIMITS.stringChars) throw invalid(`the text at ${path} is too long`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkShape(v, depth + 1, `${path}[${i}]`));
  } else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(k)) throw invalid(`it holds the key "${k}" at ${path || 'the top'}`);
      checkShape(v, depth + 1, path ? `${path}.${k}` : k);
    }
  }
}

function parseDoc<K extends keyof BackupDocs>(name: K, raw: unknown): Documents[K] {
  const spec = DOCUMENTS[name];
  if (!isRecord(raw)) throw invalid(`"${name}" is not an object`);
  const version = raw.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw invalid(`"${name}" has no valid schemaVersion`);
  if (version > spec.version)
    throw new BackupError(
      'unsupported-version',
      `The backup's ${name} was made by a newer version of Nimbus (schema v${version}).`,
    );
  let doc = raw;
  try {
    doc = runMigrations(raw, version, spec.version, spec.migrations);
  } catch (e) {
    throw invalid(`"${name}" cannot be upgraded (${e instanceof Error ? e.message : String(e)})`);
  }
  const parsed = spec.schema.safeParse({ ...doc, schemaVersion: spec.version });
  if (!parsed.success) throw invalid(`${name}: ${describe(parsed.error.issues)}`);
  return parsed.data as Documents[K];
}

function checkBounds(d: BackupDocs): void {
  const count = (what: string, n: number, max: number) => {
    if (n > max) throw invalid(`it holds ${n} ${what}; at most ${max} are accepted`);
  };
  count('lessons', Object.keys(d.progress.lessons).length, BACKUP_LIMITS.lessons);
  count('review cards', Object.keys(d.reviews.cards).length, BACKUP_LIMITS.cards);
  count('bookmarks', d.bookmarks.items.length, BACKUP_LIMITS.bookmarks);
  count('topics', d.topics.items.length, BACKUP_LIMITS.topics);
  const ids = [
    ...Object.keys(d.progress.lessons),
    ...Object.keys(d.reviews.cards),
    ...d.bookmarks.items.map((b) => b.id),
    ...d.topics.items.map((t) => t.id),
  ];
  const long = ids.find((id) => id.length > BACKUP_LIMITS.idChars);
  if (long !== undefined) throw invalid(`the id "${long.slice(0, 40)}…" is too long`);
  unique(
    'bookmark',
    d.bookmarks.items.map((b) => b.id),
  );
  unique(
    'topic',
    d.topics.items.map((t) => t.id),
  );
  const note = d.bookmarks.items.find((b) => b.note.length > MAX_NOTE_CHARS);
  if (note) throw invalid(`the note of bookmark ${note.id} is longer than ${MAX_NOTE_CHARS} characters`);
}

function unique(what: string, ids: string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw invalid(`the ${what} id ${id} appears twice`);
    seen.add(id);
  }
}

/** Topics pass the rules typed topics pass: title and size limits, no binary text, no executable HTML. */
function cleanTopics(items: BackupDocs['topics']['items']): BackupDocs['topics']['items'] {
  const titles = new Set<string>();
  return items.map((t) => {
    const title = cleanTitle(t.title);
    if (!title) throw invalid(`topic ${t.id} has no title`);
    if (title.length > DEFAULT_LIMITS.maxTitleChars)
      throw invalid(`the title of topic ${t.id} is longer than ${DEFAULT_LIMITS.maxTitleChars} characters`);
    if (byteLength(t.markdown) > DEFAULT_LIMITS.maxTopicBytes) throw invalid(`topic “${title}” is too large`);
    let markdown: string;
    try {
      markdown = cleanText(t.markdown).trim();
    } catch (e) {
      throw invalid(`topic “${title}”: ${e instanceof LearnError ? e.message : String(e)}`);
    }
    if (!markdown) throw invalid(`topic “${title}” has no text`);
    const key = topicSectionId(title);
    if (titles.has(key)) throw invalid(`the topic “${title}” appears twice`);
    titles.add(key);
    return { ...t, title, markdown };
  });
}

function describe(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const shown = issues.slice(0, 2).map((i) => `${i.path.map(String).join('.') || '(top)'}: ${i.message}`);
  return shown.join('; ') + (issues.length > 2 ? ` (+${issues.length - 2} more)` : '');
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
