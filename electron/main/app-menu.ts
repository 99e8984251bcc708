import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  /** Unpackaged runs (development, `npm start`) get reload and the developer tools. */
  readonly developer: boolean;
}

/**
 * The application menu: the platform's standard items, so the usual shortcuts (copy, paste, undo, zoom,
 * full screen, close, quit) work in every field. Desk commands join here once the contract carries a
 * menu event for the renderer to act on.
 */
export function applicationMenuTemplate({ platform, developer }: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const developerItems: MenuItemConstructorOptions[] = developer
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  return [
    ...(mac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    { label: '&File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        ...developerItems,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
}
