import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenTeamLog } from '../helpers/broken-team-log.ts';
import { runSchedule } from '../helpers/convergence.ts';
import type { ScheduleResult } from '../helpers/convergence.ts';
import { startTestHub } from '../helpers/hub.ts';
import type { TestHub } from '../helpers/hub.ts';

/**
 * Convergence (DESIGN §9): randomized schedules of five workstations and a real hub. Replay one with
 * DESK_SEED=<seed> (and DESK_SCHEDULES=1); the number of schedules defaults to 200.
 */
const SCHEDULES = Number(process.env.DESK_SCHEDULES ?? 200);
const FIRST_SEED = Number(process.env.DESK_SEED ?? 1);
const AT_ONCE = 6;

async function runMany(hub: TestHub, seeds: readonly number[]): Promise<ScheduleResult[]> {
  const results: ScheduleResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < seeds.length) {
      const seed = seeds[next++]!;
      results.push(await runSchedule({ seed, pool: hub.hub.database.pool, hubUrl: hub.url }));
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  return results.sort((a, b) => a.seed - b.seed);
}

describe('convergence', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub.close());

  it(`every workstation ends equal to the others and the hub, with every change (${SCHEDULES} schedules)`, async () => {
    const seeds = Array.from({ length: SCHEDULES }, (_, i) => FIRST_SEED + i);
    const results = await runMany(hub, seeds);
    const failed = results.filter((r) => r.problems.length);
    const report = failed.map(
      (r) => `seed ${r.seed} (replay: DESK_SEED=${r.seed} DESK_SCHEDULES=1):\n  ${r.problems.join('\n  ')}`,
    );
    expect(report, report.join('\n')).toEqual([]);
    expect(results.reduce((sum, r) => sum + r.commands, 0)).toBeGreaterThan(SCHEDULES * 5);
  }, 900_000);
});

describe('the harness itself', () => {
  let broken: TestHub;
  beforeAll(async () => {
    broken = await startTestHub({ teamLog: brokenTeamLog() });
  });
  afterAll(() => broken.close());

  it('catches the rows a cursor without the team lock loses', async () => {
    // A loss needs a late commit to land between another push and a pull; on a loaded machine the timings
    // shift, so batches of schedules run until one shows it (the first batch does, as a rule).
    const results: ScheduleResult[] = [];
    for (let batch = 0; batch < 5 && !results.some((r) => r.lost > 0); batch++) {
      results.push(
        ...(await runMany(
          broken,
          Array.from({ length: 12 }, (_, i) => 10_000 + batch * 12 + i),
        )),
      );
    }
    const lost = results.reduce((sum, r) => sum + r.lost, 0);
    expect(lost, 'the broken variant should lose rows that commit late, and the harness should notice').toBeGreaterThan(
      0,
    );
    expect(results.some((r) => r.problems.some((p) => p.includes('never received')))).toBe(true);
  }, 600_000);
});
