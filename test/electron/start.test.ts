import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cannotOpenLine,
  exitCodeOf,
  failureReason,
  launchEnv,
  missingDisplay,
  nextStep,
  readRuntime,
} from '../../electron/host/start.ts';
import type { LaunchFacts } from '../../electron/host/start.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const EXECUTABLE = '/work/node_modules/electron/dist/electron';
const X11 = { DISPLAY: ':0' };
const WEB_HINT = 'Run `npm run web` to use it in your browser.';

function facts(overrides: Partial<LaunchFacts>): LaunchFacts {
  return { platform: 'linux', env: X11, runtime: { kind: 'installed', executable: EXECUTABLE }, ...overrides };
}

describe('nextStep', () => {
  it('refuses on Linux without a display, before downloading anything', () => {
    for (const runtime of [{ kind: 'installed', executable: EXECUTABLE }, { kind: 'not-downloaded' }] as const) {
      const step = nextStep(facts({ env: {}, runtime }));
      expect(step).toEqual({
        kind: 'refuse',
        line:
          'Incident Desk cannot open a desktop window here: no display (neither DISPLAY nor WAYLAND_DISPLAY is set). ' +
          WEB_HINT,
      });
    }
  });

  it('takes X11 or Wayland as a display, and never asks for one on macOS or Windows', () => {
    expect(missingDisplay('linux', { DISPLAY: ':1' })).toBeNull();
    expect(missingDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBeNull();
    expect(missingDisplay('freebsd', {})).not.toBeNull();
    expect(missingDisplay('darwin', {})).toBeNull();
    expect(missingDisplay('win32', {})).toBeNull();
    expect(nextStep(facts({ platform: 'darwin', env: {} })).kind).toBe('check');
  });

  it('downloads a runtime that is missing, then refuses with the reason if that failed', () => {
    const runtime = { kind: 'not-downloaded' } as const;
    expect(nextStep(facts({ runtime }))).toEqual({ kind: 'download' });
    const failed = nextStep(
      facts({ runtime, download: { ok: false, reason: 'no connection to the download server: fetch failed' } }),
    );
    expect(failed).toEqual({
      kind: 'refuse',
      line: cannotOpenLine(
        'the Electron runtime is not installed and downloading it failed (no connection to the download server: fetch failed)',
      ),
    });
    expect(nextStep(facts({ runtime, download: { ok: true } }))).toMatchObject({ kind: 'refuse' });
  });

  it('checks a downloaded runtime once, then launches it', () => {
    const downloaded = facts({ download: { ok: true } });
    expect(nextStep(downloaded)).toEqual({ kind: 'check', executable: EXECUTABLE });
    expect(nextStep({ ...downloaded, check: { ok: true } })).toEqual({ kind: 'launch', executable: EXECUTABLE });
  });

  it('refuses a runtime that cannot run here', () => {
    const step = nextStep(facts({ check: { ok: false, reason: 'the system library libnss3.so is missing' } }));
    expect(step).toEqual({
      kind: 'refuse',
      line: cannotOpenLine('the Electron runtime cannot run (the system library libnss3.so is missing)'),
    });
  });

  it('refuses to run as root on Linux rather than switch off the sandbox', () => {
    expect(nextStep(facts({ uid: 0 }))).toEqual({
      kind: 'refuse',
      line: cannotOpenLine('the desktop app does not run as root'),
    });
    expect(nextStep(facts({ uid: 1000 })).kind).toBe('check');
    expect(nextStep(facts({ platform: 'darwin', uid: 0 })).kind).toBe('check');
  });

  it('refuses when the electron package itself is missing', () => {
    expect(nextStep(facts({ runtime: { kind: 'package-missing' } }))).toMatchObject({
      kind: 'refuse',
      line: expect.stringContaining('run `npm install`'),
    });
  });

  it('says every refusal in one line that names npm run web', () => {
    const refusals = [
      nextStep(facts({ env: {} })),
      nextStep(facts({ uid: 0 })),
      nextStep(facts({ runtime: { kind: 'package-missing' } })),
      nextStep(facts({ runtime: { kind: 'not-downloaded' }, download: { ok: false, reason: 'x' } })),
      nextStep(facts({ check: { ok: false, reason: 'x' } })),
    ];
    for (const step of refusals) {
      if (step.kind !== 'refuse') throw new Error(`expected a refusal, got ${step.kind}`);
      expect(step.line).not.toContain('\n');
      expect(step.line.endsWith(WEB_HINT)).toBe(true);
    }
  });
});

describe('readRuntime', () => {
  let dir: TempDir;
  let electron: string;
  beforeEach(async () => {
    dir = await tempDir('desk-electron-');
    electron = path.join(dir.path, 'electron');
    await mkdir(path.join(electron, 'dist'), { recursive: true });
    await writeFile(path.join(electron, 'package.json'), '{"name":"electron","version":"45.5.0"}');
  });
  afterEach(() => dir.remove());

  it('finds the package missing', () => {
    expect(readRuntime(null, {})).toEqual({ kind: 'package-missing' });
    expect(readRuntime(path.join(dir.path, 'nowhere'), {})).toEqual({ kind: 'package-missing' });
  });

  it('finds the runtime not downloaded without path.txt, or with path.txt but no binary', async () => {
    expect(readRuntime(electron, {})).toEqual({ kind: 'not-downloaded' });
    await writeFile(path.join(electron, 'path.txt'), 'electron');
    expect(readRuntime(electron, {})).toEqual({ kind: 'not-downloaded' });
  });

  it('finds the runtime installed where path.txt points, or under ELECTRON_OVERRIDE_DIST_PATH', async () => {
    await writeFile(path.join(electron, 'path.txt'), 'electron');
    await writeFile(path.join(electron, 'dist', 'electron'), '');
    expect(readRuntime(electron, {})).toEqual({
      kind: 'installed',
      executable: path.join(electron, 'dist', 'electron'),
    });

    const override = path.join(dir.path, 'custom-dist');
    await mkdir(override);
    expect(readRuntime(electron, { ELECTRON_OVERRIDE_DIST_PATH: override })).toEqual({ kind: 'not-downloaded' });
    await writeFile(path.join(override, 'electron'), '');
    expect(readRuntime(electron, { ELECTRON_OVERRIDE_DIST_PATH: override })).toEqual({
      kind: 'installed',
      executable: path.join(override, 'electron'),
    });
  });
});

describe('failureReason', () => {
  it('names a missing network plainly', () => {
    // What `node node_modules/electron/install.js` prints offline.
    const offline = [
      'TypeError: fetch failed',
      '    at node:internal/deps/undici/undici:14976:13',
      '    at async FetchDownloader.download (file:///work/main/node_modules/@electron/get/dist/FetchDownloader.js:46:30)',
    ].join('\n');
    expect(failureReason(offline)).toBe('no connection to the download server: fetch failed');
    expect(failureReason('RequestError: getaddrinfo ENOTFOUND github.com\n    at x')).toBe(
      'no connection to the download server: getaddrinfo ENOTFOUND github.com',
    );
  });

  it('keeps the first error line of anything else, shortened', () => {
    expect(failureReason('Downloading…\nHTTPError: Response code 404 (Not Found)\n    at y')).toBe(
      'Response code 404 (Not Found)',
    );
    expect(failureReason(`Error: ${'x'.repeat(400)}`)).toHaveLength(160);
    expect(failureReason('')).toBe('it stopped without saying why');
  });

  it('names a missing system library', () => {
    const output =
      '/work/node_modules/electron/dist/electron: error while loading shared libraries: libnss3.so: ' +
      'cannot open shared object file: No such file or directory';
    expect(failureReason(output)).toBe('the system library libnss3.so is missing');
  });
});

describe('launching', () => {
  it('never starts the app as plain Node or on a development server', () => {
    const env = launchEnv({ ELECTRON_RUN_AS_NODE: '1', ELECTRON_RENDERER_URL: 'http://localhost:5173', DISPLAY: ':0' });
    expect(env).toEqual({ DISPLAY: ':0' });
  });

  it("passes the app's exit on as a shell reports it", () => {
    expect(exitCodeOf(0, null)).toBe(0);
    expect(exitCodeOf(3, null)).toBe(3);
    expect(exitCodeOf(null, 'SIGTERM')).toBe(143);
    expect(exitCodeOf(null, 'SIGKILL')).toBe(137);
  });
});

describe('npm start where the desktop app cannot open', () => {
  const linux = process.platform === 'linux';
  const root = process.getuid?.() === 0;
  /** `nobody`: how a root test run sees what an ordinary user would, when the checkout is readable to all. */
  const NOBODY = { uid: 65534, gid: 65534 };
  const openToAll = (folder: string): boolean =>
    (statSync(folder).mode & 0o005) === 0o005 && (path.dirname(folder) === folder || openToAll(path.dirname(folder)));
  const asOrdinaryUser = !root ? {} : openToAll(ROOT) ? NOBODY : null;

  function start(
    env: NodeJS.ProcessEnv,
    user: { uid?: number; gid?: number } = {},
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
    const child = spawn(tsx, [path.join(ROOT, 'electron', 'host', 'start.ts')], { cwd: ROOT, env, ...user });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  }

  const baseEnv = () => {
    const { DISPLAY: _x11, WAYLAND_DISPLAY: _wayland, ...rest } = process.env;
    return rest;
  };

  it.skipIf(!linux)('prints one line naming npm run web and exits non-zero', async () => {
    const result = await start(baseEnv());
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${cannotOpenLine('no display (neither DISPLAY nor WAYLAND_DISPLAY is set)')}\n`);
  });

  describe('with a display but a runtime that cannot load its libraries', () => {
    let dir: TempDir;
    beforeEach(async () => {
      dir = await tempDir('desk-electron-dist-');
      await chmod(dir.path, 0o755);
      const fake = path.join(dir.path, 'electron');
      await writeFile(
        fake,
        '#!/bin/sh\necho "$0: error while loading shared libraries: libgbm.so.1: cannot open shared object file" >&2\nexit 127\n',
      );
      await chmod(fake, 0o755);
    });
    afterEach(() => dir.remove());

    it.skipIf(!linux || !asOrdinaryUser)('says which library is missing in one line', async () => {
      const env = { ...baseEnv(), DISPLAY: ':0', ELECTRON_OVERRIDE_DIST_PATH: dir.path };
      const result = await start(env, asOrdinaryUser ?? {});
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `${cannotOpenLine('the Electron runtime cannot run (the system library libgbm.so.1 is missing)')}\n`,
      );
    });

    it.skipIf(!linux || !root)('says it does not run as root, before touching the runtime', async () => {
      const result = await start({ ...baseEnv(), DISPLAY: ':0', ELECTRON_OVERRIDE_DIST_PATH: dir.path });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`${cannotOpenLine('the desktop app does not run as root')}\n`);
    });
  });
});
