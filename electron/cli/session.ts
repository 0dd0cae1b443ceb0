import { openCoreSession, type CoreSession } from '../core/app/services';
import { vendoredTokenizerDir } from '../core/paths';
import { progressReporter, reportEngineNotice, resolvedPaths, type GlobalOptions } from './common';

export type LearnerSession = CoreSession;

/**
 * Everything a learner command needs, over one data folder: the same assembly as the app's
 * (core/app/services.ts), with store problems and progress reported on stderr.
 */
export async function openLearnerSession(g: GlobalOptions): Promise<LearnerSession> {
  const progress = process.stderr.isTTY ? progressReporter() : null;
  let session: LearnerSession;
  try {
    session = await openCoreSession({
      ...resolvedPaths(g),
      tokenizerDir: vendoredTokenizerDir(),
      embedder: g.embedder,
      onProgress: progress?.update,
      onStoreReport: (r) =>
        process.stderr.write(
          `nimbus: ${r.document}: ${r.status}${r.message ? ` (${r.message})` : ''}${r.backup ? `; backup at ${r.backup}` : ''}\n`,
        ),
    });
  } finally {
    progress?.stop();
  }
  reportEngineNotice(session.engine);
  return session;
}
