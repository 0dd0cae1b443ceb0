import type { NimbusApi } from '../../electron/shared/api';

declare global {
  interface Window {
    /** Exposed by electron/preload/index.ts via contextBridge. */
    readonly nimbus: NimbusApi;
  }
}

export {};
