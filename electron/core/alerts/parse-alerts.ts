import { createHash } from 'node:crypto';
import type { AlertBatch, AlertLink, AlertSource, MonitoringAlert } from './alert.ts';
import {
  AlertPayloadError,
  alertmanagerPayloadSchema,
  checkPayload,
  grafanaLegacyPayloadSchema,
} from './alert-payload.ts';
import type { AlertmanagerAlert, AlertmanagerPayload, GrafanaLegacyPayload } from './alert-payload.ts';

/**
 * Pure functions from webhook bodies to alerts: no store, no clock. What comes in is checked by the schemas
 * in alert-payload.ts; what goes out is the one shape the desk works with.
 */

function shortHash(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

/** Alertmanager's "not yet" is the zero time of Go; anything before the epoch means the same. */
function instantOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) || ms <= 0 ? null : new Date(ms).toISOString();
}

function sortedEntries(map: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function links(candidates: readonly [string, string | null | undefined][]): AlertLink[] {
  return candidates
    .filter((entry): entry is [string, string] => Boolean(entry[1]))
    .map(([label, url]) => ({ label, url }));
}

function formatValues(values: Readonly<Record<string, unknown>> | null | undefined): string | null {
  if (!values) return null;
  const parts = Object.entries(values).map(([name, value]) => `${name}=${String(value)}`);
  return parts.length ? parts.join(', ') : null;
}

function alertFromAlertmanager(source: AlertSource, alert: AlertmanagerAlert): MonitoringAlert {
  const labels = alert.labels;
  const annotations = alert.annotations ?? {};
  const title = annotations.summary?.trim() || labels.alertname?.trim() || 'Monitoring alert';
  const startsAt = instantOrNull(alert.startsAt);
  return {
    source,
    // Alertmanager before 0.20 sent none: the labels identify an alert, so their hash stands in.
    fingerprint: alert.fingerprint ?? shortHash(['labels', sortedEntries(labels)]),
    status: alert.status,
    // Go's zero time here means "no start"; contentKey then tells one notification from the next.
    startsAt,
    endsAt: alert.status === 'resolved' ? instantOrNull(alert.endsAt) : null,
    labels,
    annotations,
    title,
    description: annotations.description?.trim() || annotations.message?.trim() || '',
    severity: labels.severity ?? null,
    values: alert.valueString?.trim() || formatValues(alert.values),
    links: links([
      ['Source', alert.generatorURL],
      ['Runbook', annotations.runbook_url],
      ['Dashboard', alert.dashboardURL],
      ['Panel', alert.panelURL],
      ['Silence', alert.silenceURL],
      ['Image', alert.imageURL],
    ]),
    contentKey: startsAt ? null : shortHash([alert.status, sortedEntries(annotations), alert.endsAt ?? null]),
  };
}

function batchFromAlertmanager(source: AlertSource, payload: AlertmanagerPayload): AlertBatch {
  return {
    source,
    receiver: payload.receiver?.trim() || null,
    senderUrl: payload.externalURL?.trim() || null,
    alerts: payload.alerts.map((alert) => alertFromAlertmanager(source, alert)),
    truncated: payload.truncatedAlerts ?? 0,
  };
}

/** Legacy Grafana has no fingerprint: the rule and its tags identify the alert, as Grafana itself groups it. */
export function legacyFingerprint(payload: Pick<GrafanaLegacyPayload, 'ruleId' | 'ruleName' | 'tags'>): string {
  return shortHash([
    'grafana-legacy',
    payload.ruleId === null || payload.ruleId === undefined ? null : String(payload.ruleId),
    payload.ruleName?.trim() ?? '',
    sortedEntries(payload.tags ?? {}),
  ]);
}

function alertFromGrafanaLegacy(payload: GrafanaLegacyPayload): MonitoringAlert | null {
  // Only these states are notifications; paused and pending rules are Grafana talking to itself.
  const status =
    payload.state === 'ok' ? 'resolved' : payload.state === 'paused' || payload.state === 'pending' ? null : 'firing';
  if (!status) return null;
  const tags = payload.tags ?? {};
  const matches = (payload.evalMatches ?? []).map((match) => `${match.metric ?? 'value'}=${match.value ?? 'null'}`);
  const name = payload.ruleName?.trim() || payload.title?.trim() || `Grafana rule ${String(payload.ruleId)}`;
  return {
    source: 'grafana',
    fingerprint: legacyFingerprint(payload),
    status,
    startsAt: null,
    endsAt: null,
    labels: tags,
    annotations: {},
    title: name,
    description: [
      payload.state === 'no_data' ? 'Grafana reports no data for this rule.' : '',
      payload.message?.trim() ?? '',
    ]
      .filter(Boolean)
      .join('\n'),
    severity: tags.severity ?? null,
    values: matches.length ? matches.join(', ') : null,
    links: links([
      ['Rule', payload.ruleUrl],
      ['Image', payload.imageUrl],
    ]),
    contentKey: shortHash([payload.state, payload.title ?? '', payload.message ?? '', matches]),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseAlertmanagerPayload(value: unknown): AlertBatch {
  return batchFromAlertmanager(
    'alertmanager',
    checkPayload(alertmanagerPayloadSchema, value, 'an Alertmanager webhook'),
  );
}

/** Grafana's unified alerting (an `alerts` list) or its legacy alerting (one rule: ruleName, state, evalMatches). */
export function parseGrafanaPayload(value: unknown): AlertBatch {
  if (isObject(value) && 'alerts' in value) {
    return batchFromAlertmanager('grafana', checkPayload(alertmanagerPayloadSchema, value, 'a Grafana webhook'));
  }
  const legacy = checkPayload(grafanaLegacyPayloadSchema, value, 'a Grafana webhook (unified or legacy alerting)');
  const alert = alertFromGrafanaLegacy(legacy);
  return { source: 'grafana', receiver: null, senderUrl: null, alerts: alert ? [alert] : [], truncated: 0 };
}

/**
 * A notification whose sender is not known beforehand (a saved file): Grafana's unified payload says so with
 * orgId or version 1; any other `alerts` list is Alertmanager's; anything else may be legacy Grafana.
 */
export function parseAnyAlertPayload(value: unknown): AlertBatch {
  if (isObject(value) && 'alerts' in value) {
    return 'orgId' in value || value.version === '1' ? parseGrafanaPayload(value) : parseAlertmanagerPayload(value);
  }
  if (isObject(value) && ('ruleName' in value || 'ruleId' in value || 'evalMatches' in value)) {
    return parseGrafanaPayload(value);
  }
  throw new AlertPayloadError(
    'not_alerts',
    'This is not an Alertmanager or Grafana alert notification: it has neither an "alerts" list nor a Grafana rule.',
  );
}

/** JSON text to a value; text that is not JSON is an AlertPayloadError saying where it went wrong. */
export function parseJsonBody(text: string): unknown {
  if (!text.trim()) throw new AlertPayloadError('not_json', 'The body is empty; send the alert notification as JSON.');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AlertPayloadError('not_json', `The body is not JSON (${detail}).`);
  }
}
