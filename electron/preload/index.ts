/**
 * Sandboxed preload (built as one CommonJS file): exposes exactly the contract's NimbusApi as
 * `window.nimbus`. No Electron object (ipcRenderer, events) ever reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// Type-only import of the contract keeps zod out of the preload bundle.
import type { AskResponse, EngineInfoDto, NimbusApi, ProgressEvent, Result } from '../shared/api';
import { IpcChannel } from '../shared/constants';

const api: NimbusApi = {
  ask: (question: string): Promise<Result<AskResponse>> => ipcRenderer.invoke(IpcChannel.ask, question),
  info: (): Promise<Result<EngineInfoDto>> => ipcRenderer.invoke(IpcChannel.info),
  onProgress(listener: (event: ProgressEvent) => void): () => void {
    // Wrap so the page's callback never sees the IpcRendererEvent (it exposes `sender`).
    const handler = (_event: IpcRendererEvent, progress: ProgressEvent): void => listener(progress);
    ipcRenderer.on(IpcChannel.progress, handler);
    return () => {
      ipcRenderer.removeListener(IpcChannel.progress, handler);
    };
  },
};

contextBridge.exposeInMainWorld('nimbus', api);
