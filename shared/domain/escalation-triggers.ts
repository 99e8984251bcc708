import { z } from 'zod';
import { addBusinessMs, addBusinessMinutes, compileCalendar } from './business-time.ts';
import type { CalendarLike } from './business-time.ts';
import { isOpenStatus } from './enums.ts';
import type { Status } from './enums.ts';
import { MINUTE_MS } from './instant.ts';
import { evaluateSlaFigures, SLA_CLOCK_LABELS, SLA_CLOCKS } from './sla.ts';
import type { SlaClockName, SlaInput } from './sla.ts';

/**
 * Escalation triggers (DESIGN §6): time triggers measured on an incident's service-level clocks, and the
 * acknowledgement an incident still waits for. They are members of the rules engine's trigger union
 * (rule-triggers.ts), not a second engine. Each names a threshold on one clock's elapsed business time:
 *
 * - `sla_elapsed`: a share of the target (75 % of the resolution time);
 * - `sla_before_due`: that many business minutes before the target is reached;
 * - `sla_after_due`: that many business minutes after it was reached (breached for that long).
 *
 * A threshold is crossed while the clock runs; the occasion is the clock, its cycle (a new customer message
 * starts a new "next update" cycle; a reopen continues resolution's) and the level, so a rule fires at most
 * once per incident, clock cycle and level.
 */
export const SLA_TRIGGER_TYPES = ['sla_elapsed', 'sla_before_due', 'sla_after_due'] as const;
export type SlaTriggerType = (typeof SLA_TRIGGER_TYPES)[number];

/** A month of business minutes: the furthest before or after due a rule may look. */
export const MAX_ESCALATION_MINUTES = 31 * 24 * 60;
export const MAX_ESCALATION_PERCENT = 1_000;

const clockSchema = z.enum(SLA_CLOCKS);
const escalationMinutes = z
  .number()
  .int({ message: 'must be a whole number of minutes' })
  .min(1, { message: 'must be at least a minute' })
  .max(MAX_ESCALATION_MINUTES, { message: 'must be at most a month' });

export const slaElapsedTrigger = z.strictObject({
  type: z.literal('sla_elapsed'),
  clock: clockSchema,
  percent: z
    .number()
    .int({ message: 'must be a whole percentage' })
    .min(1, { message: 'must be at least 1 %' })
    .max(MAX_ESCALATION_PERCENT, { message: `must be at most ${MAX_ESCALATION_PERCENT} %` }),
});
export const slaBeforeDueTrigger = z.strictObject({
  type: z.literal('sla_before_due'),
  clock: clockSchema,
  minutes: escalationMinutes,
});
export const slaAfterDueTrigger = z.strictObject({
  type: z.literal('sla_after_due'),
  clock: clockSchema,
  minutes: escalationMinutes,
});
/** Nobody has acknowledged the incident (taken it, answered it) this many business minutes after it came in. */
export const unacknowledgedTrigger = z.strictObject({ type: z.literal('unacknowledged'), minutes: escalationMinutes });
/** A resolved or closed incident is opened again. */
export const reopenedTrigger = z.strictObject({ type: z.literal('reopened') });

export type SlaTrigger =
  z.output<typeof slaElapsedTrigger> | z.output<typeof slaBeforeDueTrigger> | z.output<typeof slaAfterDueTrigger>;
export type UnacknowledgedTrigger = z.output<typeof unacknowledgedTrigger>;

export function isSlaTrigger(trigger: { readonly type: string }): trigger is SlaTrigger {
  return (SLA_TRIGGER_TYPES as readonly string[]).includes(trigger.type);
}

/** The elapsed business time (ms) at which the trigger's threshold is crossed, for a clock with this target. */
export function slaThresholdMs(trigger: SlaTrigger, targetMs: number): number {
  switch (trigger.type) {
    case 'sla_elapsed':
      return Math.ceil((targetMs * trigger.percent) / 100);
    case 'sla_before_due':
      return Math.max(0, targetMs - trigger.minutes * MINUTE_MS);
    case 'sla_after_due':
      return targetMs + trigger.minutes * MINUTE_MS;
  }
}

/** Names the level within a clock cycle: a rule whose threshold is edited counts as a new level. */
export function slaLevel(trigger: SlaTrigger): string {
  return trigger.type === 'sla_elapsed'
    ? `elapsed-${trigger.percent}`
    : `${trigger.type === 'sla_before_due' ? 'before' : 'after'}-${trigger.minutes}`;
}

export interface EscalationDue {
  readonly at: string;
  readonly occasion: string;
}

/**
 * When an SLA trigger's threshold is crossed on this incident's clock, or null when it is not on its way: no
 * policy, no such target, the clock met, stopped or paused (a paused clock's elapsed time does not grow, and
 * escalating an incident that waits on the customer would be noise). A stretch that began beyond the
 * threshold answers its own start, so the rule still fires once for the cycle.
 */
export function slaTriggerDue(trigger: SlaTrigger, sla: SlaInput | null): EscalationDue | null {
  if (!sla) return null;
  try {
    const figures = evaluateSlaFigures(sla)[trigger.clock];
    if (!figures || figures.metAt !== null || figures.runningSince === null) return null;
    const threshold = slaThresholdMs(trigger, figures.targetMs);
    const at = addBusinessMs(
      compileCalendar(sla.calendar),
      figures.runningSince,
      Math.max(0, threshold - figures.elapsedMsAtRunningSince),
    );
    return { at: new Date(at).toISOString(), occasion: `${trigger.clock}:${figures.cycle}:${slaLevel(trigger)}` };
  } catch {
    // A history the arithmetic refuses (a calendar closed for years) has no due instants to escalate on.
    return null;
  }
}

/** When an incident still not acknowledged falls due: `minutes` business minutes after it was created. */
export function unacknowledgedDue(
  trigger: UnacknowledgedTrigger,
  incident: { readonly status: Status; readonly acknowledgedAt?: string | null; readonly createdAt: string },
  calendar: CalendarLike,
): EscalationDue | null {
  if ((incident.acknowledgedAt ?? null) !== null || !isOpenStatus(incident.status) || !incident.createdAt) return null;
  const at = new Date(addBusinessMinutes(calendar, incident.createdAt, trigger.minutes)).toISOString();
  return { at, occasion: `unacknowledged-${trigger.minutes}` };
}

const clockName = (clock: SlaClockName) => SLA_CLOCK_LABELS[clock].toLowerCase();
const minutesText = (minutes: number) =>
  minutes % 60 === 0
    ? `${minutes / 60} business hour${minutes === 60 ? '' : 's'}`
    : `${minutes} business minute${minutes === 1 ? '' : 's'}`;

export function describeEscalationTrigger(trigger: SlaTrigger | UnacknowledgedTrigger): string {
  switch (trigger.type) {
    case 'sla_elapsed':
      return `${trigger.percent} % of the ${clockName(trigger.clock)} target has elapsed`;
    case 'sla_before_due':
      return `${minutesText(trigger.minutes)} before ${clockName(trigger.clock)} is due`;
    case 'sla_after_due':
      return `${clockName(trigger.clock)} overdue by ${minutesText(trigger.minutes)}`;
    case 'unacknowledged':
      return `Not acknowledged ${minutesText(trigger.minutes)} after it came in`;
  }
}

/**
 * What the rule editor offers for each escalation trigger: its label and its fields, so the Settings →
 * Automation screen can build a form for it without knowing it.
 */
export const ESCALATION_TRIGGER_FIELDS = {
  sla_elapsed: {
    label: 'A share of a service-level target has elapsed',
    fields: { clock: 'Clock', percent: 'Percent of the target' },
  },
  sla_before_due: {
    label: 'Before a service-level target is due',
    fields: { clock: 'Clock', minutes: 'Business minutes before due' },
  },
  sla_after_due: {
    label: 'After a service-level target was due',
    fields: { clock: 'Clock', minutes: 'Business minutes overdue' },
  },
  unacknowledged: { label: 'Not acknowledged for a time', fields: { minutes: 'Business minutes after it came in' } },
  reopened: { label: 'The incident is reopened', fields: {} },
} as const;
