import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate } from '../../electron/main/app-menu.ts';
import { closeCoreOnQuit } from '../../electron/main/close-core-on-quit.ts';

function roles(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('applicationMenuTemplate', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`gives ${platform} the standard editing, zoom and window shortcuts`, () => {
      const menu = roles(applicationMenuTemplate({ platform, developer: false }));
      expect(menu).toEqual(expect.arrayContaining(['editMenu', 'windowMenu', 'zoomIn', 'zoomOut', 'resetZoom']));
      expect(menu).toContain(platform === 'darwin' ? 'appMenu' : 'quit');
    });
  }

  it('offers reload and the developer tools only to unpackaged runs', () => {
    const developerOnly = ['reload', 'forceReload', 'toggleDevTools'];
    expect(roles(applicationMenuTemplate({ platform: 'linux', developer: true }))).toEqual(
      expect.arrayContaining(developerOnly),
    );
    for (const role of roles(applicationMenuTemplate({ platform: 'linux', developer: false }))) {
      expect(developerOnly).not.toContain(role);
    }
  });
});

describe('closeCoreOnQuit', () => {
  function quittingApp() {
    let listener: ((event: { preventDefault(): void }) => void) | undefined;
    const app = {
      quits: 0,
      on(_event: 'before-quit', given: (event: { preventDefault(): void }) => void) {
        listener = given;
      },
      quit() {
        this.quits += 1;
        // Electron emits before-quit again for the second quit.
        return app.requestQuit();
      },
      requestQuit(): boolean {
        let prevented = false;
        listener?.({ preventDefault: () => (prevented = true) });
        return prevented;
      },
    };
    return app;
  }

  it('holds the quit until the core has closed, then quits once', async () => {
    const app = quittingApp();
    let release: () => void = () => {};
    let closes = 0;
    closeCoreOnQuit(
      app,
      () => {
        closes += 1;
        return new Promise<void>((resolve) => (release = resolve));
      },
      () => {},
    );

    expect(app.requestQuit()).toBe(true);
    expect(app.requestQuit()).toBe(true);
    expect(closes).toBe(1);
    expect(app.quits).toBe(0);

    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(app.quits).toBe(1);
    expect(app.requestQuit()).toBe(false);
  });

  it('still quits when closing fails, and reports why', async () => {
    const app = quittingApp();
    const logged: unknown[] = [];
    closeCoreOnQuit(
      app,
      () => Promise.reject(new Error('database is locked')),
      (error) => logged.push(error),
    );
    app.requestQuit();
    await new Promise((resolve) => setImmediate(resolve));
    expect(app.quits).toBe(1);
    expect(logged).toEqual([new Error('database is locked')]);
  });
});
