import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const RENDERER_OUT = path.join(ROOT, 'out', 'renderer');
const SOURCES = [path.join(ROOT, 'renderer'), path.join(ROOT, 'shared')];

async function newestMtime(folder: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const info = await stat(path.join(entry.parentPath, entry.name));
    newest = Math.max(newest, info.mtimeMs);
  }
  return newest;
}

/** Whether `out/renderer` is missing or older than any renderer or shared source file. */
export async function rendererIsStale(): Promise<boolean> {
  const built = await stat(path.join(RENDERER_OUT, 'index.html')).catch(() => null);
  if (!built) return true;
  const newest = Math.max(...(await Promise.all(SOURCES.map(newestMtime))));
  return newest > built.mtimeMs;
}

/**
 * Builds the renderer with Vite when it is missing or stale, so `desk web` works straight from a clone.
 * Returns the folder to serve.
 */
export async function ensureRendererBuilt(log: (line: string) => void = () => {}): Promise<string> {
  if (await rendererIsStale()) {
    log('Building the Incident Desk renderer…');
    const [{ build }, { rendererConfig }] = await Promise.all([
      import('vite'),
      import('../../electron.vite.config.ts'),
    ]);
    // Always a production build: under a test runner NODE_ENV is 'test', and React would otherwise be built
    // in its development mode (several times larger and slower) and then served as if it were the app.
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ ...rendererConfig, configFile: false, logLevel: 'warn', mode: 'production' });
    } finally {
      if (previous === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = previous;
    }
  }
  return RENDERER_OUT;
}
