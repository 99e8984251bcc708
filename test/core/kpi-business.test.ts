import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR_ID } from '#shared/domain/calendar.ts';
import type { KpiReportInput } from '#shared/domain/kpi-query.ts';
import { at, logReportsCalledBack, officeHours, THREE_CALLED_BACK } from '../helpers/called-back.ts';
import { call } from '../helpers/invoke.ts';
import { openTempCore, testClock } from '../helpers/temp-workspace.ts';
import type { TempCore } from '../helpers/temp-workspace.ts';

/**
 * Durations in business hours, on the workspace's default calendar: the in-memory index works each incident's
 * out once and keeps it for the next report. Worked out by hand below, the figures must follow the calendar when
 * the team changes it, and an incident when its history grows after its durations were kept.
 */
const saveDefaultCalendar = (temp: TempCore, open: string, close: string) =>
  call(temp.core, 'calendar/save', {
    id: DEFAULT_CALENDAR_ID,
    name: 'Office',
    timeZone: 'UTC',
    hours: officeHours(open, close),
  });

const BUSINESS: KpiReportInput = { period: { from: '2026-02-23', to: '2026-03-04' }, measure: 'business' };

describe('KPIs in business hours, kept from one report to the next', () => {
  let temp: TempCore;
  const incidentIds: string[] = [];

  beforeAll(async () => {
    temp = await openTempCore({ clock: testClock(at('2026-02-27T09:00:00Z')) });
    const { core, clock } = temp;
    await call(core, 'session/register', { name: 'Sam Super', email: 'sam@desk.example' });
    await saveDefaultCalendar(temp, '09:00', '17:00');
    incidentIds.push(...(await logReportsCalledBack(temp, THREE_CALLED_BACK)));
    clock.set(at('2026-03-02T13:00:00Z'));
  });

  afterAll(async () => {
    await temp?.dispose();
  });

  it('measures first responses in the calendar’s opening hours', async () => {
    const report = await call(temp.core, 'kpi/report', BUSINESS);
    // 30 minutes on Friday before closing and 20 on Monday; 45; 90.
    expect(report.figures.firstResponse).toMatchObject({ count: 3, medianMinutes: 50, totalMinutes: 185 });
    // Round the clock, Friday to Monday is 64 hours 50 minutes.
    const calendar = await call(temp.core, 'kpi/report', { ...BUSINESS, measure: 'calendar' });
    expect(calendar.figures.firstResponse).toMatchObject({ count: 3, medianMinutes: 90, totalMinutes: 4025 });
  });

  it('measures again when the calendar changes', async () => {
    // Mornings only, 09:00 to 11:30: 20 minutes on Monday; 45; 30 before closing.
    await saveDefaultCalendar(temp, '09:00', '11:30');
    const report = await call(temp.core, 'kpi/report', BUSINESS);
    expect(report.figures.firstResponse).toMatchObject({ count: 3, medianMinutes: 30, totalMinutes: 95 });
  });

  it('measures an incident again when its history grows, and one that is new', async () => {
    const { core, clock } = temp;
    // Resolved at 13:00 Monday, after the mornings' closing: 10:00 to 11:30 is 90 minutes.
    await call(core, 'incident/transition', {
      id: incidentIds[1]!,
      action: 'resolve',
      notes: 'Replaced the fuser.',
      resolutionCode: 'solved_permanently',
      cause: 'A worn fuser',
    });
    // Reported after closing on Monday, resolved 09:10 on Tuesday: 10 minutes.
    const late = await call(core, 'incident/create', {
      title: 'Scanner jammed',
      channel: 'walk_in',
      impact: 3,
      urgency: 3,
    });
    clock.set(at('2026-03-03T09:10:00Z'));
    await call(core, 'incident/transition', {
      id: late.incident.id,
      action: 'resolve',
      notes: 'Cleared the jam.',
      resolutionCode: 'solved_permanently',
      cause: 'A folded page',
    });
    const report = await call(core, 'kpi/report', BUSINESS);
    expect(report.figures.timeToResolve).toMatchObject({ count: 2, totalMinutes: 100, p90Minutes: 90 });
  });
});
