import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import vm from 'node:vm';
import { resolveConfig } from 'electron-vite';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskBridge } from '#shared/contract.ts';
import { DESKTOP_NOTIFICATION_CHANNELS } from '#shared/desktop-notification.ts';
import type { DesktopNotifier } from '#shared/desktop-notification.ts';
import { appLocation } from '../../electron/main/launch-options.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';
import { fakeIpcRenderer } from './ipc-fakes.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * The preload as electron-vite builds it, into a temp folder (not `out/`, which other suites build too), run
 * the way a sandboxed preload runs: one classic script whose `require` knows only a few modules.
 */
async function buildPreload(outDir: string): Promise<void> {
  // resolveConfig sets NODE_ENV for the build; the rest of this test process keeps its own.
  const nodeEnv = process.env.NODE_ENV;
  const resolved = await resolveConfig(
    { configFile: path.join(ROOT, 'electron.vite.config.ts'), root: ROOT, logLevel: 'silent' },
    'build',
    'production',
  );
  process.env.NODE_ENV = nodeEnv;
  const preload = resolved.config?.preload;
  if (!preload) throw new Error('electron.vite.config.ts has no preload section');
  await build({ ...preload, logLevel: 'silent', build: { ...preload.build, outDir, emptyOutDir: true } });
}

describe('the built preload', () => {
  let dir: TempDir;
  let files: string[];
  let code: string;

  beforeAll(async () => {
    dir = await tempDir('desk-preload-');
    await buildPreload(dir.path);
    files = await readdir(dir.path);
    code = files.length === 1 ? await readFile(path.join(dir.path, files[0]!), 'utf8') : '';
  });
  afterAll(() => dir.remove());

  it('is the one CommonJS file the main process loads', () => {
    const expected = path.basename(
      appLocation({ mainDir: path.join(ROOT, 'out', 'main'), isPackaged: true }).preloadPath,
    );
    expect(files).toEqual([expected]);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('requires nothing but electron and exposes the desk bridge and the desktop notifier', async () => {
    const requested: string[] = [];
    const exposed = new Map<string, unknown>();
    const ipcRenderer = fakeIpcRenderer(async (channel) => ({ ok: true, value: channel }));
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer,
    };
    const sandboxedRequire = (id: string) => {
      requested.push(id);
      if (id === 'electron') return electron;
      throw new Error(`A sandboxed preload cannot load ${id}`);
    };
    const module = { exports: {} };
    const script = new vm.Script(`(function (require, module, exports) {\n${code}\n})`, { filename: files[0] });
    script.runInNewContext({})(sandboxedRequire, module, module.exports);

    expect(requested).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['desk', 'deskNotifier']);
    const desk = exposed.get('desk') as DeskBridge;
    expect(await desk.invoke('queue/views', {})).toEqual({ ok: true, value: 'queue/views' });
    expect(await desk.invoke('incident/delete' as 'queue/views', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_handler' },
    });
    expect(ipcRenderer.invoked).toEqual([['queue/views', {}]]);

    // The notifier sends a checked notification on its own channel; the page's click handler stays here.
    const notifier = exposed.get('deskNotifier') as DesktopNotifier;
    expect(Object.keys(notifier).sort()).toEqual(['allowed', 'request', 'show']);
    let clicked = 0;
    notifier.show('Assigned to me: INC-7', 'Assigned to you', () => clicked++);
    const [channel, message] = ipcRenderer.invoked.at(-1) as [string, { id: string }];
    expect(channel).toBe(DESKTOP_NOTIFICATION_CHANNELS.show);
    ipcRenderer.deliver(DESKTOP_NOTIFICATION_CHANNELS.clicked, { id: message.id });
    expect(clicked).toBe(1);
  });
});
