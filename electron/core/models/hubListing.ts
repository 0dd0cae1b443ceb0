/**
 * Sizes and hashes of a hub-attested model, from the Hugging Face API instead of the manifest:
 * the revision is resolved to a commit, and the commit's file listing gives each file's size and
 * either its LFS sha256 or (small files) its git blob sha1. The files are then downloaded from
 * that same commit, so the listing and the bytes cannot disagree because `main` moved meanwhile.
 */
import { dirname } from 'node:path/posix';
import { z } from 'zod';
import type { HubAttestedModelEntry } from './manifest';
import type { ExpectedFile } from './digest';
import type { RetryOptions } from './download';
import { ModelInstallError, abortedError, describeNetworkError, isAbortError, sleep } from './errors';

const RevisionSchema = z.object({ sha: z.string().regex(/^[0-9a-f]{40}$/, 'must be a 40-digit commit sha') });

const TreeEntrySchema = z.object({
  type: z.string(),
  path: z.string(),
  size: z.number().int().nonnegative().optional(),
  oid: z.string().optional(),
  lfs: z.object({ oid: z.string(), size: z.number().int().nonnegative() }).optional(),
});
const TreeSchema = z.array(TreeEntrySchema);

const SHA256 = /^[0-9a-f]{64}$/;
const SHA1 = /^[0-9a-f]{40}$/;
/** Tree pages followed at most (the hub pages long listings; a model repo fits in one or two). */
const MAX_PAGES = 20;

export interface HubListing {
  commit: string;
  /** Files the listing gives a usable size and digest for, by path. */
  files: Map<string, ExpectedFile>;
}

export interface HubPlan {
  commit: string;
  files: ExpectedFile[];
  /** Optional files asked for that the listing does not have. */
  skippedOptional: string[];
}

export interface ListingOptions {
  baseUrl: string;
  fetchImpl?: typeof fetch;
  signal?: AbortSignal;
  retry?: RetryOptions;
}

const enc = (s: string): string => s.split('/').map(encodeURIComponent).join('/');

/** Retried like downloads (network errors, 5xx, 429); 401/403/404 mean "not there" (unavailable). */
async function getJson(url: string, o: ListingOptions): Promise<{ json: unknown; next?: string }> {
  const fetchImpl = o.fetchImpl ?? globalThis.fetch;
  const attempts = o.retry?.attempts ?? 5;
  const baseDelay = o.retry?.baseDelayMs ?? 500;
  const maxDelay = o.retry?.maxDelayMs ?? 8000;
  for (let attempt = 1; ; attempt++) {
    let why: string;
    try {
      const res = await fetchImpl(url, { headers: { Accept: 'application/json' }, redirect: 'follow', signal: o.signal });
      if ([401, 403, 404, 410].includes(res.status)) {
        await res.body?.cancel().catch(() => undefined);
        throw new ModelInstallError('unavailable', `not found on the hub (HTTP ${res.status} for ${url})`);
      }
      if (res.ok) {
        const text = await res.text();
        try {
          return { json: JSON.parse(text), next: nextLink(res.headers.get('link'), url) };
        } catch {
          throw new ModelInstallError('network', `the hub sent a listing that is not JSON (${url})`);
        }
      }
      await res.body?.cancel().catch(() => undefined);
      if (res.status !== 429 && res.status < 500) throw new ModelInstallError('network', `unexpected HTTP ${res.status} for ${url}`);
      why = `HTTP ${res.status} from ${url}`;
    } catch (err) {
      if (err instanceof ModelInstallError) throw err;
      if (isAbortError(err, o.signal)) throw abortedError();
      why = `network error fetching ${url}: ${describeNetworkError(err)}`;
    }
    if (attempt >= attempts) throw new ModelInstallError('network', `${why} (gave up after ${attempt} attempts)`);
    await sleep(Math.min(maxDelay, baseDelay * 2 ** (attempt - 1)), o.signal);
  }
}

/** `Link: <url>; rel="next"` (the hub's tree pagination), resolved against the request URL. */
function nextLink(header: string | null, base: string): string | undefined {
  const m = header ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(header) : null;
  return m ? new URL(m[1], base).toString() : undefined;
}

function parse<T>(schema: z.ZodType<T>, json: unknown, url: string): T {
  const r = schema.safeParse(json);
  if (!r.success) throw new ModelInstallError('network', `unexpected answer from ${url}: ${r.error.issues[0]?.message ?? 'invalid'}`);
  return r.data;
}

/** One listing page chain (`/tree/{commit}[/dir]`), into `into`. */
async function readTree(url: string, o: ListingOptions, into: Map<string, ExpectedFile>): Promise<void> {
  let next: string | undefined = url;
  for (let page = 0; next && page < MAX_PAGES; page++) {
    const got = await getJson(next, o);
    for (const e of parse(TreeSchema, got.json, next)) {
      if (e.type !== 'file') continue;
      // LFS: the pointer's sha256 is the file's. Otherwise the oid is the git blob id.
      if (e.lfs && SHA256.test(e.lfs.oid)) into.set(e.path, { path: e.path, size: e.lfs.size, sha256: e.lfs.oid });
      else if (!e.lfs && e.oid && SHA1.test(e.oid) && e.size !== undefined) into.set(e.path, { path: e.path, size: e.size, gitSha1: e.oid });
    }
    next = got.next;
  }
}

/**
 * The commit `revision` points at, and that commit's files. The listing is asked for recursively;
 * a folder that holds wanted files but shows none of them (a mirror that ignores `recursive`) is
 * then listed on its own.
 */
export async function fetchHubListing(id: string, revision: string, wanted: string[], o: ListingOptions): Promise<HubListing> {
  const api = `${o.baseUrl.replace(/\/+$/, '')}/api/models/${enc(id)}`;
  const revUrl = `${api}/revision/${encodeURIComponent(revision)}`;
  let commit: string;
  try {
    commit = parse(RevisionSchema, (await getJson(revUrl, o)).json, revUrl).sha;
  } catch (err) {
    if (err instanceof ModelInstallError && err.kind === 'unavailable') {
      throw new ModelInstallError('unavailable', `revision ${revision} of ${id} ${err.message}`);
    }
    throw err;
  }
  const files = new Map<string, ExpectedFile>();
  try {
    await readTree(`${api}/tree/${commit}?recursive=true`, o, files);
  } catch (err) {
    if (err instanceof ModelInstallError && err.kind === 'unavailable') {
      throw new ModelInstallError('unavailable', `the file listing of ${id} at commit ${commit} is ${err.message}`);
    }
    throw err;
  }
  const folders = new Set(wanted.map((p) => dirname(p)).filter((d) => d !== '.'));
  for (const dir of folders) {
    if (wanted.some((p) => dirname(p) === dir && files.has(p))) continue;
    try {
      await readTree(`${api}/tree/${commit}/${enc(dir)}`, o, files);
    } catch (err) {
      // No such folder at this commit: its files are simply missing from the listing.
      if (!(err instanceof ModelInstallError && err.kind === 'unavailable')) throw err;
    }
  }
  return { commit, files };
}

/** What to download for an entry, checked against the listing; a missing required file is 'unavailable'. */
export async function planFromHub(entry: HubAttestedModelEntry, includeOptional: boolean, o: ListingOptions): Promise<HubPlan> {
  const required = entry.files.map((f) => f.path);
  const optional = includeOptional ? entry.optionalFiles.map((f) => f.path) : [];
  const listing = await fetchHubListing(entry.id, entry.revision, [...required, ...optional], o);
  const missing = required.filter((p) => !listing.files.has(p));
  if (missing.length > 0) {
    throw new ModelInstallError(
      'unavailable',
      `the hub listing of ${entry.id} at commit ${listing.commit.slice(0, 12)} (revision ${entry.revision}) has no size and hash for required ${missing.join(', ')}`,
    );
  }
  const skippedOptional = optional.filter((p) => !listing.files.has(p));
  const files = [...required, ...optional].flatMap((p) => listing.files.get(p) ?? []);
  return { commit: listing.commit, files, skippedOptional };
}
