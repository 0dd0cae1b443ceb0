/** The microphone's live level for a meter, outside React state (it changes ~20 times a second). */
import { useSyncExternalStore } from 'react';

export interface LevelStore {
  get(): number;
  set(level: number): void;
  subscribe(listener: () => void): () => void;
}

export function createLevelStore(): LevelStore {
  let level = 0;
  const listeners = new Set<() => void>();
  return {
    get: () => level,
    set(next) {
      if (next === level) return;
      level = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export function useLevel(store: LevelStore): number {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
