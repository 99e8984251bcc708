import { existsSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { desk } from '../helpers/desk-cli.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';

/**
 * `desk hub` refusing to start says why in one line, and what to do, before it starts anything: an operator
 * reads a sentence, not a stack trace.
 */

let dir: TempDir;

beforeEach(async () => {
  dir = await tempDir('desk-hub-refused-');
});

afterEach(async () => {
  await dir.remove();
});

describe('desk hub refuses to start, in one line', () => {
  it('on an address beyond this computer without TLS, before PostgreSQL is started', async () => {
    await chmod(dir.path, 0o755);
    for (const host of ['0.0.0.0', '192.0.2.10']) {
      const run = await desk('hub', '--data', dir.path, '--host', host, '--port', '0');
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(new RegExp(`^desk hub: .*plain HTTP only on loopback.*${host}.*--tls-cert`)),
      ]);
      expect(existsSync(path.join(dir.path, 'postgres'))).toBe(false);
    }
  });

  it('with certificate files it cannot read', async () => {
    const missing = path.join(dir.path, 'missing.pem');
    const run = await desk('hub', '--data', dir.path, '--tls-cert', missing, '--tls-key', missing);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^desk hub: --tls-cert ${missing} cannot be read \\(ENOENT\\)\\.\\n`));
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it.skipIf(process.getuid?.() !== 0)(
    'as root, on a data folder PostgreSQL (its own user) cannot enter, as mktemp -d makes it',
    async () => {
      // tempDir makes it as mktemp -d does: mode 0700, for root alone.
      const run = await desk('hub', '--data', dir.path, '--port', '0');
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(new RegExp(`^desk hub: PostgreSQL runs as its own user .*chmod o\\+x ${dir.path}`)),
      ]);
    },
  );
});
