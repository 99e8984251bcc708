import { spawn } from 'node:child_process';
import type { SpawnOptions } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants as osConstants } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `npm start`: the desktop app where an Electron runtime can open a window, and otherwise one line that says
 * why and points at `npm run web`. The decision is `nextStep`, a pure function of what has been found out so
 * far; `main` only gathers those facts. It never loads the `electron` package: outside Electron its entry
 * downloads the runtime as a side effect of `require`.
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;
const DOWNLOAD_NOTICE_AFTER_MS = 2_000;
const CHECK_TIMEOUT_MS = 20_000;

/** What `node_modules/electron` holds. */
export type Runtime =
  | { readonly kind: 'installed'; readonly executable: string }
  /** The npm package is there but its runtime (path.txt and dist/) has not been downloaded. */
  | { readonly kind: 'not-downloaded' }
  | { readonly kind: 'package-missing' };

export type Attempt = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface LaunchFacts {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  /** The user id on POSIX systems; undefined on Windows. */
  readonly uid?: number | undefined;
  readonly runtime: Runtime;
  /** The result of downloading the runtime in this run, once tried. */
  readonly download?: Attempt;
  /** The result of running the runtime once without a window (`--version`), once tried. */
  readonly check?: Attempt;
}

export type NextStep =
  | { readonly kind: 'refuse'; readonly line: string }
  | { readonly kind: 'download' }
  | { readonly kind: 'check'; readonly executable: string }
  | { readonly kind: 'launch'; readonly executable: string };

export function cannotOpenLine(reason: string): string {
  return `Incident Desk cannot open a desktop window here: ${reason}. Run \`npm run web\` to use it in your browser.`;
}

/** Why no window can appear, or null. macOS and Windows always have a desktop; X11 and Wayland say so in env. */
export function missingDisplay(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string | null {
  if (platform === 'darwin' || platform === 'win32') return null;
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return null;
  return 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
}

export function nextStep(facts: LaunchFacts): NextStep {
  const refuse = (reason: string): NextStep => ({ kind: 'refuse', line: cannotOpenLine(reason) });
  // First, because without a display a download of the runtime would be wasted.
  const noDisplay = missingDisplay(facts.platform, facts.env);
  if (noDisplay) return refuse(noDisplay);
  // Chromium refuses to start as root on Linux unless its sandbox is switched off, which we never do.
  if (facts.platform === 'linux' && facts.uid === 0) return refuse('the desktop app does not run as root');

  const { runtime, download, check } = facts;
  switch (runtime.kind) {
    case 'package-missing':
      return refuse('the electron package is not installed (run `npm install`)');
    case 'not-downloaded':
      if (!download) return { kind: 'download' };
      if (!download.ok)
        return refuse(`the Electron runtime is not installed and downloading it failed (${download.reason})`);
      return refuse('the Electron runtime is still missing after downloading it');
    case 'installed':
      if (!check) return { kind: 'check', executable: runtime.executable };
      if (!check.ok) return refuse(`the Electron runtime cannot run (${check.reason})`);
      return { kind: 'launch', executable: runtime.executable };
  }
}

/** Reads `node_modules/electron` the way its own entry does, without downloading anything. */
export function readRuntime(electronDir: string | null, env: NodeJS.ProcessEnv): Runtime {
  if (!electronDir || !existsSync(path.join(electronDir, 'package.json'))) return { kind: 'package-missing' };
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const executable = path.join(override, relative || 'electron');
    return existsSync(executable) ? { kind: 'installed', executable } : { kind: 'not-downloaded' };
  }
  if (!relative) return { kind: 'not-downloaded' };
  const executable = path.join(electronDir, 'dist', relative);
  return existsSync(executable) ? { kind: 'installed', executable } : { kind: 'not-downloaded' };
}

const NETWORK_FAILURE = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH/;
const MISSING_LIBRARY = /error while loading shared libraries: ([^:\s]+)/;

/** The one phrase that says why a child process failed, from everything it printed. */
export function failureReason(output: string): string {
  const library = MISSING_LIBRARY.exec(output);
  if (library) return `the system library ${library[1]} is missing`;
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('at '));
  const errorLine = lines.find((line) => /^\w*Error\b/.test(line)) ?? lines.at(-1);
  if (!errorLine) return 'it stopped without saying why';
  const line = errorLine.replace(/^\w*Error:\s*/, '');
  const reason = line.length > 160 ? `${line.slice(0, 159)}…` : line;
  return NETWORK_FAILURE.test(line) ? `no connection to the download server: ${reason}` : reason;
}

/** The environment for the app: never run as plain Node, never load a development server's page. */
export function launchEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { ELECTRON_RUN_AS_NODE: _asNode, ELECTRON_RENDERER_URL: _devServer, ...rest } = env;
  return rest;
}

/** A child's exit as our exit code: its own code, or 128 + the signal number, as a shell reports it. */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return signal ? 128 + (osConstants.signals[signal] ?? 0) : 1;
}

interface RunResult {
  readonly code: number;
  readonly output: string;
  readonly timedOut: boolean;
}

function run(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { readonly timeoutMs?: number; readonly onSlow?: () => void } = {},
): Promise<RunResult> {
  const { timeoutMs, onSlow, ...spawnOptions } = options;
  return new Promise((resolve) => {
    const child = spawn(command, args, spawnOptions);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let timedOut = false;
    const timer = timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, timeoutMs)
      : undefined;
    const slow = onSlow ? setTimeout(onSlow, DOWNLOAD_NOTICE_AFTER_MS) : undefined;
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    const finish = (result: RunResult) => {
      clearTimeout(timer);
      clearTimeout(slow);
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolve(result);
    };
    child.on('error', (error) => finish({ code: 1, output: `${output}\nError: ${error.message}`, timedOut }));
    child.on('close', (code, signal) => finish({ code: exitCodeOf(code, signal), output, timedOut }));
  });
}

function resolvePackage(name: string): string | null {
  try {
    return path.dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

async function downloadRuntime(electronDir: string): Promise<Attempt> {
  const result = await run(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: electronDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeoutMs: DOWNLOAD_TIMEOUT_MS,
    // Silent when it fails at once (offline); a real download of ~100 MB deserves a word.
    onSlow: () => console.error('Downloading the Electron runtime (first start only)…'),
  });
  if (result.timedOut) return { ok: false, reason: `it did not finish within ${DOWNLOAD_TIMEOUT_MS / 60_000} minutes` };
  return result.code === 0 ? { ok: true } : { ok: false, reason: failureReason(result.output) };
}

/** Runs the runtime as Node once: a missing system library (libnss3, libgbm…) shows here, not as a crash. */
async function checkRuntime(executable: string): Promise<Attempt> {
  const result = await run(executable, ['--version'], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeoutMs: CHECK_TIMEOUT_MS,
  });
  if (result.timedOut) return { ok: false, reason: 'it did not answer `--version`' };
  return result.code === 0 ? { ok: true } : { ok: false, reason: failureReason(result.output) };
}

async function launch(executable: string, args: readonly string[]): Promise<number> {
  const electronVite = resolvePackage('electron-vite');
  if (!electronVite) {
    console.error('Incident Desk cannot be built: the electron-vite package is missing (run `npm install`).');
    return 1;
  }
  const bin = path.join(electronVite, 'bin', 'electron-vite.js');
  const build = await run(process.execPath, [bin, 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (build.code !== 0) return build.code;
  // The app's own arguments (`npm start -- --data DIR`) follow the project folder.
  const app = await run(executable, [ROOT, ...args], { cwd: ROOT, stdio: 'inherit', env: launchEnv(process.env) });
  return app.code;
}

export async function main(args: readonly string[]): Promise<number> {
  const electronDir = resolvePackage('electron');
  let facts: LaunchFacts = {
    platform: process.platform,
    env: process.env,
    uid: process.getuid?.(),
    runtime: readRuntime(electronDir, process.env),
  };
  for (;;) {
    const step = nextStep(facts);
    switch (step.kind) {
      case 'refuse':
        console.error(step.line);
        return 1;
      case 'download': {
        // nextStep asks for a download only when the package, and so its install script, is there.
        const download = await downloadRuntime(electronDir!);
        facts = { ...facts, download, runtime: readRuntime(electronDir, process.env) };
        break;
      }
      case 'check':
        facts = { ...facts, check: await checkRuntime(step.executable) };
        break;
      case 'launch':
        return launch(step.executable, args);
    }
  }
}

function isProgram(): boolean {
  try {
    return import.meta.url === pathToFileURL(realpathSync(path.resolve(process.argv[1] ?? ''))).href;
  } catch {
    return false;
  }
}

// Run only as the program (`tsx electron/host/start.ts`), not when a test imports the decision functions.
if (isProgram()) {
  process.exitCode = await main(process.argv.slice(2));
}
