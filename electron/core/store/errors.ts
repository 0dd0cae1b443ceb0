import { describeWriteFailure, type WriteFailureKind } from '../util/fsErrors';

/**
 * A learner document could not be saved (disk full, folder made read-only while running, …) or the
 * store refuses writes (opened read-only with `readOnlyWrites: 'reject'`). Nothing was changed: the
 * file and the in-memory document both still hold the last saved state.
 */
export class StoreWriteError extends Error {
  override name = 'StoreWriteError';
  readonly code: WriteFailureKind;

  constructor(
    readonly document: string,
    readonly path: string,
    cause: unknown,
    known?: { kind: WriteFailureKind; reason: string },
  ) {
    const { kind, reason } = known ?? describeWriteFailure(cause);
    super(
      `Your ${document} could not be saved to ${path}: ${reason}. Nothing was changed; ` +
        (kind === 'disk-full' ? 'free some disk space and try again.' : 'check the data folder and try again.'),
      { cause },
    );
    this.code = kind;
  }
}
