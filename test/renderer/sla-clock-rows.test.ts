import { describe, expect, it } from 'vitest';
import type { SlaClock } from '#shared/domain/sla.ts';
import type { IncidentSla } from '#shared/domain/sla-settings.ts';
import { formatBusinessTime, slaClockRows } from '../../renderer/src/incident/sla-clock-rows.ts';

const clock = (over: Partial<SlaClock>): SlaClock => ({
  clock: 'firstResponse',
  state: 'running',
  cycle: 1,
  startedAt: '2026-12-07T14:00:00.000Z',
  targetMinutes: 240,
  elapsedMinutes: 72,
  elapsedMs: 72 * 60_000,
  percentElapsed: 30,
  dueAt: '2026-12-07T17:00:00.000Z',
  metAt: null,
  breached: false,
  breachedAt: '2026-12-07T17:00:00.000Z',
  atRiskAt: '2026-12-07T16:00:00.000Z',
  running: { since: '2026-12-07T14:00:00.000Z', elapsedMs: 0 },
  ...over,
});

const sla = (clocks: SlaClock[]): IncidentSla => ({
  evaluatedAt: '2026-12-07T15:12:00.000Z',
  policy: { id: 'p', name: 'Standard', reason: 'It applies to every incident (it has no conditions)' },
  calendar: { id: 'c', name: 'Office hours (New York)', timeZone: 'America/New_York' },
  clocks,
  due: { phase: 'running', clock: 'firstResponse', dueAt: null, atRiskAt: null, breachAt: null },
});

describe('the incident detail’s SLA clocks', () => {
  it('show target and elapsed in business hours, never in 24-hour days', () => {
    expect(formatBusinessTime(2400 * 60_000)).toBe('40 h 00 min');
    expect(formatBusinessTime(25 * 60_000)).toBe('25 min');
    const [row] = slaClockRows(
      sla([clock({ targetMinutes: 2400, elapsedMs: 90 * 60_000, percentElapsed: 3.75 })]),
      'UTC',
    );
    expect(row).toMatchObject({ label: 'First response', target: '40 h 00 min', elapsed: '1 h 30 min (3 %)' });
  });

  it('give the due instant in the agent’s time zone and in the calendar’s when they differ', () => {
    const [inUtc] = slaClockRows(sla([clock({})]), 'UTC');
    expect(inUtc!.dueHere).toMatch(/5:00|17:00/);
    expect(inUtc!.dueThere).toMatch(/12:00/);
    const [inNewYork] = slaClockRows(sla([clock({})]), 'America/New_York');
    expect(inNewYork!.dueHere).toMatch(/12:00/);
    expect(inNewYork!.dueThere).toBeNull();
  });

  it('say when a breached clock was due, and no due instant for a met one; met late says so', () => {
    const rows = slaClockRows(
      sla([
        clock({ state: 'breached', dueAt: undefined, breached: true }),
        clock({
          clock: 'resolution',
          state: 'met',
          dueAt: undefined,
          metAt: '2026-12-07T18:00:00.000Z',
          breached: true,
        }),
      ]),
      'UTC',
    );
    expect(rows.map((row) => [row.stateLabel, row.dueHere === null])).toEqual([
      ['Breached', false],
      ['Met late', true],
    ]);
  });
});
