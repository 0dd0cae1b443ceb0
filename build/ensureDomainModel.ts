/**
 * `npm run dist` step: makes sure models/ holds the domain embedder built from exactly the notes
 * in content/, since the package ships that folder read-only (the app must not need to rebuild
 * it). Unlike `npm run models`, it builds the model even when MiniLM is installed: MiniLM's
 * weights are not shipped, so the packaged app falls back to this model.
 */
import { join } from 'node:path';
import { ensureDomainModel } from '../electron/core/engine/domainModel';
import { DOMAIN_MODEL_ID } from '../electron/core/models/staticModel/index';
import { appRoot, defaultContentDir, vendoredTokenizerDir } from '../electron/core/paths';

const modelsRoot = join(appRoot(), 'models'); // what electron-builder.yml ships, whatever NIMBUS_MODELS_PATH says
const r = await ensureDomainModel({
  modelsRoot,
  contentDir: defaultContentDir(),
  tokenizerDir: vendoredTokenizerDir(),
});
console.log(
  r.built
    ? `${DOMAIN_MODEL_ID}: built in ${Math.round(r.ms)} ms into ${r.dir}`
    : `${DOMAIN_MODEL_ID}: up to date in ${modelsRoot}`,
);
