import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiReport } from '#shared/domain/kpi-answer.ts';
import type { KpiReportInput } from '#shared/domain/kpi-query.ts';
import type { KpiFigures } from '#shared/domain/kpi-tally.ts';
import { desk, deskInProcess } from '../helpers/desk-cli.ts';
import { openDemoCore } from '../helpers/demo-workspace.ts';
import type { DemoCore } from '../helpers/demo-workspace.ts';
import { call } from '../helpers/invoke.ts';

/** The figures `desk kpi --json` must print, read straight off the screen's report: exactly these fields. */
function expectedFigures(f: KpiFigures) {
  return {
    created: f.created,
    resolved: f.resolved,
    timeToResolve: {
      meanMinutes: f.timeToResolve.meanMinutes,
      medianMinutes: f.timeToResolve.medianMinutes,
      p90Minutes: f.timeToResolve.p90Minutes,
    },
    mtta: { meanMinutes: f.mtta.meanMinutes },
    backlog: { atStart: f.backlog.atStart, atEnd: f.backlog.atEnd },
    slaCompliance: { firstResponse: f.slaCompliance.firstResponse.rate, resolution: f.slaCompliance.resolution.rate },
    firstContactResolution: f.firstContactResolution.rate,
    reopenRate: f.reopenRate.rate,
  };
}

function expectedJson(report: KpiReport) {
  return {
    period: { from: report.period.from, to: report.period.to, timeZone: report.timeZone, measure: report.measure },
    ...expectedFigures(report.figures),
    byAgent: report.byAgent.map((row) => ({ agent: row.email, name: row.name, ...expectedFigures(row.figures) })),
    byGroup: report.byGroup.map((row) => ({ group: row.name, ...expectedFigures(row.figures) })),
  };
}

describe('desk kpi', () => {
  let demo: DemoCore;
  const FROM = '2026-02-01';
  const TO = '2026-03-01';
  const screen = (input: Omit<KpiReportInput, 'period'> = {}) =>
    call(demo.core, 'kpi/report', { period: { from: FROM, to: TO }, ...input });

  beforeAll(async () => {
    demo = await openDemoCore({ incidents: 300 });
    // The screen as a supervisor sees it; the command runs with nobody signed in, and sees the team too.
    await call(demo.core, 'session/signIn', { agentId: demo.supervisor.id });
  });

  afterAll(async () => {
    await demo?.dispose();
  });

  it('prints, as JSON, the same figures the KPIs screen shows for the same period', async () => {
    const run = await desk('kpi', '--data', demo.dir, '--json', '--from', FROM, '--to', TO);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as Record<string, unknown>;
    const report = await screen();
    expect(report.figures.resolved).toBeGreaterThan(20);
    expect(printed).toEqual(expectedJson(report));
  });

  it('with the same filters: a group by name, an agent by email, business hours', async () => {
    const reference = await call(demo.core, 'reference/get', {});
    const group = reference.groups[0]!;
    const byGroup = await deskInProcess(
      'kpi',
      '--data',
      demo.dir,
      '--json',
      '--from',
      FROM,
      '--to',
      TO,
      '--group',
      group.name,
    );
    expect(JSON.parse(byGroup.stdout)).toEqual(expectedJson(await screen({ filters: { groupIds: [group.id] } })));
    const byAgent = await deskInProcess(
      'kpi',
      '--data',
      demo.dir,
      '--json',
      '--from',
      FROM,
      '--to',
      TO,
      '--agent',
      demo.agent.email,
    );
    expect(JSON.parse(byAgent.stdout)).toEqual(expectedJson(await screen({ filters: { agentIds: [demo.agent.id] } })));
    const business = await deskInProcess(
      'kpi',
      '--data',
      demo.dir,
      '--json',
      '--from',
      FROM,
      '--to',
      TO,
      '--business-time',
    );
    expect(JSON.parse(business.stdout)).toEqual(expectedJson(await screen({ measure: 'business' })));
  });

  it('reads dates as whole days and instants as they are: the period is [from, to)', async () => {
    const run = await deskInProcess(
      'kpi',
      '--data',
      demo.dir,
      '--json',
      '--from',
      '2026-02-01T12:00:00+01:00',
      '--to',
      '2026-02-02',
    );
    const printed = JSON.parse(run.stdout) as { period: { from: string; to: string } };
    expect(printed.period).toMatchObject({ from: '2026-02-01T11:00:00Z', to: '2026-02-02T00:00:00Z' });
  });

  it('prints a readable summary without --json', async () => {
    const run = await deskInProcess('kpi', '--data', demo.dir, '--from', FROM, '--to', TO);
    const report = await screen();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('KPIs for 1–28 Feb 2026');
    expect(run.stdout).toMatch(new RegExp(`Resolved\\s+${report.figures.resolved.toLocaleString('en')}`));
    expect(run.stdout).toContain('By agent');
    expect(run.stdout).not.toMatch(/NaN|undefined/);
  });

  const refusals: [string, string[], number, RegExp][] = [
    ['--from without --to', ['--from', FROM], 2, /--from and --to go together/],
    ['an inverted period', ['--from', TO, '--to', FROM], 1, /ends before it starts/],
    ['a WHEN that is not one', ['--from', 'yesterday', '--to', TO], 1, /is not a date \(YYYY-MM-DD\)/],
    ['an agent nobody is', ['--agent', 'nobody@example.com'], 2, /--agent "nobody@example.com" matches nobody/],
    ['a group that does not exist', ['--group', 'Astronauts'], 2, /--group "Astronauts" matches nobody/],
  ];
  for (const [what, args, code, message] of refusals) {
    it(`refuses ${what} in words`, async () => {
      const run = await deskInProcess('kpi', '--data', demo.dir, ...args);
      expect(run.code).toBe(code);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
    });
  }
});
