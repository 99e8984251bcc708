import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiReport } from '#shared/domain/kpi-answer.ts';
import type { KpiDrill, KpiReportInput } from '#shared/domain/kpi-query.ts';
import { createCore } from '#core/index.ts';
import type { Core } from '#core/index.ts';
import { openDemoCore } from '../helpers/demo-workspace.ts';
import type { DemoCore } from '../helpers/demo-workspace.ts';
import { call, refusal } from '../helpers/invoke.ts';

/** The KPI entries on a real demo workspace: drill-down into the queue, live figures, goals, refusals. */
const LAST_30: KpiReportInput = { period: { preset: 'last30Days' } };

async function queueTotal(core: Core, drill: KpiDrill): Promise<number> {
  const page = await call(core, 'queue/page', {
    filter: { kpi: drill },
    sort: { column: 'number', direction: 'asc' },
    offset: 0,
    limit: 10,
  });
  return page.total;
}

const drill = (figure: KpiDrill['figure'], extra: Partial<KpiDrill> = {}): KpiDrill => ({
  period: { preset: 'last30Days' },
  filters: {},
  measure: 'calendar',
  figure,
  ...extra,
});

describe('KPIs on the demo workspace', () => {
  let demo: DemoCore;
  let report: KpiReport;

  beforeAll(async () => {
    demo = await openDemoCore({ incidents: 400 });
    await call(demo.core, 'session/signIn', { agentId: demo.supervisor.id });
    report = await call(demo.core, 'kpi/report', LAST_30);
  });

  afterAll(async () => {
    await demo?.dispose();
  });

  it('has something in every figure the demo can have', () => {
    expect(report.figures.created).toBeGreaterThan(50);
    expect(report.figures.resolved).toBeGreaterThan(50);
    expect(report.figures.backlog.atEnd).toBeGreaterThan(0);
    expect(report.figures.timeToResolve.medianMinutes).toBeGreaterThan(0);
    expect(report.buckets).toHaveLength(30);
    expect(report.teamView).toBe(true);
    expect(report.byAgent.length).toBeGreaterThan(5);
  });

  it('a drill-down opens the queue with as many incidents as the figure says', async () => {
    const { core } = demo;
    const f = report.figures;
    expect(await queueTotal(core, drill('created'))).toBe(f.created);
    expect(await queueTotal(core, drill('resolved'))).toBe(f.resolved);
    expect(await queueTotal(core, drill('backlogAtEnd'))).toBe(f.backlog.atEnd);
    expect(await queueTotal(core, drill('backlogAtStart'))).toBe(f.backlog.atStart);
    expect(await queueTotal(core, drill('acknowledged'))).toBe(f.mtta.count);
    expect(await queueTotal(core, drill('created', { previous: true }))).toBe(report.previousFigures.created);
    const busiest = report.series.created.email.indexOf(Math.max(...report.series.created.email));
    expect(await queueTotal(core, drill('created', { bucket: busiest, slice: { channel: 'email' } }))).toBe(
      report.series.created.email[busiest],
    );
    const row = report.byAgent.find((r) => r.figures.resolved > 0)!;
    expect(await queueTotal(core, drill('resolved', { slice: { agentId: row.key } }))).toBe(row.figures.resolved);
    const last = report.buckets.length - 1;
    expect(await queueTotal(core, drill('backlog', { bucket: last, slice: { ageBucket: 'over30Days' } }))).toBe(
      report.series.backlog.over30Days[last],
    );
  });

  it('a script without the in-memory index (SQL) answers the same report as the dashboard', async () => {
    const oneShot = await createCore({ dataDir: demo.dir, now: demo.clock.now, queueIndex: false, autoSync: false });
    try {
      await call(oneShot, 'session/signIn', { agentId: demo.supervisor.id });
      for (const input of [
        LAST_30,
        { period: { preset: 'thisMonth' as const }, filters: { channels: ['phone' as const] } },
      ]) {
        const fromSql = await call(oneShot, 'kpi/report', input);
        const fromIndex = await call(demo.core, 'kpi/report', input);
        expect({ ...fromSql, generatedAt: '' }).toEqual({ ...fromIndex, generatedAt: '' });
      }
      expect(await queueTotal(oneShot, drill('resolved'))).toBe(report.figures.resolved);
    } finally {
      await oneShot.close();
    }
  });

  it('figures follow incidents as they change, without reloading anything', async () => {
    const { core } = demo;
    const open = await call(core, 'queue/page', {
      filter: { statuses: ['in_progress'] },
      sort: { column: 'number', direction: 'asc' },
      offset: 0,
      limit: 1,
    });
    const before = await call(core, 'kpi/report', { period: { preset: 'today' } });
    await call(core, 'incident/transition', {
      id: open.rows[0]!.id,
      action: 'resolve',
      notes: 'Fixed.',
      resolutionCode: 'solved_remotely',
      cause: 'A stale cache.',
    });
    const after = await call(core, 'kpi/report', { period: { preset: 'today' } });
    expect(after.figures.resolved).toBe(before.figures.resolved + 1);
    expect(after.figures.backlog.atEnd).toBe(before.figures.backlog.atEnd - 1);
  });

  it('goals: set by a supervisor, judged on the team’s, a group’s or an agent’s figures, and removed', async () => {
    const { core, agent } = demo;
    const team = await call(core, 'goal/save', { kpi: 'resolved', target: 100, scope: 'team', period: 'month' });
    const mine = await call(core, 'goal/save', { kpi: 'mtta', target: 45, scope: 'agent', scopeId: agent.id });
    const withGoals = await call(core, 'kpi/report', LAST_30);
    const teamGoal = withGoals.goals.find((g) => g.goal.id === team.id)!;
    expect(teamGoal.value).toBe(withGoals.figures.resolved);
    expect(teamGoal.target).toBeCloseTo((100 * 30) / (365.25 / 12), 6);
    const row = withGoals.byAgent.find((r) => r.key === agent.id)!;
    expect(row.goals.map((g) => g.goal.id)).toEqual([mine.id]);
    expect(row.goals[0]!.value).toBe(row.figures.mtta.meanMinutes);
    expect(await call(core, 'goal/delete', { id: mine.id })).toEqual({ deleted: true });
    expect((await call(core, 'goal/list', {})).map((g) => g.id)).toEqual([team.id]);
  });

  it('refuses, in words, what cannot be answered', async () => {
    const { core } = demo;
    const inverted = await refusal(core, 'kpi/report', { period: { from: '2026-03-01', to: '2026-02-01' } });
    expect(inverted).toEqual({ code: 'invalid_input', message: expect.stringMatching(/ends before it starts/) });
    const gone = '0190f000-0000-7000-8000-0000000000ff';
    const unknownAgent = await refusal(core, 'kpi/report', { ...LAST_30, filters: { agentIds: [gone] } });
    expect(unknownAgent).toEqual({
      code: 'invalid_input',
      message: expect.stringMatching(/names an agent that is not in this workspace .* it may have been removed/),
    });
    const goalForNobody = await refusal(core, 'goal/save', { kpi: 'mtta', target: 30, scope: 'agent', scopeId: gone });
    expect(goalForNobody.message).toMatch(/No agent with id/);
    const negative = await refusal(core, 'goal/save', { kpi: 'resolved', target: -10, scope: 'team' });
    expect(negative).toEqual({ code: 'invalid_input', message: expect.stringMatching(/The target must be 0 or more/) });
    const zone = await refusal(core, 'kpi/saveSettings', { timeZone: 'Mars/Olympus' });
    expect(zone.message).toMatch(/not a time zone/);
  });

  it('a period with no incidents answers zeros and nulls, not NaN', async () => {
    const empty = await call(demo.core, 'kpi/report', { period: { from: '2020-01-01', to: '2020-02-01' } });
    expect(empty.figures).toMatchObject({ created: 0, resolved: 0, backlog: { atStart: 0, atEnd: 0 } });
    expect(empty.figures.timeToResolve.meanMinutes).toBeNull();
    expect(JSON.stringify(empty)).not.toMatch(/NaN|Infinity/);
  });

  it('the reports’ time zone is a team setting the days are counted in', async () => {
    const { core } = demo;
    await call(core, 'kpi/saveSettings', { timeZone: 'America/New_York' });
    const inNewYork = await call(core, 'kpi/report', { period: { from: '2026-02-01', to: '2026-02-02' } });
    expect(inNewYork.timeZone).toBe('America/New_York');
    expect(inNewYork.period.from).toBe('2026-02-01T05:00:00Z');
    await call(core, 'kpi/saveSettings', { timeZone: 'UTC' });
  });

  describe('as an agent', () => {
    let supervisors: KpiReport;
    beforeAll(async () => {
      supervisors = await call(demo.core, 'kpi/report', LAST_30);
      await call(demo.core, 'session/signIn', { agentId: demo.agent.id });
    });
    afterAll(async () => {
      await call(demo.core, 'session/signIn', { agentId: demo.supervisor.id });
    });

    it('sees the team’s totals and their own row, and “me” is their own figures', async () => {
      const { core, agent } = demo;
      const team = await call(core, 'kpi/report', LAST_30);
      expect(team.teamView).toBe(false);
      expect(team.figures).toEqual(supervisors.figures);
      expect(team.byAgent.map((r) => r.key)).toEqual([agent.id]);
      const mine = await call(core, 'kpi/report', { ...LAST_30, filters: { agentIds: ['me'] } });
      expect(mine.filters.agentIds).toEqual([agent.id]);
      expect(mine.figures).toEqual(supervisors.byAgent.find((r) => r.key === agent.id)!.figures);
    });

    it('may not look at another agent’s figures, nor set goals', async () => {
      const { core, supervisor } = demo;
      const other = await refusal(core, 'kpi/report', { ...LAST_30, filters: { agentIds: [supervisor.id] } });
      expect(other.code).toBe('forbidden');
      const goal = await refusal(core, 'goal/save', { kpi: 'resolved', target: 5, scope: 'team' });
      expect(goal.code).toBe('forbidden');
    });
  });
});
