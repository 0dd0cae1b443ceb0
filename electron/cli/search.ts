import { sectionLabel } from '../core/answer/composeAnswer';
import type { SearchMode } from '../core/engine/KnowledgeEngine';
import { validateQuestion } from '../core/engine/validateQuestion';
import { CliError, openEngine, type GlobalOptions } from './common';

export async function runSearch(
  g: GlobalOptions,
  query: string,
  opts: { mode?: string; k?: string; rerank?: boolean },
): Promise<number> {
  const q = validateQuestion(query);
  const mode = (opts.mode ?? 'hybrid') as SearchMode;
  if (!['hybrid', 'dense', 'lexical'].includes(mode)) throw new CliError('--mode must be hybrid, dense or lexical', 2);
  const k = opts.k ? Number(opts.k) : 10;
  if (!Number.isInteger(k) || k < 1 || k > 100) throw new CliError('--k must be a whole number from 1 to 100', 2);
  const engine = await openEngine(g);
  const t0 = performance.now();
  const hits = await engine.search(q, { k, mode, rerank: opts.rerank });
  const ms = performance.now() - t0;
  if (g.json) {
    const rows = hits.map((h) => ({
      chunkId: h.chunk.id,
      headingPath: h.chunk.headingPath,
      score: h.score,
      denseRank: h.denseRank,
      lexicalRank: h.lexicalRank,
    }));
    process.stdout.write(JSON.stringify({ query: q, mode, rerank: opts.rerank ?? false, ms, hits: rows }) + '\n');
    return 0;
  }
  hits.forEach((h, i) => {
    const ranks = `dense #${h.denseRank ?? '-'} · lexical #${h.lexicalRank ?? '-'}`;
    const preview = h.chunk.text.replace(/\s+/g, ' ').slice(0, 110);
    process.stdout.write(
      `${String(i + 1).padStart(2)}. ${h.score.toFixed(4)}  ${sectionLabel(h.chunk.headingPath)}  [${ranks}]\n     ${preview}…\n`,
    );
  });
  process.stdout.write(`(${mode}${opts.rerank ? ' + rerank' : ''}, ${hits.length} hits, ${ms.toFixed(1)} ms)\n`);
  return 0;
}
