/**
 * IPC handlers: every call is checked (sender is the app's own page, payload matches the
 * contract's schema) before it reaches the services, and always answers with a Result. The
 * services run in their own process (WorkerServicesHost), so a handler only waits, never works.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { ServicesHost } from '../core/app/host/types';
import { isTrustedSender } from './contentsGuard';
import { API_CALL_NAMES, ApiCallChannel, ErrorCode, fail } from '../shared/api';

export function registerIpcHandlers(
  services: Pick<ServicesHost, 'dispatch'>,
  isAppUrl: (url: string) => boolean,
): void {
  const trusted = (event: IpcMainInvokeEvent): boolean => isTrustedSender(event.senderFrame, isAppUrl);

  for (const name of API_CALL_NAMES) {
    ipcMain.handle(ApiCallChannel[name], async (event, payload: unknown) => {
      if (!trusted(event)) return fail(ErrorCode.forbiddenSender, 'This page may not talk to the tutor.');
      return services.dispatch(name, payload);
    });
  }
}
