import { chmod, mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareHubDataFolder, SETTINGS_FILE } from '../../hub/db/data-folder.ts';
import { openHubDatabase } from '../../hub/db/database.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';

async function modeOf(file: string): Promise<number> {
  return (await stat(file)).mode & 0o777;
}

describe.skipIf(process.platform === 'win32')("the hub's data folder", () => {
  let folder: TempDir;
  beforeEach(async () => {
    folder = await tempDir('desk-hub-folder-');
  });
  afterEach(async () => {
    await folder.remove();
  });

  for (const asRoot of [false, true]) {
    const folderMode = asRoot ? 0o711 : 0o700;
    const who = asRoot ? 'run as root' : 'run as a user';

    it(`is made ${folderMode.toString(8)} when ${who}`, async () => {
      const dataDir = path.join(folder.path, 'hub');
      await prepareHubDataFolder(dataDir, { asRoot });
      expect(await modeOf(dataDir)).toBe(folderMode);
    });

    it(`is tightened, with the cluster's password, when an older version left them open (${who})`, async () => {
      const dataDir = path.join(folder.path, 'hub');
      const cluster = path.join(dataDir, 'postgres');
      await mkdir(cluster, { recursive: true });
      await writeFile(path.join(dataDir, SETTINGS_FILE), '{"user":"desk","password":"x"}');
      await chmod(dataDir, 0o755);
      await chmod(path.join(dataDir, SETTINGS_FILE), 0o644);
      await chmod(cluster, 0o750);

      await prepareHubDataFolder(dataDir, { asRoot });
      expect(await modeOf(dataDir)).toBe(folderMode);
      expect(await modeOf(path.join(dataDir, SETTINGS_FILE))).toBe(0o600);
      // The cluster folder is PostgreSQL's own business.
      expect(await modeOf(cluster)).toBe(0o750);
    });
  }

  it('is never loosened', async () => {
    const dataDir = path.join(folder.path, 'hub');
    await mkdir(dataDir);
    await chmod(dataDir, 0o700);
    await prepareHubDataFolder(dataDir, { asRoot: true });
    expect(await modeOf(dataDir)).toBe(0o700);
  });
});

describe.skipIf(process.platform === 'win32')('a hub with its own PostgreSQL', () => {
  let folder: TempDir;
  beforeEach(async () => {
    folder = await tempDir('desk-hub-embedded-');
    // As root, PostgreSQL's own user must pass through the temp folder to reach the hub's.
    await chmod(folder.path, 0o711);
  });
  afterEach(async () => {
    await folder.remove();
  });

  it('tightens the folder and the password file an older version left readable', async () => {
    const dataDir = path.join(folder.path, 'hub');
    const first = await openHubDatabase({ dataDir });
    await first.close();
    await chmod(dataDir, 0o755);
    await chmod(path.join(dataDir, SETTINGS_FILE), 0o644);

    const again = await openHubDatabase({ dataDir });
    try {
      expect(await modeOf(dataDir)).toBe(process.getuid?.() === 0 ? 0o711 : 0o700);
      expect(await modeOf(path.join(dataDir, SETTINGS_FILE))).toBe(0o600);
    } finally {
      await again.close();
    }
  });
});
