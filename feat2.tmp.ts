import { KnowledgeEngine } from './electron/core/engine/KnowledgeEngine';
import { vendoredTokenizerDir, defaultContentDir } from './electron/core/paths';
const e = await KnowledgeEngine.open({
  contentDir: defaultContentDir(),
  dataDir: '/tmp/nimbus-data',
  modelsRoot: '/tmp/nimbus-models',
  tokenizerDir: vendoredTokenizerDir(),
});
for (const q of process.argv.slice(2)) {
  const r = await e.ask(q);
  console.log(r.abstained, JSON.stringify(r.abstention));
}
