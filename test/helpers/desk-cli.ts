import { execFile } from 'node:child_process';
import path from 'node:path';
import { vi } from 'vitest';
import { REPO_ROOT } from './child-process.ts';

export interface DeskRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const DESK = path.join(REPO_ROOT, 'electron', 'host', 'desk.mjs');

/** Runs the real `desk` command in its own process, as a person at a terminal would. */
export function desk(...args: string[]): Promise<DeskRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [DESK, ...args], { cwd: REPO_ROOT, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs the same `main` in this process, for the many cases where a new process would only add start-up time. */
export async function deskInProcess(...args: string[]): Promise<DeskRun> {
  const { main } = await import('../../electron/host/cli.ts');
  let stdout = '';
  let stderr = '';
  const log = vi.spyOn(console, 'log').mockImplementation((...parts) => void (stdout += `${parts.join(' ')}\n`));
  const error = vi.spyOn(console, 'error').mockImplementation((...parts) => void (stderr += `${parts.join(' ')}\n`));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
