import { NimbusServices } from '../../electron/core/app/services';
import { defaultContentDir, vendoredTokenizerDir } from '../../electron/core/paths';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { tempDir } from './engine';

/**
 * The real web server on a free port over real services: a temp data folder and the domain
 * embedder built into a temp models folder.
 */
export async function startTestWeb(prefix: string): Promise<{ web: WebServer; cleanup: () => Promise<void> }> {
  const data = tempDir(`${prefix}-data`);
  const models = tempDir(`${prefix}-models`);
  const services = await NimbusServices.open({
    contentDir: defaultContentDir(),
    tokenizerDir: vendoredTokenizerDir(),
    dataDir: data.path,
    modelsRoot: models.path,
    embedder: 'static',
  });
  const web = await startWebServer({ services, port: 0 });
  return {
    web,
    cleanup: async () => {
      await web.close();
      data.cleanup();
      models.cleanup();
    },
  };
}
