import { KnowledgeEngine } from '../core/engine/KnowledgeEngine';
import { openUserData, type UserData } from '../core/store/userData';
import { LearnService, currentContent } from '../core/learn/LearnService';
import { sectionsOf } from '../core/learn/topics';
import { BookmarkService } from '../core/bookmarks/BookmarkService';
import { TutorService } from '../core/tutor/TutorService';
import { vendoredTokenizerDir } from '../core/paths';
import { progressReporter, resolvedPaths, type GlobalOptions } from './common';

export interface LearnerSession {
  engine: KnowledgeEngine;
  data: UserData;
  tutor: TutorService;
  learn: LearnService;
  bookmarks: BookmarkService;
}

/**
 * Everything a learner command needs, over one data folder: their stores (problems reported on
 * stderr, never fatal), the engine with their self-learned topics indexed, and the services.
 */
export async function openLearnerSession(g: GlobalOptions): Promise<LearnerSession> {
  const paths = resolvedPaths(g);
  const data = await openUserData(paths.dataDir);
  for (const r of data.reports) {
    if (r.status !== 'ok' && r.status !== 'created') {
      process.stderr.write(
        `nimbus: ${r.document}: ${r.status}${r.message ? ` (${r.message})` : ''}${r.backup ? `; backup at ${r.backup}` : ''}\n`,
      );
    }
  }
  const progress = process.stderr.isTTY ? progressReporter() : null;
  let engine: KnowledgeEngine;
  try {
    engine = await KnowledgeEngine.open({
      ...paths,
      tokenizerDir: vendoredTokenizerDir(),
      embedder: g.embedder,
      extraSections: sectionsOf(data.topics.read().items),
      onProgress: progress?.update,
    });
  } finally {
    progress?.stop();
  }
  const learn = new LearnService(data.topics, engine);
  const bookmarks = new BookmarkService(data.bookmarks, () => currentContent(engine, learn));
  const tutor = new TutorService(
    engine,
    data,
    undefined,
    (q, hints) => learn.offerForOutOfScope(q, hints)?.title ?? null,
  );
  return { engine, data, tutor, learn, bookmarks };
}
