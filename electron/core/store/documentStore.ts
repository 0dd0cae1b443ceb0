// One JSON document per concern (settings, progress, reviews, bookmarks, topics), each in its own
// file, so a corrupt file costs only that concern and the rest still loads.

export interface DocumentStore<T> {
  /** Where it lives (for messages); "memory:<name>" for in-memory stores. */
  readonly location: string;
  /** The current document (a fresh copy of the default when the file did not exist). */
  read(): T;
  /** Replaces the document; written atomically before the promise resolves. */
  write(next: T): Promise<void>;
  /** Read-modify-write under the store's own queue, so concurrent updates never lose each other. */
  update(fn: (current: T) => T): Promise<T>;
}

/** In-memory store for tests and for read-only fallbacks. */
export class MemoryDocumentStore<T> implements DocumentStore<T> {
  private value: T;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    initial: T,
    readonly location = 'memory:document',
  ) {
    this.value = structuredClone(initial);
  }

  read(): T {
    return structuredClone(this.value);
  }

  async write(next: T): Promise<void> {
    this.value = structuredClone(next);
  }

  update(fn: (current: T) => T): Promise<T> {
    const run = this.queue.then(() => {
      this.value = structuredClone(fn(this.read()));
      return this.read();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
