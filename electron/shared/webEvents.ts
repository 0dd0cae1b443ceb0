/**
 * Web mode's push channel (zod-free: the renderer bundles it). `POST /api/events`, with the same
 * token and Origin checks as every API call, answers a never-ending NDJSON stream: one
 * ProgressEvent per line (the latest one first, on connect), blank lines as keep-alives.
 */
import type { ProgressEvent } from './api';

export const EVENTS_PATH = '/api/events';
export const EVENTS_CONTENT_TYPE = 'application/x-ndjson; charset=utf-8';

/** One line of the stream → its event; null for keep-alives and anything malformed. */
export function parseProgressLine(line: string): ProgressEvent | null {
  if (!line.trim()) return null;
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const { stage, done, total } = v as Record<string, unknown>;
  if (typeof stage !== 'string' || typeof done !== 'number' || typeof total !== 'number') return null;
  return { stage, done, total };
}
