import { z } from 'zod';
import { DeskError } from '#shared/errors.ts';
import { ALERT_STATUSES } from './alert.ts';

/**
 * The webhook bodies the desk accepts, checked at the boundary. These are other people's formats, so the
 * schemas are loose where the senders differ by version (unknown fields are ignored, optional ones may be
 * missing) and strict only in what the desk relies on: an alert's status, labels and times.
 */

/** More alerts than this in one notification is not monitoring, it is a flood: refused whole. */
export const MAX_ALERTS_PER_NOTIFICATION = 5_000;

export const ALERT_PAYLOAD_PROBLEMS = ['not_json', 'not_alerts'] as const;
export type AlertPayloadProblem = (typeof ALERT_PAYLOAD_PROBLEMS)[number];

/** A body that is not JSON, or JSON that is not an alert notification. Nothing of it is stored. */
export class AlertPayloadError extends DeskError {
  readonly problem: AlertPayloadProblem;

  constructor(problem: AlertPayloadProblem, message: string) {
    super('invalid_input', message);
    this.name = 'AlertPayloadError';
    this.problem = problem;
  }
}

const stringMap = z.record(z.string(), z.string());

/** An RFC 3339 instant as Go writes it (nanoseconds, offsets, and `0001-01-01T00:00:00Z` for "not yet"). */
const instant = z.string().refine((value) => !Number.isNaN(Date.parse(value)), {
  message: 'must be a date and time (RFC 3339)',
});

const alertSchema = z.object({
  status: z.enum(ALERT_STATUSES),
  labels: stringMap,
  annotations: stringMap.nullish(),
  startsAt: instant,
  endsAt: instant.nullish(),
  generatorURL: z.string().nullish(),
  // Alertmanager before 0.20 sent no fingerprint; one is derived from the labels then.
  fingerprint: z.string().trim().min(1).max(128).nullish(),
  // Grafana's unified alerting adds these.
  silenceURL: z.string().nullish(),
  dashboardURL: z.string().nullish(),
  panelURL: z.string().nullish(),
  imageURL: z.string().nullish(),
  valueString: z.string().nullish(),
  values: z.record(z.string(), z.unknown()).nullish(),
});
export type AlertmanagerAlert = z.output<typeof alertSchema>;

/** Alertmanager's webhook (version 4), which Grafana's unified alerting also sends (version 1, plus orgId…). */
export const alertmanagerPayloadSchema = z.object({
  version: z.string().nullish(),
  receiver: z.string().nullish(),
  status: z.enum(ALERT_STATUSES).nullish(),
  alerts: z.array(alertSchema).max(MAX_ALERTS_PER_NOTIFICATION),
  groupLabels: stringMap.nullish(),
  commonLabels: stringMap.nullish(),
  commonAnnotations: stringMap.nullish(),
  externalURL: z.string().nullish(),
  groupKey: z.string().nullish(),
  truncatedAlerts: z.number().int().min(0).nullish(),
  orgId: z.number().nullish(),
});
export type AlertmanagerPayload = z.output<typeof alertmanagerPayloadSchema>;

export const GRAFANA_LEGACY_STATES = ['alerting', 'ok', 'no_data', 'paused', 'pending'] as const;

/** Grafana's legacy alerting (before 8, and 8–10 with unified alerting off): one rule per call, no times. */
export const grafanaLegacyPayloadSchema = z
  .object({
    ruleName: z.string().nullish(),
    // Grafana sends ids as JSON numbers that can exceed 2^53, so only their text is used.
    ruleId: z.number().nullish(),
    state: z.enum(GRAFANA_LEGACY_STATES),
    title: z.string().nullish(),
    message: z.string().nullish(),
    ruleUrl: z.string().nullish(),
    imageUrl: z.string().nullish(),
    tags: stringMap.nullish(),
    evalMatches: z
      .array(z.object({ metric: z.string().nullish(), value: z.number().nullish(), tags: stringMap.nullish() }))
      .max(MAX_ALERTS_PER_NOTIFICATION)
      .nullish(),
    orgId: z.number().nullish(),
    dashboardId: z.number().nullish(),
    panelId: z.number().nullish(),
  })
  .refine((payload) => Boolean(payload.ruleName?.trim()) || typeof payload.ruleId === 'number', {
    message: 'a legacy Grafana alert needs ruleName or ruleId',
  });
export type GrafanaLegacyPayload = z.output<typeof grafanaLegacyPayloadSchema>;

function issuePath(path: readonly PropertyKey[]): string {
  if (!path.length) return 'the body';
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${String(key)}`)).join('');
}

/** Checks `value` against `schema`; a mismatch becomes an AlertPayloadError naming the first few problems. */
export function checkPayload<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 3).map((issue) => `${issuePath(issue.path)}: ${issue.message}`);
  const more = result.error.issues.length > 3 ? ` (and ${result.error.issues.length - 3} more)` : '';
  throw new AlertPayloadError('not_alerts', `This is not ${what}: ${problems.join('; ')}${more}.`);
}
