import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface TsChild {
  readonly process: ChildProcess;
  /**
   * Resolves with the `occurrence`-th stdout line (past or future, 1 by default) that matches; rejects if the
   * child exits first.
   */
  waitFor(pattern: RegExp, options?: { occurrence?: number; timeoutMs?: number }): Promise<string>;
  /** Every stdout line so far. */
  readonly lines: readonly string[];
  /** stderr so far, for failure messages. */
  stderr(): string;
  /** Resolves when the child has exited, with its signal or code. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs a TypeScript file in a child Node process through tsx, as the CLI runs. */
export function spawnTs(script: string, args: readonly string[]): TsChild {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let errors = '';
  const waiters = new Set<{ pattern: RegExp; remaining: number; resolve: (line: string) => void }>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const waiter of waiters) {
      if (waiter.pattern.test(line) && --waiter.remaining === 0) {
        waiters.delete(waiter);
        waiter.resolve(line);
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    lines,
    stderr: () => errors,
    exited,
    waitFor: (pattern, { occurrence = 1, timeoutMs = 20_000 } = {}) => {
      const seen = lines.filter((line) => pattern.test(line));
      if (seen.length >= occurrence) return Promise.resolve(seen[occurrence - 1]!);
      return new Promise((resolve, reject) => {
        const waiter = {
          pattern,
          remaining: occurrence - seen.length,
          resolve: (line: string) => {
            clearTimeout(timer);
            resolve(line);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No line matching ${pattern} within ${timeoutMs} ms. stderr: ${errors}`));
        }, timeoutMs);
        waiters.add(waiter);
        void exited.then(({ code, signal }) => {
          if (!waiters.delete(waiter)) return;
          clearTimeout(timer);
          reject(new Error(`The child exited (${code ?? signal}) before printing ${pattern}. stderr: ${errors}`));
        });
      });
    },
  };
}

/** Kills the child with SIGKILL, as a power cut or `kill -9` would, and waits until it is gone. */
export async function killHard(child: TsChild): Promise<void> {
  child.process.kill('SIGKILL');
  const { signal } = await child.exited;
  if (signal !== 'SIGKILL') throw new Error(`The child ended on its own (${signal}) before it could be killed.`);
}
