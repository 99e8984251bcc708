import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '#core/paths.ts';
import { appLocation, dataDirFromLaunch } from '../../electron/main/launch-options.ts';
import { isTrustedSender } from '../../electron/main/trusted-sender.ts';

// How Electron's argv looks in an unpackaged run: the runtime, the app folder, then the app's own arguments.
const ELECTRON = ['/opt/electron/electron', '/home/agent/incident-desk'];
const CWD = '/home/agent';

describe('dataDirFromLaunch', () => {
  it('takes --data DIR and --data=DIR, relative to the working folder', () => {
    expect(dataDirFromLaunch([...ELECTRON, '--data', 'desk-a'], {}, CWD)).toBe(path.resolve(CWD, 'desk-a'));
    expect(dataDirFromLaunch([...ELECTRON, '--data=/srv/desk'], {}, CWD)).toBe(path.resolve('/srv/desk'));
  });

  it('prefers the command line to DESK_DATA, and DESK_DATA to the default', () => {
    const env = { DESK_DATA: '/srv/from-env', XDG_CONFIG_HOME: '/home/agent/.config' };
    expect(dataDirFromLaunch([...ELECTRON, '--data', '/srv/from-flag'], env, CWD)).toBe(path.resolve('/srv/from-flag'));
    expect(dataDirFromLaunch(ELECTRON, env, CWD)).toBe(path.resolve('/srv/from-env'));
    const { DESK_DATA: _unset, ...withoutData } = env;
    expect(dataDirFromLaunch(ELECTRON, withoutData, CWD)).toBe(defaultDataDir(withoutData));
  });

  it('refuses --data without a folder', () => {
    expect(() => dataDirFromLaunch([...ELECTRON, '--data'], {}, CWD)).toThrow(/--data needs a folder/);
    expect(() => dataDirFromLaunch([...ELECTRON, '--data', '--inspect'], {}, CWD)).toThrow(/--data needs a folder/);
    expect(() => dataDirFromLaunch([...ELECTRON, '--data='], {}, CWD)).toThrow(/--data needs a folder/);
  });
});

describe('appLocation', () => {
  const mainDir = '/opt/incident-desk/out/main';

  it('serves the built renderer next to the main process through the app scheme, with the CommonJS preload', () => {
    const location = appLocation({ mainDir, isPackaged: true, devServerUrl: undefined });
    // Not file://: a page from disk gets no Content-Security-Policy header (app-protocol.ts).
    expect(location.appUrl).toBe('app://desk/index.html');
    expect(location.rendererDir).toBe(path.resolve('/opt/incident-desk/out/renderer'));
    expect(location.preloadPath).toBe(path.resolve('/opt/incident-desk/out/preload/index.cjs'));
    expect(isTrustedSender(`${location.appUrl}#/queue`, location.appUrl)).toBe(true);
    expect(isTrustedSender('file:///opt/incident-desk/out/renderer/index.html', location.appUrl)).toBe(false);
  });

  it('uses the development server only in an unpackaged run', () => {
    const devServerUrl = 'http://localhost:5173';
    expect(appLocation({ mainDir, isPackaged: false, devServerUrl }).appUrl).toBe('http://localhost:5173/');
    expect(appLocation({ mainDir, isPackaged: true, devServerUrl }).appUrl).toBe('app://desk/index.html');
  });

  it('gives the window the app’s icon from resources/, beside out/', async () => {
    const root = path.resolve(import.meta.dirname, '..', '..');
    const { iconPath } = appLocation({ mainDir: path.join(root, 'out', 'main'), isPackaged: false });
    expect(iconPath).toBe(path.join(root, 'resources', 'icons', '512x512.png'));
    const png = await readFile(iconPath);
    // The PNG signature, then the IHDR width and height.
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it('serves from folders whose names need encoding', () => {
    const { rendererDir } = appLocation({ mainDir: '/home/agent/My Desk #2/out/main', isPackaged: true });
    expect(rendererDir).toBe(path.resolve('/home/agent/My Desk #2/out/renderer'));
  });
});
