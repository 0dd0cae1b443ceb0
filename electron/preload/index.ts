/**
 * Sandboxed preload (built as one CommonJS file): exposes exactly the contract's NimbusApi as
 * `window.nimbus`. No Electron object (ipcRenderer, events) ever reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// Type-only import of the contract keeps zod out of the preload bundle.
import type { ProgressEvent } from '../shared/api';
import { apiOver } from '../shared/apiOver';
import { ApiCallChannel, IpcChannel } from '../shared/constants';

const api = apiOver(
  (name, request) => ipcRenderer.invoke(ApiCallChannel[name], request),
  (listener: (event: ProgressEvent) => void): (() => void) => {
    // Wrap so the page's callback never sees the IpcRendererEvent (it exposes `sender`).
    const handler = (_event: IpcRendererEvent, progress: ProgressEvent): void => listener(progress);
    ipcRenderer.on(IpcChannel.progress, handler);
    return () => {
      ipcRenderer.removeListener(IpcChannel.progress, handler);
    };
  },
);

contextBridge.exposeInMainWorld('nimbus', api);
