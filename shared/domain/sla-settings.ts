import { z } from 'zod';
import { checkCalendar } from './calendar.ts';
import type { BusinessCalendar, NormalizedCalendar, StoredCalendar } from './calendar.ts';
import { DUE_STATES } from './incident-due.ts';
import type { DueSummary } from './incident-due.ts';
import type { IncidentSummary } from './incident.ts';
import { idSchema, requiredText } from './schemas.ts';
import type { SlaClock } from './sla.ts';
import { slaPolicySchema } from './sla-policy.ts';
import type { SlaPolicy } from './sla-policy.ts';

/**
 * Calendars and SLA policies as the team's settings: what supervisors save, what every screen reads, and what
 * the incident detail and `desk sla` show of an incident's clocks.
 */
export interface CalendarView extends StoredCalendar {
  /** The 24×7 calendar every workspace has; it can be edited but not deleted. */
  readonly isDefault: boolean;
  /** Names of the policies that use it: a calendar in use cannot be deleted. */
  readonly usedBy: readonly string[];
}

/** A calendar as the editor sends it: checked whole, so every problem comes back at once with where it is. */
export const saveCalendarInput = z
  .strictObject({
    id: idSchema.optional(),
    name: requiredText('Calendar name', 100),
    timeZone: z.string(),
    hours: z.custom<BusinessCalendar['hours']>(),
    holidays: z.custom<BusinessCalendar['holidays']>().optional(),
  })
  .transform((input, ctx): { id?: string | undefined; name: string } & NormalizedCalendar => {
    const check = checkCalendar({ timeZone: input.timeZone, hours: input.hours, holidays: input.holidays ?? [] });
    if (check.ok) return { id: input.id, name: input.name, ...check.calendar };
    for (const problem of check.problems) {
      ctx.addIssue({
        code: 'custom',
        message: problem.message,
        path: [...problem.path],
        params: { kind: problem.kind },
      });
    }
    return z.NEVER;
  });
export type SaveCalendarInput = z.input<typeof saveCalendarInput>;
export type SaveCalendarCommand = z.output<typeof saveCalendarInput>;

/** Feeds of public holidays for decades are tens of kilobytes; the bound keeps under the browser host's body limit. */
export const MAX_ICS_TEXT = 900_000;

export const importHolidaysInput = z.strictObject({
  calendarId: idSchema,
  /** The `.ics` file's text. */
  ics: z
    .string()
    .min(1, { message: 'the file is empty' })
    .max(MAX_ICS_TEXT, { message: `the file is larger than ${MAX_ICS_TEXT} characters` }),
});
export type ImportHolidaysInput = z.input<typeof importHolidaysInput>;

export interface HolidayImportResult {
  readonly calendar: CalendarView;
  /** Dates the calendar did not have. */
  readonly added: number;
  /** Dates it had under another name, now named as the file names them. */
  readonly renamed: number;
  readonly timedEventsIgnored: number;
  readonly cancelledEventsIgnored: number;
  /** The dates recurring events were expanded over. */
  readonly window: { readonly from: string; readonly to: string };
}

export interface SlaPolicyView extends SlaPolicy {
  /** The policy's place in the order, first 1; the first policy that matches an incident applies. */
  readonly rank: number;
  readonly calendarName: string;
}

export const saveSlaPolicyInput = slaPolicySchema.extend({ id: idSchema.optional() });
export type SaveSlaPolicyInput = z.input<typeof saveSlaPolicyInput>;
export type SaveSlaPolicyCommand = z.output<typeof saveSlaPolicyInput>;

export const moveSlaPolicyInput = z.strictObject({ id: idSchema, direction: z.enum(['up', 'down']) });
export type MoveSlaPolicyInput = z.input<typeof moveSlaPolicyInput>;

/** Why a policy applies to an incident, in words. */
export interface AppliedPolicy {
  readonly id: string;
  readonly name: string;
  readonly reason: string;
}

/** An incident's clocks as the detail shows them, evaluated now. */
export interface IncidentSla {
  readonly evaluatedAt: string;
  readonly policy: AppliedPolicy | null;
  readonly calendar: { readonly id: string; readonly name: string; readonly timeZone: string } | null;
  /** Every clock with a target, in the order first response, next update, resolution. */
  readonly clocks: readonly SlaClock[];
  /** The queue's summary of the same clocks. */
  readonly due: DueSummary;
}

/** Open incidents with their clocks, most urgent first (`desk sla`). */
export const slaListInput = z.strictObject({
  states: z.array(z.enum(DUE_STATES)).max(DUE_STATES.length).optional(),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type SlaListInput = z.input<typeof slaListInput>;

export interface SlaListRow {
  readonly incident: IncidentSummary;
  readonly policy: AppliedPolicy | null;
  readonly clocks: readonly SlaClock[];
}

export interface SlaListPage {
  readonly rows: readonly SlaListRow[];
  readonly total: number;
  readonly offset: number;
  readonly evaluatedAt: string;
}
