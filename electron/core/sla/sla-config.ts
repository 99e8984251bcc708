import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DEFAULT_CALENDAR } from '#shared/domain/calendar.ts';
import type { StoredCalendar } from '#shared/domain/calendar.ts';
import type { Database } from '../store/schema.ts';
import { listCalendars } from './calendar.repository.ts';
import type { CalendarRecord } from './calendar.repository.ts';
import { listSlaPolicies } from './sla-policy.repository.ts';
import type { PolicyRecord } from './sla-policy.repository.ts';

/**
 * Bumped whenever the way due instants are worked out changes: the recompute's progress then names an older
 * fingerprint, and every row is worked out again once, in the background, after the update.
 */
// 2: the KPI facts' SLA verdicts are worked out from the stored policies too.
const DUE_PROJECTION_VERSION = 2;

/** What every incident's clocks are worked out with: the policies in order and the calendars they use. */
export interface SlaConfig {
  readonly policies: readonly PolicyRecord[];
  readonly calendars: ReadonlyMap<string, CalendarRecord>;
  /**
   * Names exactly what decides the due instants (policies' conditions, targets, pause statuses and calendars'
   * hours, zones and holidays, not their names), so renaming a policy recomputes nothing and two workstations
   * with the same settings agree on it.
   */
  readonly fingerprint: string;
}

/** The calendar a policy's clocks run on; one not (yet) on this workstation is read as 24×7 until it arrives. */
export function calendarOf(config: SlaConfig, policy: PolicyRecord): StoredCalendar {
  return config.calendars.get(policy.calendarId) ?? DEFAULT_CALENDAR;
}

export async function loadSlaConfig(db: Kysely<Database>): Promise<SlaConfig> {
  const [policies, calendars] = await Promise.all([listSlaPolicies(db), listCalendars(db, { includeDeleted: true })]);
  const byId = new Map(calendars.map((calendar) => [calendar.id, calendar]));
  const config = { policies, calendars: byId };
  const decisive = policies.map((policy) => {
    const calendar = calendarOf({ ...config, fingerprint: '' }, policy);
    return [
      policy.id,
      policy.conditions,
      policy.targets,
      policy.pauseStatuses,
      [calendar.timeZone, calendar.hours, calendar.holidays.map((h) => h.date)],
    ];
  });
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([DUE_PROJECTION_VERSION, decisive]))
    .digest('hex')
    .slice(0, 24);
  return { ...config, fingerprint };
}
