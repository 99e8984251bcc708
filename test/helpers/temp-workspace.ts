import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '#core/index.ts';
import type { Core } from '#core/index.ts';
import { Store } from '#core/store/store.ts';

/** 2 March 2026, 09:30 UTC: a Monday morning on the desk. Tests run against this instant, never the real clock. */
export const FIXED_NOW = Date.UTC(2026, 2, 2, 9, 30);

/** A clock the test moves by hand; it starts at FIXED_NOW unless told otherwise. */
export interface TestClock {
  readonly now: () => number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function testClock(start = FIXED_NOW): TestClock {
  let current = start;
  return {
    now: () => current,
    set: (ms) => {
      current = ms;
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

/** A fresh folder under the system temp folder; `remove` deletes it and everything in it. */
export interface TempDir {
  readonly path: string;
  remove(): Promise<void>;
}

export async function tempDir(prefix = 'desk-test-'): Promise<TempDir> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { path: dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface TempCore {
  readonly core: Core;
  readonly dir: string;
  readonly clock: TestClock;
  /** Closes the core and deletes its folder. */
  dispose(): Promise<void>;
}

/** A core on a real SQLite file in a temp folder, with a clock the test controls. */
export async function openTempCore(
  options: { clock?: TestClock; demoIncidents?: number; queueIndex?: boolean } = {},
): Promise<TempCore> {
  const dir = await tempDir();
  const clock = options.clock ?? testClock();
  const core = await createCore({
    dataDir: dir.path,
    now: clock.now,
    ...(options.demoIncidents === undefined ? {} : { demoIncidents: options.demoIncidents }),
    ...(options.queueIndex === undefined ? {} : { queueIndex: options.queueIndex }),
    logger: { error: (message, error) => console.error(message, error) },
  });
  return {
    core,
    dir: dir.path,
    clock,
    dispose: async () => {
      await core.close();
      await dir.remove();
    },
  };
}

export interface TempStore {
  readonly store: Store;
  readonly file: string;
  readonly clock: TestClock;
  dispose(): Promise<void>;
}

/** A bare store (no handlers) on a real SQLite file in a temp folder. */
export async function openTempStore(options: { clock?: TestClock } = {}): Promise<TempStore> {
  const dir = await tempDir();
  const clock = options.clock ?? testClock();
  const file = path.join(dir.path, 'workspace.sqlite');
  const store = await Store.open({ file, now: clock.now });
  return {
    store,
    file,
    clock,
    dispose: async () => {
      await store.close();
      await dir.remove();
    },
  };
}
