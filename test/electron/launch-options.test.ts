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

  it('loads the built renderer next to the main process, with the CommonJS preload', () => {
    const location = appLocation({ mainDir, isPackaged: true, devServerUrl: undefined });
    expect(location.appUrl).toBe('file:///opt/incident-desk/out/renderer/index.html');
    expect(location.preloadPath).toBe(path.resolve('/opt/incident-desk/out/preload/index.cjs'));
    expect(isTrustedSender(`${location.appUrl}#/queue`, location.appUrl)).toBe(true);
  });

  it('uses the development server only in an unpackaged run', () => {
    const devServerUrl = 'http://localhost:5173';
    expect(appLocation({ mainDir, isPackaged: false, devServerUrl }).appUrl).toBe('http://localhost:5173/');
    expect(appLocation({ mainDir, isPackaged: true, devServerUrl }).appUrl).toMatch(/^file:/);
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

  it('encodes folder names the way the page reports its own address', () => {
    const { appUrl } = appLocation({ mainDir: '/home/agent/My Desk #2/out/main', isPackaged: true });
    expect(appUrl).toBe('file:///home/agent/My%20Desk%20%232/out/renderer/index.html');
    expect(isTrustedSender('file:///home/agent/My%20Desk%20%232/out/renderer/index.html#/', appUrl)).toBe(true);
  });
});
