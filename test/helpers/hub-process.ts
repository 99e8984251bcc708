import path from 'node:path';
import { REPO_ROOT, spawnTs } from './child-process.ts';
import type { TsChild } from './child-process.ts';

/** The real `desk` command, run as an operator runs it. */
export const DESK = path.join(REPO_ROOT, 'electron', 'host', 'desk.mjs');

export interface HubProcess {
  readonly child: TsChild;
  readonly url: string;
  /** Whether the process is still running. */
  alive(): boolean;
  /** Kills it if it is still running (a test that failed halfway), and waits for it to be gone. */
  dispose(): Promise<void>;
}

/** `desk hub` in a process of its own, on a free loopback port; resolves once it says where it listens. */
export async function spawnHub(args: readonly string[]): Promise<HubProcess> {
  const child = spawnTs(DESK, ['hub', '--port', '0', ...args]);
  const alive = () => child.process.exitCode === null && child.process.signalCode === null;
  const dispose = async () => {
    if (!alive()) return;
    child.process.kill('SIGKILL');
    await child.exited;
  };
  try {
    const line = await child.waitFor(/hub is running at https?:\/\//, { timeoutMs: 90_000 });
    return { child, url: /(https?:\/\/\S+)/.exec(line)![1]!, alive, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
