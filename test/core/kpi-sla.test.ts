import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiReportInput } from '#shared/domain/kpi-query.ts';
import { deskInProcess } from '../helpers/desk-cli.ts';
import { at, logReportsCalledBack, officeHours, ROUND_THE_CLOCK, THREE_CALLED_BACK } from '../helpers/called-back.ts';
import { call } from '../helpers/invoke.ts';
import { openTempCore, testClock } from '../helpers/temp-workspace.ts';
import type { TempCore } from '../helpers/temp-workspace.ts';

/**
 * SLA compliance on the KPIs reads the team's stored calendars and policies, the same clocks the queue's
 * badges read: a first-response target counted in office hours, worked out by hand below, and the figure moving
 * when the calendar does.
 */
const MINUTE = 60_000;

/**
 * THREE_CALLED_BACK against a one-hour first-response target:
 * - Friday 27 Feb 16:30, called back Monday 09:20: 30 minutes on Friday before closing, 20 on Monday: 50, met
 *   in office hours; round the clock it is 16 h 50 min, breached.
 * - Monday 10:00, called back 10:45: 45 minutes, met either way.
 * - Monday 11:00, called back 12:30: 90 minutes, breached either way.
 */
const PERIOD: KpiReportInput = { period: { from: '2026-02-23', to: '2026-03-03' } };

describe('SLA compliance from the stored service levels', () => {
  let temp: TempCore;
  let calendarId: string;

  beforeAll(async () => {
    temp = await openTempCore({ clock: testClock(at('2026-02-27T09:00:00Z')) });
    const { core, clock } = temp;
    await call(core, 'session/register', { name: 'Sam Super', email: 'sam@desk.example' });
    const office = await call(core, 'calendar/save', {
      name: 'Office',
      timeZone: 'UTC',
      hours: officeHours('09:00', '17:00'),
    });
    calendarId = office.id;
    await call(core, 'sla/savePolicy', { name: 'Everyone', targets: { firstResponseMinutes: 60 }, calendarId });
    await logReportsCalledBack(temp, THREE_CALLED_BACK);
    clock.set(at('2026-03-02T13:00:00Z') + MINUTE);
  });

  afterAll(async () => {
    await temp?.dispose();
  });

  it('counts first responses within the target in the policy’s office hours, as worked out by hand', async () => {
    const report = await call(temp.core, 'kpi/report', PERIOD);
    expect(report.figures.slaCompliance.firstResponse).toEqual({ count: 2, of: 3, rate: 2 / 3 });
    // The policy sets no resolution target: no resolution clocks, no figure.
    expect(report.figures.slaCompliance.resolution).toEqual({ count: 0, of: 0, rate: null });
  });

  it('moves when the calendar changes, once the due times are worked out again', async () => {
    await call(temp.core, 'calendar/save', {
      id: calendarId,
      name: 'Office',
      timeZone: 'UTC',
      hours: ROUND_THE_CLOCK,
    });
    await temp.core.settleDueTimes();
    const report = await call(temp.core, 'kpi/report', PERIOD);
    expect(report.figures.slaCompliance.firstResponse).toEqual({ count: 1, of: 3, rate: 1 / 3 });

    // Mornings only, 09:00 to 11:30: the Friday report waits for Monday 09:00 and is answered 20 minutes in;
    // the 11:00 one runs 30 minutes to closing and stops, so its 12:30 call back is in time too: all three met.
    await call(temp.core, 'calendar/save', {
      id: calendarId,
      name: 'Office',
      timeZone: 'UTC',
      hours: officeHours('09:00', '11:30'),
    });
    await temp.core.settleDueTimes();
    const mornings = await call(temp.core, 'kpi/report', PERIOD);
    expect(mornings.figures.slaCompliance.firstResponse).toEqual({ count: 3, of: 3, rate: 1 });
  });

  it('desk kpi prints the same compliance as the screen', async () => {
    const { code, stdout } = await deskInProcess(
      'kpi',
      '--data',
      temp.dir,
      '--json',
      '--from',
      '2026-02-23',
      '--to',
      '2026-03-03',
    );
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { slaCompliance: { firstResponse: number | null } };
    const screen = await call(temp.core, 'kpi/report', PERIOD);
    expect(printed.slaCompliance.firstResponse).toBe(screen.figures.slaCompliance.firstResponse.rate);
    expect(printed.slaCompliance.firstResponse).toBe(1);
  });
});
