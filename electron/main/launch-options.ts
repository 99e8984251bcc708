import path from 'node:path';
import { defaultDataDir } from '#core/index.ts';
import { APP_PAGE_URL } from './app-protocol.ts';

/**
 * The workspace folder for this run: `--data DIR` (or `--data=DIR`) on the command line, else `DESK_DATA`,
 * else the user's application-data folder shared with the browser-mode host and the CLI.
 */
export function dataDirFromLaunch(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string = process.cwd(),
): string {
  for (const [index, arg] of argv.entries()) {
    if (arg.startsWith('--data=')) return path.resolve(cwd, requireFolder(arg.slice('--data='.length)));
    if (arg === '--data') return path.resolve(cwd, requireFolder(argv[index + 1]));
  }
  if (env.DESK_DATA) return path.resolve(cwd, env.DESK_DATA);
  return defaultDataDir(env);
}

function requireFolder(value: string | undefined): string {
  if (!value || value.startsWith('--')) throw new Error('--data needs a folder: --data DIR');
  return value;
}

export interface AppLocation {
  /** The page the window loads; the only page whose IPC calls are answered. */
  readonly appUrl: string;
  readonly preloadPath: string;
  /** The built renderer, served at `app://desk/` (app-protocol.ts). */
  readonly rendererDir: string;
  /** The window's icon: resources/ sits beside out/ in the app folder, as in the repository. */
  readonly iconPath: string;
}

export interface LocationFacts {
  /** The folder of the built main process (`out/main`). */
  readonly mainDir: string;
  readonly isPackaged: boolean;
  /** `ELECTRON_RENDERER_URL`, set by `electron-vite dev`. */
  readonly devServerUrl?: string | undefined;
}

/**
 * Where the window's page and preload live: the built renderer through the app's own scheme, or the
 * development server, honoured only in an unpackaged run: an installed app must never load a page named by an
 * environment variable.
 */
export function appLocation({ mainDir, isPackaged, devServerUrl }: LocationFacts): AppLocation {
  const out = path.resolve(mainDir, '..');
  // electron-vite names a CommonJS preload `.cjs` because package.json says "type": "module".
  const preloadPath = path.join(out, 'preload', 'index.cjs');
  const rendererDir = path.join(out, 'renderer');
  const iconPath = path.join(out, '..', 'resources', 'icons', '512x512.png');
  if (devServerUrl && !isPackaged) {
    return { appUrl: new URL(devServerUrl).href, preloadPath, rendererDir, iconPath };
  }
  return { appUrl: APP_PAGE_URL, preloadPath, rendererDir, iconPath };
}
