import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR_ID } from '#shared/domain/calendar.ts';
import { sweepTimeRules } from '#core/automation/time-rules.ts';
import { call } from '../helpers/invoke.ts';
import { recomputeKpiFacts, storedKpiFacts } from '../helpers/kpi-recompute.ts';
import { openTempCore } from '../helpers/temp-workspace.ts';
import type { TempCore } from '../helpers/temp-workspace.ts';

/**
 * An escalation rule's firing, written by the rules engine on a real workspace, counts for the escalation rate
 * as an escalation by hand does, and an incident escalated both ways counts once. Worked out by hand: three
 * incidents reported today, two of them escalated.
 */
const MINUTE = 60_000;

describe('the escalation rate on a workspace whose escalation rule fires', () => {
  let temp: TempCore;
  const ids: Record<'fired' | 'firedAndByHand' | 'quiet', string> = { fired: '', firedAndByHand: '', quiet: '' };

  beforeAll(async () => {
    temp = await openTempCore();
    const { core, clock } = temp;
    await call(core, 'session/register', { name: 'Sam Supervisor', email: 'sam@desk.example' });
    const me = (await call(core, 'session/get', {})).agent!;
    await call(core, 'sla/savePolicy', {
      name: 'Critical',
      conditions: { priorities: [1] },
      targets: { firstResponseMinutes: 2, resolutionMinutes: 60 },
      calendarId: DEFAULT_CALENDAR_ID,
    });
    await call(core, 'rule/save', {
      name: 'Escalate an unanswered P1',
      enabled: true,
      trigger: { type: 'sla_elapsed', clock: 'firstResponse', percent: 50 },
      conditions: [{ field: 'priority', operator: 'is_any_of', values: [1] }],
      actions: [{ type: 'notify', to: 'supervisors', agentIds: [], templateId: null }],
    });
    const create = async (title: string, impact: 1 | 2 | 3) =>
      (await call(core, 'incident/create', { title, channel: 'phone', impact, urgency: impact, assigneeId: me.id }))
        .incident.id;
    ids.fired = await create('Payroll run fails', 1);
    ids.firedAndByHand = await create('Mail is down', 1);
    ids.quiet = await create('Toner low', 3);
    clock.advance(MINUTE + 40_000);
    expect(await sweepTimeRules(core.store, { now: clock.now() })).toMatchObject({ fired: 2 });
    await core.store.command(me.id, async (_tx, recorder) => {
      recorder.append('incident', ids.firedAndByHand, 'escalated', { level: 2, reason: 'Called the supervisor' });
    });
  });

  afterAll(async () => {
    await temp?.dispose();
  });

  it('counts each escalated incident once, whether a rule or a person escalated it', async () => {
    const report = await call(temp.core, 'kpi/report', { period: { preset: 'today' } });
    expect(report.figures.created).toBe(3);
    expect(report.figures.escalationRate).toEqual({ count: 2, of: 3, rate: 2 / 3 });
    const drilled = await call(temp.core, 'queue/page', {
      filter: { kpi: { period: { preset: 'today' }, filters: {}, measure: 'calendar', figure: 'escalated' } },
      sort: { column: 'number', direction: 'asc' },
      offset: 0,
      limit: 10,
    });
    expect(drilled.rows.map((row) => row.id).sort()).toEqual([ids.fired, ids.firedAndByHand].sort());
  });

  it('keeps the escalations a full recomputation from the whole timeline gives', async () => {
    // The recomputation has no service levels (SLA verdicts are checked elsewhere): the escalations are compared.
    const escalations = (facts: { id: string; escalations: number }[]) => facts.map((f) => [f.id, f.escalations]);
    const stored = escalations(await storedKpiFacts(temp.core.store.db));
    expect(stored).toEqual(escalations(await recomputeKpiFacts(temp.core.store.db)));
    expect(new Map(stored as [string, number][])).toEqual(
      new Map([
        [ids.fired, 1],
        [ids.firedAndByHand, 2],
        [ids.quiet, 0],
      ]),
    );
  });
});
