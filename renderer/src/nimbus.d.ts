import type { NimbusApi } from '../../electron/shared/api';

declare global {
  interface Window {
    /** Exposed by electron/preload/index.ts via contextBridge; absent in web mode (see transport.ts). */
    readonly nimbus?: NimbusApi;
  }
}

export {};
