/**
 * Where a packaged app finds its read-only data: electron-builder copies content/ and models/ next to
 * app.asar (extraResources in electron-builder.yml), i.e. into process.resourcesPath. This module is
 * the one description of that layout; the main process resolves paths with it and
 * tests/packaging checks electron-builder.yml against it. Pure: no Electron import.
 */
import { isAbsolute, join, resolve } from 'node:path';

/** Paths relative to the resources folder (forward slashes, as in electron-builder.yml). */
export const RESOURCE_LAYOUT = {
  /** The cleaned notes and curriculum.json. */
  content: 'content',
  /** transformers.js models root: manifest.json, the built domain model, the vendored tokenizer. */
  models: 'models',
  /** The MiniLM WordPiece tokenizer the domain model and the lexicon use. */
  tokenizer: 'models/vendor/all-MiniLM-L6-v2',
} as const;

export interface PackagedPaths {
  contentDir: string;
  /** The models root: the shipped one, or $NIMBUS_MODELS_PATH (e.g. a folder with MiniLM installed). */
  modelsRoot: string;
  tokenizerDir: string;
}

/** Paths of a packaged app, from `process.resourcesPath`. `env` defaults to `process.env`. */
export function packagedPaths(
  resourcesPath: string,
  env: { NIMBUS_MODELS_PATH?: string } = process.env,
): PackagedPaths {
  if (!isAbsolute(resourcesPath)) throw new Error(`resourcesPath must be absolute, not "${resourcesPath}"`);
  const at = (rel: string): string => join(resourcesPath, ...rel.split('/'));
  const override = env.NIMBUS_MODELS_PATH?.trim();
  return {
    contentDir: at(RESOURCE_LAYOUT.content),
    modelsRoot: override ? resolve(override) : at(RESOURCE_LAYOUT.models),
    // Always the shipped tokenizer, even with a models override: it is part of the app, not a model.
    tokenizerDir: at(RESOURCE_LAYOUT.tokenizer),
  };
}
