import { describe, expect, it } from 'vitest';
import type { Goal } from '#shared/domain/goals.ts';
import { indexReference } from '../../renderer/src/api/reference-index.ts';
import { goalRows } from '../../renderer/src/settings/goal-rows.ts';

const ID = (n: number) => `0190f000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const reference = indexReference({
  agents: [{ id: ID(1), name: 'Ada Agent', email: 'ada@desk.example', role: 'agent', groupIds: [], active: true }],
  groups: [{ id: ID(2), name: 'Network', description: '' }],
  categories: [],
  services: [],
  priorityMatrix: {} as never,
});
const goal = (n: number, fields: Partial<Goal>): Goal => ({
  id: ID(100 + n),
  kpi: 'resolved',
  target: 10,
  scope: 'team',
  scopeId: null,
  period: 'month',
  ...fields,
});

describe('Settings → Goals rows', () => {
  it('says each goal in words, in the order of the KPI cards, the team first', () => {
    const rows = goalRows(
      [
        goal(1, { kpi: 'reopenRate', target: 5 }),
        goal(2, { scope: 'agent', scopeId: ID(1), target: 40, period: 'week' }),
        goal(3, { kpi: 'timeToResolveMedian', scope: 'group', scopeId: ID(2), target: 8 }),
        goal(4, { target: 200 }),
      ],
      reference,
    );
    expect(rows.map((row) => [row.kpi, row.who, row.target])).toEqual([
      ['Resolved', 'The whole team', 'at least 200 per month'],
      ['Resolved', 'Agent: Ada Agent', 'at least 40 per week'],
      ['Median time to resolve', 'Group: Network', 'at most 8 h'],
      ['Reopen rate', 'The whole team', 'at most 5%'],
    ]);
  });

  it('names a removed agent or group as such, not by an id', () => {
    const rows = goalRows(
      [goal(1, { scope: 'agent', scopeId: ID(9) }), goal(2, { scope: 'group', scopeId: ID(8) })],
      reference,
    );
    expect(rows.map((row) => row.who).sort()).toEqual([
      'A group no longer in this workspace',
      'An agent no longer in this workspace',
    ]);
  });
});
