import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'incident-desk';

/**
 * The user's application-data folder, where Electron keeps `userData` for this app, so the desktop app, the
 * browser-mode host and the CLI open the same workspace by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  const base =
    platform === 'win32'
      ? (env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? path.join(home, '.config'));
  return path.join(base, APP_FOLDER, 'workspace');
}
