import { ALERT_SOURCE_LABELS } from './alert.ts';
import type { AlertBatch, MonitoringAlert } from './alert.ts';

/** What an agent reads of an alert: the words of the message, the incident and the timeline. Pure. */

/** "2026-03-02 09:45:12 UTC": unambiguous for a team in several time zones, and stable for tests. */
export function formatInstant(iso: string): string {
  return `${iso.slice(0, 19).replace('T', ' ')} UTC`;
}

/** Who sent it, for the inbox's "from" column and the message source: "Alertmanager (receiver team-db)". */
export function senderName(batch: Pick<AlertBatch, 'source' | 'receiver'>): string {
  const name = ALERT_SOURCE_LABELS[batch.source];
  return batch.receiver ? `${name} (${batch.receiver})` : name;
}

export function alertSubject(alert: MonitoringAlert): string {
  return alert.title.slice(0, 500);
}

function statusLine(alert: MonitoringAlert, receivedAt: string): string {
  if (alert.status === 'firing') {
    return `Firing since ${formatInstant(alert.startsAt ?? receivedAt)}.`;
  }
  const since = alert.startsAt ? ` (it started ${formatInstant(alert.startsAt)})` : '';
  return `Recovered at ${formatInstant(alert.endsAt ?? receivedAt)}${since}.`;
}

function section(heading: string, lines: readonly string[]): string | null {
  return lines.length ? [heading, ...lines.map((line) => `  ${line}`)].join('\n') : null;
}

/**
 * The message body: status and description first (what an agent needs), then values, labels, the other
 * annotations and links (what they need to investigate), then who sent it.
 */
export function alertBody(alert: MonitoringAlert, batch: AlertBatch, receivedAt: string): string {
  const shown = new Set(['summary', 'description', 'message', 'runbook_url']);
  const annotations = Object.entries(alert.annotations).filter(([name]) => !shown.has(name));
  const sender = batch.senderUrl ? `${senderName(batch)} at ${batch.senderUrl}` : senderName(batch);
  return [
    statusLine(alert, receivedAt),
    alert.description || null,
    alert.values ? `Values: ${alert.values}` : null,
    section(
      'Labels:',
      Object.entries(alert.labels).map(([name, value]) => `${name} = ${value}`),
    ),
    section(
      'Annotations:',
      annotations.map(([name, value]) => `${name} = ${value}`),
    ),
    section(
      'Links:',
      alert.links.map((link) => `${link.label}: ${link.url}`),
    ),
    `Sent by ${sender}; fingerprint ${alert.fingerprint}.`,
  ]
    .filter((part): part is string => Boolean(part))
    .join('\n\n');
}

export function alertPreview(alert: MonitoringAlert, receivedAt: string): string {
  return [statusLine(alert, receivedAt), alert.description].join(' ').replace(/\s+/g, ' ').trim().slice(0, 240);
}

/** The timeline note a recovery leaves on its incident. */
export function recoveryNote(alert: MonitoringAlert, batch: AlertBatch, receivedAt: string): string {
  return `Recovered at ${formatInstant(alert.endsAt ?? receivedAt)}, as ${senderName(batch)} reported.`;
}

/** The resolution notes of an incident the desk resolves because its alert recovered. */
export function recoveryResolution(alert: MonitoringAlert, batch: AlertBatch, receivedAt: string): string {
  return (
    `The monitoring system (${senderName(batch)}) reported that "${alert.title}" recovered at ` +
    `${formatInstant(alert.endsAt ?? receivedAt)}. Resolved automatically: no agent had worked on the incident.`
  );
}
