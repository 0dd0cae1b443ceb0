import { openEngine, type GlobalOptions } from './common';

export async function runIndex(g: GlobalOptions, rebuild: boolean): Promise<number> {
  const engine = await openEngine(g, { rebuild });
  const info = engine.info();
  if (g.json) {
    process.stdout.write(JSON.stringify(info) + '\n');
    return 0;
  }
  const how = info.index.origin === 'loaded' ? 'loaded from disk' : `built (${info.index.rebuildReason})`;
  const notes = info.corpus.origin === 'loaded' ? 'loaded from their snapshot' : `read (${info.corpus.rebuildReason})`;
  process.stdout.write(
    [
      `Index ${how} in ${info.index.ms.toFixed(0)} ms: ${info.chunks} chunks from ${info.sections} sections.`,
      `Notes ${notes} in ${info.corpus.ms.toFixed(0)} ms.`,
      `Embedder: ${info.embedder.modelId} (${info.embedder.kind}, ${info.embedder.dims} dims)`,
      info.embedder.notice ? `Note: ${info.embedder.notice}` : '',
    ]
      .filter(Boolean)
      .join('\n') + '\n',
  );
  return 0;
}
