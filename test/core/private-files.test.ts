import { chmod, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '#core/index.ts';
import type { Core } from '#core/index.ts';
import { call } from '../helpers/invoke.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';

const onWindows = process.platform === 'win32';

async function modeOf(file: string): Promise<string> {
  return ((await stat(file)).mode & 0o777).toString(8);
}

/** Every file and folder in the workspace with its permission bits, relative to the workspace. */
async function modes(dir: string): Promise<Record<string, string>> {
  const found: Record<string, string> = { '.': await modeOf(dir) };
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    found[path.relative(dir, full)] = await modeOf(full);
  }
  return found;
}

/** Writes to the workspace through the core, so SQLite makes its -wal and -shm and a secret is stored. */
async function useWorkspace(core: Core): Promise<void> {
  await call(core, 'session/register', { name: 'Alex Morgan', email: 'alex@desk.example' });
  await call(core, 'mailbox/save', {
    name: 'Service desk',
    host: 'imap.desk.example',
    port: 993,
    tls: true,
    username: 'desk',
    password: 'correct horse battery staple',
    folder: 'INBOX',
    mode: 'poll',
    pollSeconds: 300,
    maxMessageBytes: 25 * 1024 * 1024,
    enabled: false,
  });
  await call(core, 'upload/begin', { name: 'mail.eml', size: 10 });
}

describe.skipIf(onWindows)('workspace files', () => {
  let folder: TempDir;
  let umask: number;
  beforeAll(() => {
    // The usual umask, under which files come out readable by every local user unless made otherwise.
    umask = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(umask);
  });
  beforeEach(async () => {
    folder = await tempDir('desk-private-');
  });
  afterEach(async () => {
    await folder.remove();
  });

  it('are private to their user from the moment they are made: folders 0700, files 0600', async () => {
    const dataDir = path.join(folder.path, 'workspace');
    const core = await createCore({ dataDir, autoSync: false });
    try {
      await useWorkspace(core);
      const seen = await modes(dataDir);
      expect(Object.keys(seen)).toEqual(
        expect.arrayContaining(['.', 'workspace.sqlite', 'workspace.sqlite-wal', 'workspace.sqlite-shm']),
      );
      expect(Object.keys(seen)).toEqual(expect.arrayContaining(['secrets.json', 'uploads']));
      for (const [name, mode] of Object.entries(seen)) {
        const isFolder = (await stat(path.join(dataDir, name))).isDirectory();
        expect(mode, name).toBe(isFolder ? '700' : '600');
      }
    } finally {
      await core.close();
    }
  });

  it('are made private when a workspace an older version left readable is opened', async () => {
    const dataDir = path.join(folder.path, 'workspace');
    const first = await createCore({ dataDir, autoSync: false });
    await useWorkspace(first);
    await first.close();
    // As an older version left it: everything readable by every local user, and files beside the store.
    await mkdir(path.join(dataDir, 'uploads'), { recursive: true });
    await writeFile(path.join(dataDir, 'uploads', 'left-over.part'), 'x');
    for (const name of Object.keys(await modes(dataDir))) {
      const full = path.join(dataDir, name);
      await chmod(full, (await stat(full)).isDirectory() ? 0o755 : 0o644);
    }

    const core = await createCore({ dataDir, autoSync: false });
    try {
      const seen = await modes(dataDir);
      expect(Object.keys(seen)).toEqual(
        expect.arrayContaining(['.', 'workspace.sqlite', 'secrets.json', 'uploads/left-over.part']),
      );
      for (const [name, mode] of Object.entries(seen)) {
        const isFolder = (await stat(path.join(dataDir, name))).isDirectory();
        expect(mode, name).toBe(isFolder ? '700' : '600');
      }
    } finally {
      await core.close();
    }
  });

  it('never loosens what is already tighter, nor touches the folders above the workspace', async () => {
    const parent = path.join(folder.path, 'config');
    await mkdir(parent, { mode: 0o755 });
    await chmod(parent, 0o755);
    const dataDir = path.join(parent, 'workspace');
    const core = await createCore({ dataDir, autoSync: false });
    await core.close();
    await writeFile(path.join(dataDir, 'secrets.json'), '{}', { mode: 0o400 });

    const again = await createCore({ dataDir, autoSync: false });
    try {
      expect(await modeOf(parent)).toBe('755');
      expect(await modeOf(dataDir)).toBe('700');
      expect(await modeOf(path.join(dataDir, 'secrets.json'))).toBe('400');
    } finally {
      await again.close();
    }
  });

  it('leaves a folder others share by design as it is, and still makes its own files private', async () => {
    // `--data /tmp`: a sticky folder belongs to everyone; only what the desk puts in it is the desk's.
    const shared = path.join(folder.path, 'shared');
    await mkdir(shared);
    await chmod(shared, 0o1777);
    await writeFile(path.join(shared, 'someone-elses.txt'), 'x', { mode: 0o644 });
    const core = await createCore({ dataDir: shared, autoSync: false });
    try {
      expect((await stat(shared)).mode & 0o7777).toBe(0o1777);
      expect(await modeOf(path.join(shared, 'someone-elses.txt'))).toBe('644');
      expect(await modeOf(path.join(shared, 'workspace.sqlite'))).toBe('600');
    } finally {
      await core.close();
    }
  });
});
