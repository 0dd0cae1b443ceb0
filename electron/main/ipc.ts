/**
 * IPC handlers: every call is checked (sender is the app's own page, payload matches the
 * contract's schema) before it reaches the engine, and always answers with a Result.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { AskRequestSchema, ErrorCode, InfoRequestSchema, IpcChannel, fail, type Result } from '../shared/api';
import type { EngineHost } from './engineHost';

export function registerIpcHandlers(host: EngineHost, isAppUrl: (url: string) => boolean): void {
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    // Only the top frame of an app page: no iframes, no navigated-away pages.
    return frame !== null && frame.parent === null && isAppUrl(frame.url);
  };
  const forbidden = <T>(): Result<T> => fail(ErrorCode.forbiddenSender, 'This page may not talk to the tutor.');

  ipcMain.handle(IpcChannel.ask, async (event, payload: unknown) => {
    if (!trusted(event)) return forbidden();
    const parsed = AskRequestSchema.safeParse(payload);
    if (!parsed.success) return fail(ErrorCode.invalidRequest, 'The question must be text.');
    return host.ask(parsed.data);
  });

  ipcMain.handle(IpcChannel.info, async (event, payload: unknown) => {
    if (!trusted(event)) return forbidden();
    if (!InfoRequestSchema.safeParse(payload).success)
      return fail(ErrorCode.invalidRequest, 'info() takes no arguments.');
    return host.info();
  });
}
