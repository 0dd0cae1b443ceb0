import { defaultContentDir, vendoredTokenizerDir } from '../../electron/core/paths';
import { startWebApp, type WebApp, type WebAppOptions, type WebServer } from '../../electron/web/server';
import { tempDir } from './engine';

/**
 * The real web app (`npm run web`) on a free port: it listens, then opens the real services in their
 * worker process over a temp data folder, with the domain embedder built into a temp models folder.
 * Resolves once the engine is open, unless `waitForEngine` is false.
 */
export async function startTestWeb(
  prefix: string,
  o: Partial<WebAppOptions> & { waitForEngine?: boolean } = {},
): Promise<{ web: WebServer; app: WebApp; cleanup: () => Promise<void> }> {
  const data = tempDir(`${prefix}-data`);
  const models = tempDir(`${prefix}-models`);
  const { waitForEngine = true, ...options } = o;
  const app = await startWebApp({
    contentDir: defaultContentDir(),
    tokenizerDir: vendoredTokenizerDir(),
    dataDir: data.path,
    modelsRoot: models.path,
    embedder: 'static',
    port: 0,
    ...options,
  });
  if (waitForEngine) {
    const opened = await app.opened;
    if (!opened.ok) throw new Error(`The engine did not open: ${opened.error.message}`);
  }
  return {
    web: app.web,
    app,
    cleanup: async () => {
      await app.close();
      data.cleanup();
      models.cleanup();
    },
  };
}
