import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DESK_FUSES, deskFuseConfig } from '../../electron/packaging/fuses.ts';
import { spawnTs, REPO_ROOT } from '../helpers/child-process.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';

/** Where Electron keeps its fuses in its binary: this marker, the wire's version, its length, one byte a fuse. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLED = 0x31;
const DISABLED = 0x30;

describe("the packaged app's fuses", () => {
  it('ask for exactly: RunAsNode off, cookie encryption on, NODE_OPTIONS and inspect off, ASAR integrity and ASAR only on', () => {
    expect(DESK_FUSES).toEqual({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
    const { version, resetAdHocDarwinSignature, ...fuses } = deskFuseConfig('linux');
    expect(version).toBe('1');
    expect(resetAdHocDarwinSignature).toBe(false);
    expect(fuses).toEqual(DESK_FUSES);
    expect(deskFuseConfig('darwin').resetAdHocDarwinSignature).toBe(true);
  });

  describe('set by the packaging script', () => {
    let folder: TempDir;
    beforeEach(async () => {
      folder = await tempDir('desk-fuses-');
    });
    afterEach(async () => {
      await folder.remove();
    });

    it('in an Electron binary, leaving the other fuses and every other byte as they were', async () => {
      // A stand-in binary with Electron's fuse wire as shipped: every fuse of the six in its default state.
      const binary = path.join(folder.path, 'incident-desk');
      const shipped = [ENABLED, DISABLED, ENABLED, ENABLED, DISABLED, DISABLED, DISABLED, ENABLED];
      const before = Buffer.concat([
        Buffer.from('\x7fELF…code before…'),
        Buffer.from(SENTINEL),
        Buffer.from([1, shipped.length, ...shipped]),
        Buffer.from('…code after…'),
      ]);
      await writeFile(binary, before);

      const child = spawnTs(path.join(REPO_ROOT, 'electron', 'packaging', 'fuses.ts'), [binary]);
      expect(await child.exited, child.stderr()).toEqual({ code: 0, signal: null });
      expect(child.lines.join('\n')).toMatch(/^Fuses set in .*: RunAsNode off, EnableCookieEncryption on,/);

      const wire = await getCurrentFuseWire(binary);
      expect(wire[FuseV1Options.RunAsNode]).toBe(DISABLED);
      expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ENABLED);
      expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(DISABLED);
      expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(DISABLED);
      expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ENABLED);
      expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLED);
      expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(DISABLED);
      expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(ENABLED);
      const after = await readFile(binary);
      expect(after.length).toBe(before.length);
      const wireAt = before.indexOf(SENTINEL) + SENTINEL.length + 2;
      expect(after.subarray(0, wireAt)).toEqual(before.subarray(0, wireAt));
      expect(after.subarray(wireAt + shipped.length)).toEqual(before.subarray(wireAt + shipped.length));
    });

    it('refuses a file that is not an Electron binary, saying so', async () => {
      const notElectron = path.join(folder.path, 'readme.txt');
      await writeFile(notElectron, 'not a binary');
      const child = spawnTs(path.join(REPO_ROOT, 'electron', 'packaging', 'fuses.ts'), [notElectron]);
      expect((await child.exited).code).toBe(1);
      expect(child.stderr()).toMatch(/Setting the fuses in .*readme\.txt failed: Could not find sentinel/);
    });
  });
});
