import { chmod, lstat, mkdir, open, readdir } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A workspace holds the team's incidents, its mail and its secrets: readable by its user alone (DESIGN §8).
 * Folders 0700 and files 0600 when they are made, and tightened (never loosened) when the workspace opens,
 * so one an older version left readable by every local user is repaired. Windows has no mode bits to set:
 * there the user's profile folder already keeps others out.
 */
export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const enforced = process.platform !== 'win32';

/** Takes away what group and others may do; what the owner may do stays as it is. */
async function tighten(target: string, info: Stats): Promise<void> {
  if ((info.mode & 0o077) !== 0) await chmod(target, info.mode & 0o7700);
}

/** Whether this process may decide who reads `info`'s file: it is ours (or we are root). */
function ours(info: Stats): boolean {
  const uid = process.getuid?.();
  return uid === undefined || uid === 0 || info.uid === uid;
}

/**
 * Creates the folder private to this user. Parents it has to make are private too; existing ones are left
 * as they are, so a store in a shared folder (a temp folder, say) does not change who may use that folder.
 */
export async function createPrivateFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
}

/**
 * Makes the file if it is missing, private from the first byte, and tightens it if it is there. SQLite gives
 * its -wal and -shm files the mode of the database file, so creating the database this way keeps those
 * private too.
 */
export async function ensurePrivateFile(file: string): Promise<void> {
  await (await open(file, 'a', PRIVATE_FILE_MODE)).close();
  if (enforced) await tighten(file, await lstat(file));
}

/**
 * Makes the workspace folder and the entries it names (files, or folders taken with everything inside)
 * private: the folder is created if missing, and what is there is tightened. The folder itself is tightened
 * only when it is the user's own and not a place others share by design (the home folder, a sticky folder
 * such as /tmp): `--data ~` must not lock other programs out of the home folder. Links are left alone: what
 * they point to is not the workspace's.
 */
export async function makeWorkspacePrivate(dataDir: string, entries: readonly string[]): Promise<void> {
  await createPrivateFolder(dataDir);
  if (!enforced) return;
  const folder = await lstat(dataDir);
  const shared = (folder.mode & 0o1000) !== 0 || path.resolve(dataDir) === path.resolve(os.homedir());
  if (!shared && ours(folder)) await tighten(dataDir, folder);
  const pending = entries.map((name) => path.join(dataDir, name));
  for (let target = pending.pop(); target !== undefined; target = pending.pop()) {
    const info = await lstat(target).catch(() => null);
    if (!info || info.isSymbolicLink() || !ours(info)) continue;
    await tighten(target, info);
    if (info.isDirectory()) {
      for (const name of await readdir(target)) pending.push(path.join(target, name));
    }
  }
}
