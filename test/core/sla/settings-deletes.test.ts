import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR_ID } from '#shared/domain/calendar.ts';
import type { Agent } from '#shared/domain/reference.ts';
import { readChangeLog } from '../../helpers/change-log.ts';
import { call, refusal } from '../../helpers/invoke.ts';
import { openTempCore } from '../../helpers/temp-workspace.ts';
import type { TempCore } from '../../helpers/temp-workspace.ts';

/**
 * Deleting a service level or a calendar from Settings: refused, with the reason and nothing written, where
 * something still depends on it or the agent may not; done otherwise.
 */
let temp: TempCore;
let sam: Agent;

beforeEach(async () => {
  temp = await openTempCore();
  sam = (await call(temp.core, 'session/register', { name: 'Sam Super', email: 'sam@desk.example' })).agent!;
});
afterEach(() => temp.dispose());

const policy = (name: string) =>
  call(temp.core, 'sla/savePolicy', {
    name,
    conditions: { priorities: [1] },
    targets: { resolutionMinutes: 240 },
    calendarId: DEFAULT_CALENDAR_ID,
  });

const ruleNaming = (name: string, policyIds: string[], operator: 'is_any_of' | 'is_none_of' = 'is_any_of') =>
  call(temp.core, 'rule/save', {
    name,
    enabled: false,
    trigger: { type: 'sla_elapsed', clock: 'resolution', percent: 75 },
    conditions: [{ field: 'slaPolicyId', operator, values: policyIds }],
    actions: [{ type: 'add_note', text: 'Three quarters gone.' }],
  });

const policyNames = async () => (await call(temp.core, 'sla/policies', {})).map((p) => p.name);

describe('deleting a service level', () => {
  it('is refused while a rule names it, saying which, and writes nothing', async () => {
    const critical = await policy('Critical');
    const other = await policy('Other');
    const rule = await ruleNaming('Warn at 75 %', [critical.id]);
    await ruleNaming('Everything but Critical', [critical.id, other.id], 'is_none_of');
    const before = (await readChangeLog(temp.core.store.db)).length;

    expect(await refusal(temp.core, 'sla/deletePolicy', { id: critical.id })).toEqual({
      code: 'conflict',
      message:
        'Critical is named by the rules “Warn at 75 %” and “Everything but Critical”; change them under Automation first.',
    });
    expect((await readChangeLog(temp.core.store.db)).length).toBe(before);
    expect(await policyNames()).toEqual(['Critical', 'Other']);

    await call(temp.core, 'rule/delete', { id: rule.id });
    expect(await refusal(temp.core, 'sla/deletePolicy', { id: critical.id })).toMatchObject({
      message: 'Critical is named by the rule “Everything but Critical”; change it under Automation first.',
    });
  });

  it('is done when no rule names it, once', async () => {
    const critical = await policy('Critical');
    await ruleNaming('Something else', [(await policy('Other')).id]);
    expect(await call(temp.core, 'sla/deletePolicy', { id: critical.id })).toEqual({ deleted: true });
    expect(await policyNames()).toEqual(['Other']);
    expect(await call(temp.core, 'sla/deletePolicy', { id: critical.id })).toEqual({ deleted: false });
  });
});

describe('deleting in Settings as an agent', () => {
  it('is refused for calendars and service levels alike', async () => {
    const critical = await policy('Critical');
    const calendar = await call(temp.core, 'calendar/save', {
      name: 'Office hours',
      timeZone: 'Europe/Berlin',
      hours: { mon: [['08:00', '17:00']] },
    });
    const alex = await call(temp.core, 'agent/save', {
      name: 'Alex Agent',
      email: 'alex@desk.example',
      role: 'agent',
      groupIds: [],
      active: true,
    });
    await call(temp.core, 'session/signIn', { agentId: alex.id });
    expect(await refusal(temp.core, 'sla/deletePolicy', { id: critical.id })).toMatchObject({ code: 'forbidden' });
    expect(await refusal(temp.core, 'calendar/delete', { id: calendar.id })).toMatchObject({ code: 'forbidden' });
    await call(temp.core, 'session/signIn', { agentId: sam.id });
    expect(await policyNames()).toEqual(['Critical']);
  });
});
