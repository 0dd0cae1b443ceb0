/**
 * IPC handlers: every call is checked (sender is the app's own page, payload matches the
 * contract's schema) before it reaches the services, and always answers with a Result. The
 * services run in their own process (WorkerServicesHost), so a handler only waits, never works.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { ServicesHost } from '../core/app/host/types';
import { API_CALL_NAMES, ApiCallChannel, ErrorCode, fail } from '../shared/api';

export function registerIpcHandlers(
  services: Pick<ServicesHost, 'dispatch'>,
  isAppUrl: (url: string) => boolean,
): void {
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    // Only the top frame of an app page: no iframes, no navigated-away pages.
    return frame !== null && frame.parent === null && isAppUrl(frame.url);
  };

  for (const name of API_CALL_NAMES) {
    ipcMain.handle(ApiCallChannel[name], async (event, payload: unknown) => {
      if (!trusted(event)) return fail(ErrorCode.forbiddenSender, 'This page may not talk to the tutor.');
      return services.dispatch(name, payload);
    });
  }
}
