/**
 * Dependency-free constants of the contract (api.ts re-exports them). The sandboxed preload and the
 * renderer import these directly, so they can bundle them without pulling in zod.
 */

/** IPC channel names. */
export const IpcChannel = {
  ask: 'nimbus:ask',
  info: 'nimbus:info',
  progress: 'nimbus:progress',
} as const;

export type IpcChannelName = (typeof IpcChannel)[keyof typeof IpcChannel];

// The engine's own question limit (a module with no imports), so the composer and engine agree.
export { MAX_QUESTION_CHARS } from '../core/engine/validateQuestion';
