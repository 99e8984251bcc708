import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '#shared/domain/calendar.ts';
import { saveRuleInput } from '#shared/domain/automation-rules.ts';
import { conditionSchema, conditionsHold } from '#shared/domain/rule-conditions.ts';
import type { RuleIncident } from '#shared/domain/rule-conditions.ts';
import { enteredStatus, triggerDue, triggerMatches, triggerSchema } from '#shared/domain/rule-triggers.ts';
import type { TriggerHistory, TriggerHistoryEntry } from '#shared/domain/rule-triggers.ts';

const CATEGORY = '0190f000-0000-7000-8000-0000000000cc';
const AGENT = '0190f000-0000-7000-8000-000000000001';
const TEMPLATE = '0190f000-0000-7000-8000-0000000000ee';
const T0 = Date.UTC(2026, 2, 2, 9, 0);
const DAY = 24 * 60 * 60_000;
const context = { calendar: DEFAULT_CALENDAR };

const incident = (overrides: Partial<RuleIncident> = {}): RuleIncident => ({
  id: '0190f000-0000-7000-8000-0000000000a1',
  number: 7,
  title: 'Printer on floor 2 jams',
  description: 'Tray 2 jams on every job.',
  channel: 'email',
  status: 'new',
  priority: 3,
  impact: 2,
  urgency: 2,
  categoryId: null,
  serviceId: null,
  groupId: null,
  assigneeId: null,
  reporterId: null,
  tags: ['printing'],
  createdAt: new Date(T0).toISOString(),
  ...overrides,
});

const created = (at = T0): TriggerHistoryEntry => ({ id: 'e-created', at, type: 'created', payload: {} });
const moved = (id: string, at: number, from: string, to: string): TriggerHistoryEntry => ({
  id,
  at,
  type: 'changed',
  payload: { action: 'step', changes: [{ field: 'status', from, to }] },
});

describe('event triggers', () => {
  it('match their event, a channel or a status when the trigger names some', () => {
    const fromMail = triggerSchema.parse({ type: 'incident_created', channels: ['email', 'web'] });
    const event = { type: 'incident_created', id: 'e', incidentId: 'i' } as const;
    expect(triggerMatches(fromMail, event, incident())).toBe(true);
    expect(triggerMatches(fromMail, event, incident({ channel: 'phone' }))).toBe(false);
    const toResolved = triggerSchema.parse({ type: 'status_changed', to: ['resolved'] });
    const step = { type: 'status_changed', id: 'e', incidentId: 'i', from: 'in_progress', to: 'resolved' } as const;
    expect(triggerMatches(toResolved, step, incident())).toBe(true);
    expect(triggerMatches(toResolved, { ...step, to: 'closed' }, incident())).toBe(false);
    expect(triggerMatches(toResolved, event, incident())).toBe(false);
  });
});

describe('time triggers', () => {
  const waiting = triggerSchema.parse({ type: 'time_in_status', status: 'waiting_on_customer', minutes: 3 * 24 * 60 });
  const history = (entries: TriggerHistoryEntry[], status: RuleIncident['status']): TriggerHistory => ({
    incident: incident({ status }),
    entries,
  });

  it('fall due a duration after the incident entered the status, named by that entry', () => {
    const entries = [
      created(),
      moved('e-start', T0 + 1000, 'new', 'in_progress'),
      moved('e-wait', T0 + DAY, 'in_progress', 'waiting_on_customer'),
    ];
    expect(triggerDue(waiting, history(entries, 'waiting_on_customer'), context)).toEqual({
      at: new Date(T0 + 4 * DAY).toISOString(),
      occasion: 'e-wait',
    });
  });

  it('are not due once the incident left the status, and a second wait is a new occasion', () => {
    const first = [created(), moved('e-wait', T0 + DAY, 'in_progress', 'waiting_on_customer')];
    const left = [...first, moved('e-resume', T0 + 2 * DAY, 'waiting_on_customer', 'in_progress')];
    expect(triggerDue(waiting, history(left, 'in_progress'), context)).toBeNull();
    const again = [...left, moved('e-wait-2', T0 + 3 * DAY, 'in_progress', 'waiting_on_customer')];
    expect(triggerDue(waiting, history(again, 'waiting_on_customer'), context)?.occasion).toBe('e-wait-2');
  });

  it('count from creation when the incident began in the status', () => {
    const entries = [created()];
    expect(enteredStatus(history(entries, 'new'), 'new')?.id).toBe('e-created');
    expect(enteredStatus(history(entries, 'new'), 'waiting_on_customer')).toBeNull();
  });

  it('refuse a wait of no time or an unknown trigger', () => {
    expect(triggerSchema.safeParse({ type: 'time_in_status', status: 'new', minutes: 0 }).success).toBe(false);
    expect(triggerSchema.safeParse({ type: 'sla_breached' }).success).toBe(false);
  });
});

describe('conditions', () => {
  const parse = (input: unknown) => conditionSchema.parse(input);

  it('hold on the incident’s fields: any of, none of, empty, set, contains', () => {
    expect(conditionsHold([parse({ field: 'priority', operator: 'is_any_of', values: [2, 3] })], incident())).toBe(
      true,
    );
    expect(conditionsHold([parse({ field: 'channel', operator: 'is_none_of', values: ['email'] })], incident())).toBe(
      false,
    );
    expect(conditionsHold([parse({ field: 'categoryId', operator: 'is_empty' })], incident())).toBe(true);
    expect(
      conditionsHold([parse({ field: 'categoryId', operator: 'is_set' })], incident({ categoryId: CATEGORY })),
    ).toBe(true);
    expect(conditionsHold([parse({ field: 'title', operator: 'contains', values: ['PRINTER'] })], incident())).toBe(
      true,
    );
    expect(conditionsHold([parse({ field: 'tags', operator: 'is_any_of', values: ['Printing'] })], incident())).toBe(
      true,
    );
  });

  it('all have to hold', () => {
    const both = [
      parse({ field: 'title', operator: 'contains', values: ['printer'] }),
      parse({ field: 'status', operator: 'is_any_of', values: ['resolved'] }),
    ];
    expect(conditionsHold(both, incident())).toBe(false);
  });

  it('refuse values the field never holds and operators that make no sense for it', () => {
    expect(conditionSchema.safeParse({ field: 'status', operator: 'contains', values: ['new'] }).success).toBe(false);
    expect(conditionSchema.safeParse({ field: 'priority', operator: 'is_any_of', values: [7] }).success).toBe(false);
    expect(conditionSchema.safeParse({ field: 'status', operator: 'is_empty' }).success).toBe(false);
    expect(
      conditionSchema.safeParse({ field: 'categoryId', operator: 'is_any_of', values: ['printing'] }).success,
    ).toBe(false);
  });
});

describe('a rule as saved', () => {
  const rule = {
    name: 'Printers to hardware',
    enabled: true,
    trigger: { type: 'incident_created', channels: [] },
    conditions: [{ field: 'title', operator: 'contains', values: ['printer'] }],
    actions: [{ type: 'set_field', field: 'categoryId', value: CATEGORY }],
  };

  it('takes every kind of action', () => {
    const actions = [
      { type: 'set_field', field: 'impact', value: 1 },
      { type: 'assign', agentId: AGENT },
      { type: 'add_tag', tag: 'vip' },
      { type: 'add_note', text: 'For {{reporter.name}}.' },
      { type: 'send_template', templateId: TEMPLATE, to: 'reporter' },
      { type: 'resolve', resolutionCode: 'no_answer', cause: 'No answer.', notes: 'Nothing heard.' },
    ];
    expect(saveRuleInput.parse({ ...rule, actions }).actions).toHaveLength(6);
  });

  it('refuses no action, a note naming an unknown placeholder, mail to chosen agents without agents', () => {
    expect(saveRuleInput.safeParse({ ...rule, actions: [] }).success).toBe(false);
    const note = saveRuleInput.safeParse({ ...rule, actions: [{ type: 'add_note', text: '{{incident.nmber}}' }] });
    expect(note.error?.issues[0]?.message).toMatch(/\{\{incident\.nmber\}\} is not a placeholder/);
    const agents = { type: 'send_template', templateId: TEMPLATE, to: 'agents' };
    expect(saveRuleInput.safeParse({ ...rule, actions: [agents] }).success).toBe(false);
    const impact = { type: 'set_field', field: 'impact', value: CATEGORY };
    expect(saveRuleInput.safeParse({ ...rule, actions: [impact] }).success).toBe(false);
  });
});
