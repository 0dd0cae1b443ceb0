// Deterministic randomness: the same lesson (and seed) must always yield the same questions and
// the same option order, so ids, progress and review cards survive restarts. Never Math.random.

import { shortHash } from '../../knowledge/ids';
import { mulberry32 } from '../../util/prng';

/** mulberry32 seeded from a hash of `seed`: small, fast and good enough for shuffling options. */
export function seededRandom(seed: string): () => number {
  return mulberry32(Number.parseInt(shortHash(seed).slice(0, 8), 16));
}

/** Fisher–Yates with the given generator; the input is left untouched. */
export function shuffled<T>(items: readonly T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A shuffle guaranteed to differ from the input order (an "order" question must not come pre-solved). */
export function shuffledUnlike<T>(items: readonly T[], rand: () => number): T[] {
  const out = shuffled(items, rand);
  if (items.length > 1 && out.every((x, i) => x === items[i])) out.push(out.shift() as T);
  return out;
}

/** Picks one of the first `top` items (already ranked best first), so seeds vary the choice a little. */
export function pickTop<T>(ranked: readonly T[], rand: () => number, top = 3): T | undefined {
  if (ranked.length === 0) return undefined;
  return ranked[Math.floor(rand() * Math.min(top, ranked.length))];
}
