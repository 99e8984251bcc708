import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { workspaceFile } from '#core/index.ts';

/** DESIGN §9: the core within 300 MB at 100,000 incidents. */
export const CORE_MEMORY_BUDGET_MB = 300;

const ROOT = path.resolve(import.meta.dirname, '..', '..');
// Inside the project's node_modules, so the bundle finds the packages it leaves out (sqlite3 and the rest).
const OUT_DIR = path.join(ROOT, 'node_modules', '.cache', 'desk-bench');

interface ProbeResult {
  readonly peakRssMb: number;
  readonly steps: readonly { readonly step: string; readonly rssMb: number; readonly heapMb: number }[];
}

/**
 * The core's memory as the app runs it: bundled like the main process (the desk's code in one file, packages
 * beside it; run under tsx, the TypeScript compiler's and its source maps' memory would be counted as the
 * desk's, about 80 MB), in a process of its own that does nothing but the desk's work on the workspace, its
 * peak resident memory beside that of the same file read by the SQLite driver alone.
 */
export async function benchCoreMemory(dataDir: string, options: { log: (line: string) => void }) {
  mkdirSync(OUT_DIR, { recursive: true });
  const probe = path.join(OUT_DIR, 'core-memory-probe.mjs');
  await build({
    entryPoints: [path.join(import.meta.dirname, 'core-memory-probe.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // The desk's code in chunks of its own, loaded only by the desk's run: the floor's process never holds it.
    splitting: true,
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  const run = (...args: string[]): ProbeResult =>
    JSON.parse(
      execFileSync(
        process.execPath,
        ['--expose-gc', probe, '--data', dataDir, '--file', workspaceFile(dataDir), ...args],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        },
      ),
    ) as ProbeResult;
  options.log('Core memory: the desk’s day on the workspace, in a process of its own …');
  const ours = run();
  const floor = run('--floor');
  return {
    peakRssMb: ours.peakRssMb,
    floorPeakRssMb: floor.peakRssMb,
    budgetMb: CORE_MEMORY_BUDGET_MB,
    withinBudget: ours.peakRssMb <= CORE_MEMORY_BUDGET_MB,
    steps: ours.steps,
    floorSteps: floor.steps,
  };
}
