import type { HandlerInput } from '#shared/contract.ts';
import { call } from './invoke.ts';
import type { TempCore } from './temp-workspace.ts';

/**
 * A small history the KPI tests work out by hand: phone reports from one customer, each called back, logged in
 * the order they happened (the desk's clock stamps never go backwards).
 */

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

/** A calendar's hours: the same opening every weekday, closed at the weekend. */
export const officeHours = (open: string, close: string) =>
  Object.fromEntries(WEEKDAYS.map((d) => [d, [[open, close]]])) as HandlerInput<'calendar/save'>['hours'];

export const ROUND_THE_CLOCK = Object.fromEntries(
  [...WEEKDAYS, 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]),
) as HandlerInput<'calendar/save'>['hours'];

export const at = (iso: string) => Date.parse(iso);

/**
 * Three reports and a call back to each:
 * - Friday 27 Feb 16:30, called back Monday 09:20;
 * - Monday 10:00, called back 10:45;
 * - Monday 11:00, called back 12:30.
 */
export const THREE_CALLED_BACK = [
  { reported: '2026-02-27T16:30:00Z', calledBack: '2026-03-02T09:20:00Z' },
  { reported: '2026-03-02T10:00:00Z', calledBack: '2026-03-02T10:45:00Z' },
  { reported: '2026-03-02T11:00:00Z', calledBack: '2026-03-02T12:30:00Z' },
] as const;

/** Logs each report from Rita Reporter and the call back to it at their times; answers the incidents' ids. */
export async function logReportsCalledBack(
  temp: TempCore,
  reports: readonly { reported: string; calledBack: string }[],
): Promise<string[]> {
  const { core, clock } = temp;
  const contact = await call(core, 'contact/save', {
    name: 'Rita Reporter',
    email: 'rita@customer.example',
    phone: null,
    organisation: null,
  });
  const incidentIds: string[] = [];
  for (const report of reports) {
    clock.set(at(report.reported));
    const detail = await call(core, 'intake/logContact', {
      channel: 'phone',
      contactId: contact.id,
      subject: 'Printer on fire',
      incidentId: null,
    });
    incidentIds.push(detail.incident.id);
    clock.set(at(report.calledBack));
    await call(core, 'intake/logContact', {
      channel: 'phone',
      contactId: contact.id,
      subject: 'Called back',
      incidentId: detail.incident.id,
      direction: 'outbound',
    });
  }
  return incidentIds;
}
