import { DeskError } from '#shared/errors.ts';
import type { Db, Store } from '../store/store.ts';

/**
 * How far a demo seed got, kept in the store's local settings in the same transaction as each batch it
 * commits. A seed killed part-way (before its first incident batch, or in the middle of them) is run again
 * from the same plan: the same seed and the same "now" make the same changes, the batches already committed
 * are skipped, and the workspace ends as one uninterrupted seed would have left it, with nothing twice.
 */
export interface SeedProgress {
  readonly incidents: number;
  readonly seed: number;
  readonly nowMs: number;
  /** Days of history (absent in progress written before seeds had a length: 90). */
  readonly days?: number;
  /** Batches committed so far. */
  readonly batches: number;
}

const PROGRESS_KEY = 'demo_seed_progress';

function isProgress(value: unknown): value is SeedProgress {
  const progress = value as Partial<SeedProgress> | null;
  return (
    typeof progress === 'object' &&
    progress !== null &&
    [progress.incidents, progress.seed, progress.nowMs, progress.batches].every(Number.isSafeInteger)
  );
}

/** The seed this workspace was in the middle of when it stopped, if any. */
export async function interruptedSeed(store: Store): Promise<SeedProgress | null> {
  const stored = await store.getMeta(PROGRESS_KEY);
  if (!stored) return null;
  try {
    const progress: unknown = JSON.parse(stored);
    return isProgress(progress) ? progress : null;
  } catch {
    return null;
  }
}

/** Written with each batch, in its transaction: the batch and the record of it commit together. */
export function recordProgress(store: Store, progress: SeedProgress): (tx: Db) => Promise<void> {
  return (tx) => store.setMeta(PROGRESS_KEY, JSON.stringify(progress), tx);
}

export async function seedFinished(store: Store): Promise<void> {
  await store.setMeta(PROGRESS_KEY, null);
}

/** Running again is finishing what was started: other options would make another workspace. */
export function checkSameSeed(
  interrupted: SeedProgress,
  options: {
    readonly incidents: number;
    readonly seed: number;
    readonly nowMs?: number | undefined;
    readonly days?: number | undefined;
  },
): void {
  const same =
    interrupted.incidents === options.incidents &&
    interrupted.seed === options.seed &&
    (options.days === undefined || options.days === (interrupted.days ?? 90)) &&
    (options.nowMs === undefined || options.nowMs === interrupted.nowMs);
  if (!same) {
    throw new DeskError(
      'conflict',
      `A seed of this workspace was interrupted (${interrupted.incidents} incidents, seed ${interrupted.seed}). ` +
        `Run it again with --incidents ${interrupted.incidents} --seed ${interrupted.seed} to finish it, ` +
        'or seed an empty data folder instead.',
    );
  }
}
