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

export const ModelRoleSchema = z.enum(['embedder', 'speech-to-text', 'reranker', 'text-to-speech']);

export const ModelEntrySchema = z
  .object({
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
    /** Built locally by the app (not downloaded); the installer only reports these. */
    built: z.boolean().default(false),
    files: z.array(ModelFileSchema).default([]),
    optionalFiles: z.array(ModelFileSchema).default([]),
  })
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
export type ModelRole = z.output<typeof ModelRoleSchema>;
export type ModelEntry = z.output<typeof ModelEntrySchema>;
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

/** Files to install for an entry: required ones, plus the optional ones when asked. */
export function filesFor(entry: ModelEntry, includeOptional = false): ModelFile[] {
  return includeOptional ? [...entry.files, ...entry.optionalFiles] : [...entry.files];
}

/** `<dest>/<owner>/<name>`: the transformers.js local-model layout (env.localModelPath = dest). */
export function modelDir(dest: string, id: string): string {
  return join(dest, ...id.split('/'));
}

export function findModel(manifest: Manifest, id: string): ModelEntry | undefined {
  return manifest.models.find((m) => m.id === id);
}
