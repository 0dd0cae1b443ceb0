import { Menu, type MenuItemConstructorOptions } from 'electron';

/** A small menu built from roles: the Edit roles are what make copy/paste shortcuts work on macOS. */
export function buildAppMenu(opts: { isMac: boolean; devTools: boolean }): Menu {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (opts.devTools) view.unshift({ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' });

  const template: MenuItemConstructorOptions[] = [
    ...(opts.isMac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
