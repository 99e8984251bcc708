/** Timing helpers for the benchmark scripts: warm up, then sample, then report percentiles in milliseconds. */
export interface Timing {
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly samples: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

export function summarise(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    maxMs: round(sorted.at(-1) ?? 0),
    samples: sorted.length,
  };
}

/** Runs `run(i)` `warmup` times unmeasured, then `iterations` times measured. */
export async function time(iterations: number, run: (i: number) => Promise<unknown>, warmup = 5): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await run(i);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await run(i);
    samples.push(performance.now() - started);
  }
  return summarise(samples);
}

/** Ours and the floor, measured alternately in the same run so machine noise hits both alike. */
export async function timePair(
  iterations: number,
  ours: (i: number) => Promise<unknown>,
  floor: (i: number) => Promise<unknown>,
): Promise<{ ours: Timing; floor: Timing }> {
  for (let i = 0; i < 5; i++) {
    await ours(i);
    await floor(i);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < iterations; i++) {
    let started = performance.now();
    await ours(i);
    a.push(performance.now() - started);
    started = performance.now();
    await floor(i);
    b.push(performance.now() - started);
  }
  return { ours: summarise(a), floor: summarise(b) };
}
