// Child process of killLoop.test.ts: opens the real learner stores (and, with "engine", the real
// knowledge engine over a copied index), then writes progress, bookmarks and self-learned topics in
// a loop, printing "ack <kind> <n> <id>" after each write is acknowledged (awaited). The parent
// SIGKILLs it at a random moment and checks that everything acknowledged survived.
//
//   node --import tsx tests/faults/killChild.ts '{"dataDir":…,"start":N,"engine":{…}|null}'
import { BookmarkService } from '../../electron/core/bookmarks/BookmarkService';
import type { ContentView } from '../../electron/core/bookmarks/types';
import { sectionId } from '../../electron/core/knowledge/ids';
import type { Section } from '../../electron/core/knowledge/types';
import { LearnService, type TopicIndex } from '../../electron/core/learn/LearnService';
import { sectionsOf } from '../../electron/core/learn/topics';
import { openUserData } from '../../electron/core/store/userData';
import { recordVerdict } from '../../electron/core/tutor/progress';
import { lessonIdOf, topicTitleOf, topicWordOf, type KillChildConfig } from './killNames';

const bookmarkSectionOf = (n: number): Section => {
  const headingPath = ['Kill loop', `Section ${n}`];
  return {
    id: sectionId('phase1', headingPath),
    phaseId: 'phase1',
    headingPath,
    body: `Body of section ${n}.`,
    source: 'notes',
  };
};

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function main(cfg: KillChildConfig): Promise<void> {
  const data = await openUserData(cfg.dataDir);
  if (data.readOnly) throw new Error(`data folder opened read-only: ${JSON.stringify(data.reports)}`);
  // Imported only when asked for: onnxruntime and hnswlib would slow every store-only run.
  const engine = cfg.engine
    ? await (
        await import('../../electron/core/engine/KnowledgeEngine')
      ).KnowledgeEngine.open({
        ...cfg.engine,
        dataDir: cfg.dataDir,
        embedder: 'static',
        extraSections: sectionsOf(data.topics.read().items),
      })
    : null;
  const noIndex: TopicIndex = { addSections: async () => [], removeSections: async () => 0 };
  const learn = new LearnService(data.topics, engine ?? noIndex);
  const sections: Section[] = [];
  const content = (): ContentView => ({ sections, chunks: [] });
  const bookmarks = new BookmarkService(data.bookmarks, content);
  say('ready');
  for (let n = cfg.start; ; n++) {
    const now = new Date().toISOString();
    switch (n % 3) {
      case 0: {
        const verdict = {
          questionId: `q-${n}`,
          result: 'correct' as const,
          score: 1,
          expected: 'x',
          feedback: 'ok',
          ref: { sectionId: 's', headingPath: [] },
        };
        await data.progress.update((doc) => recordVerdict(doc, lessonIdOf(n), verdict, now));
        say(`ack progress ${n} ${lessonIdOf(n)}`);
        break;
      }
      case 1: {
        sections.push(bookmarkSectionOf(n));
        const b = await bookmarks.addSection(bookmarkSectionOf(n).id, `note ${n}`);
        say(`ack bookmark ${n} ${b.id}`);
        break;
      }
      default: {
        const t = await learn.add({
          title: topicTitleOf(n),
          markdown: `The ${topicWordOf(n)} service keeps quorbs for topic ${n}.`,
        });
        say(`ack topic ${n} ${t.id}`);
      }
    }
  }
}

main(JSON.parse(process.argv[2] ?? '{}') as KillChildConfig).catch((e: unknown) => {
  process.stderr.write(`killChild: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
