import { loadContent } from '../knowledge/loadContent';
import { chunkSections, chunkEmbeddingText } from '../knowledge/chunkNotes';
import { buildDomainStaticModel, hashDocuments, isDomainModelCurrent } from '../models/staticModel/index';

/** The texts the domain model learns from: exactly what the index embeds, so the two agree. */
export async function domainModelDocuments(contentDir: string): Promise<string[]> {
  const { sections } = await loadContent(contentDir);
  return chunkSections(sections).map(chunkEmbeddingText);
}

/** Builds the domain static model from the shipped notes unless an up-to-date one is there. */
export async function ensureDomainModel(opts: {
  modelsRoot: string;
  contentDir: string;
  tokenizerDir: string;
  force?: boolean;
  onProgress?: (stage: string, fraction: number) => void;
}): Promise<{ built: boolean; ms: number; dir?: string }> {
  const documents = await domainModelDocuments(opts.contentDir);
  if (!opts.force && (await isDomainModelCurrent(opts.modelsRoot, hashDocuments(documents))))
    return { built: false, ms: 0 };
  const r = await buildDomainStaticModel({
    modelsRoot: opts.modelsRoot,
    documents,
    tokenizerDir: opts.tokenizerDir,
    onProgress: opts.onProgress,
  });
  return { built: true, ms: r.ms, dir: r.dir };
}
