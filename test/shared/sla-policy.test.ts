import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, DEFAULT_CALENDAR_ID } from '#shared/domain/calendar.ts';
import { CHANNELS } from '#shared/domain/enums.ts';
import { evaluateSlaClocks } from '#shared/domain/sla.ts';
import {
  explainPolicyMatch,
  matchSlaPolicy,
  POLICY_CONDITIONS,
  slaPoliciesSchema,
  slaPolicySchema,
} from '#shared/domain/sla-policy.ts';
import type { PolicyFacts, SlaPolicy, SlaPolicyInput } from '#shared/domain/sla-policy.ts';

const NETWORK = '0190f000-0000-7000-8000-0000000000c1';
const PRINTING = '0190f000-0000-7000-8000-0000000000c2';
const VPN = '0190f000-0000-7000-8000-0000000000d1';
const id = (n: number) => `0190f000-0000-7000-8000-${String(n).padStart(12, '0')}`;

function policy(n: number, input: Partial<SlaPolicyInput> = {}): SlaPolicy {
  return slaPolicySchema.parse({
    id: id(n),
    name: `Policy ${n}`,
    targets: { firstResponseMinutes: 60 * n },
    calendarId: DEFAULT_CALENDAR_ID,
    ...input,
  });
}

const P3_EMAIL: PolicyFacts = {
  priority: 3,
  categoryId: NETWORK,
  serviceId: VPN,
  channel: 'email',
  organisation: 'Acme Corp',
};

describe('SLA policy matching', () => {
  const policies = [
    policy(1, { conditions: { priorities: [1], channels: ['email'] } }),
    policy(2, { conditions: { priorities: [1, 2] } }),
    policy(3, { conditions: { categoryIds: [NETWORK], organisations: ['acme corp'] } }),
    policy(4),
  ];
  const names = { categories: { [NETWORK]: 'Network', [PRINTING]: 'Printing' }, services: { [VPN]: 'VPN' } };

  it('applies the first policy whose conditions all hold, and says why in words', () => {
    const p1 = matchSlaPolicy(policies, { ...P3_EMAIL, priority: 1 }, names);
    expect(p1?.policy.id).toBe(id(1));
    expect(p1?.reason).toBe('Priority is P1 and channel is Email');
    expect(p1?.matchedOn).toEqual(['priorities', 'channels']);
    const p1Phone = matchSlaPolicy(policies, { ...P3_EMAIL, priority: 1, channel: 'phone' }, names);
    expect(p1Phone?.policy.id).toBe(id(2));
    expect(p1Phone?.reason).toBe('Priority is P1');
    const p3 = matchSlaPolicy(policies, P3_EMAIL, names);
    expect(p3?.policy.id).toBe(id(3));
    expect(p3?.reason).toBe('Category is Network and organisation is Acme Corp');
    const other = matchSlaPolicy(policies, { ...P3_EMAIL, organisation: 'Globex' }, names);
    expect(other?.policy.id).toBe(id(4));
    expect(other?.reason).toBe('It applies to every incident (it has no conditions)');
  });

  it('lists three or more conditions as a sentence and falls back to ids without names', () => {
    const every = policy(9, {
      conditions: {
        priorities: [3],
        categoryIds: [NETWORK],
        serviceIds: [VPN],
        channels: ['email', 'web'],
        organisations: ['ACME CORP '],
      },
    });
    expect(explainPolicyMatch(every, P3_EMAIL, names)?.reason).toBe(
      'Priority is P3, category is Network, service is VPN, channel is Email and organisation is Acme Corp',
    );
    expect(explainPolicyMatch(every, P3_EMAIL)?.reason).toContain(`category is ${NETWORK}`);
  });

  it('treats an empty condition as any value and a set one as a choice among its values', () => {
    const facts: PolicyFacts = { ...P3_EMAIL };
    for (const condition of POLICY_CONDITIONS) {
      const wrong = {
        priorities: [5],
        categoryIds: [PRINTING],
        serviceIds: [id(77)],
        channels: ['monitoring'],
        organisations: ['Globex'],
      }[condition];
      expect(explainPolicyMatch(policy(5, { conditions: { [condition]: wrong } }), facts), condition).toBeNull();
      const right = {
        priorities: [2, 3],
        categoryIds: [PRINTING, NETWORK],
        serviceIds: [VPN],
        channels: ['phone', 'email'],
        organisations: ['Globex', '  acme CORP'],
      }[condition];
      expect(
        explainPolicyMatch(policy(5, { conditions: { [condition]: right } }), facts)?.matchedOn,
        condition,
      ).toEqual([condition]);
    }
    for (const channel of CHANNELS) {
      expect(explainPolicyMatch(policy(6), { ...facts, channel })?.policy.id).toBe(id(6));
    }
  });

  it('does not match a category, service or organisation condition when the incident has none', () => {
    const bare: PolicyFacts = { ...P3_EMAIL, categoryId: null, serviceId: null, organisation: null };
    for (const conditions of [{ categoryIds: [NETWORK] }, { serviceIds: [VPN] }, { organisations: ['Acme Corp'] }]) {
      expect(explainPolicyMatch(policy(7, { conditions }), bare)).toBeNull();
    }
    expect(matchSlaPolicy(policies.slice(0, 3), bare)).toBeNull();
  });

  it('re-matches after a priority change and keeps the elapsed time', () => {
    const ordered = [
      policy(1, { conditions: { priorities: [1] }, targets: { resolutionMinutes: 60 } }),
      policy(2, { targets: { resolutionMinutes: 480 } }),
    ];
    const before = matchSlaPolicy(ordered, P3_EMAIL)!;
    const after = matchSlaPolicy(ordered, { ...P3_EMAIL, priority: 1 })!;
    expect([before.policy.id, after.policy.id]).toEqual([id(2), id(1)]);
    const clocks = evaluateSlaClocks({
      calendar: DEFAULT_CALENDAR,
      targets: before.policy.targets,
      createdAt: '2024-06-03T09:00:00Z',
      initialStatus: 'new',
      events: [{ at: '2024-06-03T10:30:00Z', type: 'targets', targets: after.policy.targets }],
      now: '2024-06-03T11:00:00Z',
      pauseStatuses: after.policy.pauseStatuses,
    });
    expect(clocks.resolution).toMatchObject({
      elapsedMinutes: 120,
      targetMinutes: 60,
      breached: true,
      breachedAt: '2024-06-03T10:30:00Z',
    });
  });
});

describe('SLA policy schema', () => {
  it('fills in any-value conditions and the default pause statuses', () => {
    const parsed = policy(1);
    expect(parsed.conditions).toEqual({
      priorities: [],
      categoryIds: [],
      serviceIds: [],
      channels: [],
      organisations: [],
    });
    expect(parsed.pauseStatuses).toEqual(['waiting_on_customer', 'resolved', 'closed']);
  });

  const valid = { id: id(1), name: 'Gold', targets: { resolutionMinutes: 480 }, calendarId: DEFAULT_CALENDAR_ID };
  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['a zero target', { targets: { firstResponseMinutes: 0 } }, /First response must be more than 0 minutes/],
    ['a negative target', { targets: { resolutionMinutes: -5 } }, /Resolution must be more than 0 minutes/],
    ['a fractional target', { targets: { nextUpdateMinutes: 1.5 } }, /Next update must be whole minutes/],
    ['a target as text', { targets: { resolutionMinutes: '60' } }, /Resolution must be a number of minutes/],
    ['no target at all', { targets: {} }, /at least one target/],
    ['an unknown target', { targets: { resolutionMinutes: 60, lunchMinutes: 30 } }, /lunchMinutes/],
    ['a calendar that is no id', { calendarId: 'office' }, /calendarId/],
    ['an unknown pause status', { pauseStatuses: ['lunch'] }, /pauseStatuses/],
    ['cancelled as a pause', { pauseStatuses: ['cancelled'] }, /cannot be a pause status/],
    ['a pause status twice', { pauseStatuses: ['resolved', 'resolved'] }, /pause statuses are listed twice/],
    ['an unknown priority', { conditions: { priorities: [7] } }, /priorities/],
    ['an unknown channel', { conditions: { channels: ['fax'] } }, /channels/],
    ['an empty name', { name: '  ' }, /Policy name is required/],
  ];
  for (const [why, change, message] of bad) {
    it(`refuses ${why}`, () => {
      const result = slaPolicySchema.safeParse({ ...valid, ...change });
      expect(result.success).toBe(false);
      expect(JSON.stringify(result.error?.issues)).toMatch(message);
    });
  }

  it('refuses two policies with the same id', () => {
    expect(slaPoliciesSchema.safeParse([valid, { ...valid, name: 'Copy' }]).success).toBe(false);
    expect(slaPoliciesSchema.safeParse([valid, { ...valid, id: id(2) }]).success).toBe(true);
  });
});
