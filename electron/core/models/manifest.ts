import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

// A manifest path is joined onto install folders and hub URLs, so anything that could escape
// the model folder (absolute paths, "..", backslashes, empty segments) is rejected up front.
const safeRelPath = z
  .string()
  .min(1)
  .refine(
    (p) => !p.startsWith('/') && !p.includes('\\') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..'),
    { message: 'must be a relative path without "..", "." or empty segments' },
  );

export const ModelFileSchema = z.object({
  path: safeRelPath,
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
});

/** A file of a hub-attested model: only its path. Strict, so a stray size or hash is caught, not ignored. */
export const ModelFileRefSchema = z.strictObject(
  { path: safeRelPath },
  {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? 'a hub-attested file lists only its path (size and hash come from the hub listing at install time)'
        : undefined,
  },
);

export const ModelRoleSchema = z.enum(['embedder', 'speech-to-text', 'reranker', 'text-to-speech']);

const entryBase = {
  id: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'must look like "owner/name"'),
  role: ModelRoleSchema,
  task: z.string().min(1),
  dims: z.number().int().positive().optional(),
  /** SPDX id; required for downloaded models, a built model carries the project's own. */
  license: z.string().min(1).optional(),
  description: z.string().optional(),
  /** Where the listed sizes/hashes come from; informational only. */
  source: z.string().optional(),
  /** Hub revision (commit sha or branch) the hashes belong to. */
  revision: z.string().min(1).default('main'),
};

/** The usual entry: every file's size and sha256 are in the manifest (the default, `hashes` may be left out). */
const PinnedEntrySchema = z.object({
  ...entryBase,
  hashes: z.literal('pinned').default('pinned'),
  /** Built locally by the app (not downloaded); the installer only reports these. */
  built: z.boolean().default(false),
  files: z.array(ModelFileSchema).default([]),
  optionalFiles: z.array(ModelFileSchema).default([]),
});

/**
 * Sizes and hashes not known offline: the installer takes them from the hub's file listing at a
 * resolved commit (LFS sha256, git blob sha1), so such a model installs only from the hub.
 */
const HubAttestedEntrySchema = z.object({
  ...entryBase,
  hashes: z.literal('hub-attested'),
  built: z.literal(false).default(false),
  files: z.array(ModelFileRefSchema).default([]),
  optionalFiles: z.array(ModelFileRefSchema).default([]),
});

export const ModelEntrySchema = z
  .discriminatedUnion('hashes', [PinnedEntrySchema, HubAttestedEntrySchema])
  .superRefine((m, ctx) => {
    if (m.built && (m.files.length > 0 || m.optionalFiles.length > 0)) {
      ctx.addIssue({ code: 'custom', message: `${m.id}: a built model lists no files` });
    }
    if (!m.built && m.files.length === 0) {
      ctx.addIssue({ code: 'custom', message: `${m.id}: a downloadable model needs at least one file` });
    }
    if (!m.built && !m.license) {
      ctx.addIssue({ code: 'custom', message: `${m.id}: a downloadable model needs a license` });
    }
    const seen = new Set<string>();
    for (const f of [...m.files, ...m.optionalFiles]) {
      if (seen.has(f.path)) ctx.addIssue({ code: 'custom', message: `${m.id}: duplicate file ${f.path}` });
      seen.add(f.path);
    }
  });

export const ManifestSchema = z
  .object({
    version: z.literal(1),
    models: z.array(ModelEntrySchema),
  })
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    for (const e of m.models) {
      if (seen.has(e.id)) ctx.addIssue({ code: 'custom', message: `duplicate model id ${e.id}` });
      seen.add(e.id);
    }
  });

export type ModelFile = z.output<typeof ModelFileSchema>;
export type ModelFileRef = z.output<typeof ModelFileRefSchema>;
export type ModelRole = z.output<typeof ModelRoleSchema>;
export type ModelEntry = z.output<typeof ModelEntrySchema>;
export type PinnedModelEntry = Extract<ModelEntry, { hashes: 'pinned' }>;
export type HubAttestedModelEntry = Extract<ModelEntry, { hashes: 'hub-attested' }>;
export type Manifest = z.output<typeof ManifestSchema>;
/** Input shape (defaults optional), handy for building manifests in code and tests. */
export type ManifestInput = z.input<typeof ManifestSchema>;

export class ManifestError extends Error {
  override name = 'ManifestError';
}

export function parseManifest(data: unknown, origin = 'manifest'): Manifest {
  const res = ManifestSchema.safeParse(data);
  if (!res.success) {
    const issues = res.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new ManifestError(`Invalid model manifest (${origin}):\n${issues}`);
  }
  return res.data;
}

export async function loadManifest(path: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ManifestError(`Cannot read model manifest ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ManifestError(`Model manifest ${path} is not valid JSON: ${(err as Error).message}`);
  }
  return parseManifest(json, path);
}

/** Files to install for a pinned entry: required ones, plus the optional ones when asked. */
export function filesFor(entry: PinnedModelEntry, includeOptional = false): ModelFile[] {
  return includeOptional ? [...entry.files, ...entry.optionalFiles] : [...entry.files];
}

/** Paths of an entry's files (either kind), required first. */
export function filePaths(entry: ModelEntry, includeOptional = false): string[] {
  const files: readonly (ModelFile | ModelFileRef)[] = includeOptional ? [...entry.files, ...entry.optionalFiles] : entry.files;
  return files.map((f) => f.path);
}

/** Download size of the required files, or null when only the hub listing will tell (hub-attested). */
export function pinnedSizeBytes(entry: ModelEntry): number | null {
  if (entry.hashes === 'hub-attested') return null;
  return entry.files.reduce((n, f) => n + f.size, 0);
}

/** `<dest>/<owner>/<name>`: the transformers.js local-model layout (env.localModelPath = dest). */
export function modelDir(dest: string, id: string): string {
  return join(dest, ...id.split('/'));
}

export function findModel(manifest: Manifest, id: string): ModelEntry | undefined {
  return manifest.models.find((m) => m.id === id);
}
