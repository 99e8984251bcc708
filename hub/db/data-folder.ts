import { chmod, lstat, mkdir } from 'node:fs/promises';
import path from 'node:path';

/** The embedded cluster's password, beside the cluster. */
export const SETTINGS_FILE = 'postgres.json';

/**
 * The hub's folder holds the embedded PostgreSQL's password and cluster: its user's alone (DESIGN §8), made
 * so and tightened (never loosened) at every start, so one an older version left open is repaired. Run as
 * root, PostgreSQL runs as a user of its own that must pass through this folder to its cluster: then others
 * may pass through (0711) but not list or read it. The cluster folder inside is PostgreSQL's to keep (it
 * insists on 0700 itself) and is not touched here.
 */
export async function prepareHubDataFolder(dataDir: string, options: { readonly asRoot: boolean }): Promise<void> {
  const folderMode = options.asRoot ? 0o711 : 0o700;
  await mkdir(dataDir, { recursive: true, mode: folderMode });
  if (process.platform === 'win32') return;
  await tighten(dataDir, folderMode);
  await tighten(path.join(dataDir, SETTINGS_FILE), 0o600);
}

/** Takes away any permission beyond `allowed`; adds none. */
async function tighten(target: string, allowed: number): Promise<void> {
  const info = await lstat(target).catch(() => null);
  if (!info || info.isSymbolicLink()) return;
  const mode = info.mode & 0o7777;
  if ((mode & ~allowed & 0o777) !== 0) await chmod(target, mode & (allowed | 0o7000));
}
