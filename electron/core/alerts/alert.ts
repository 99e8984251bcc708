import type { Level } from '#shared/domain/enums.ts';

/**
 * A monitoring alert as the desk sees it, whatever sent it: Prometheus Alertmanager, Grafana's unified
 * alerting (which speaks Alertmanager's format with a few extras), or Grafana's legacy alerting.
 */
export const ALERT_SOURCES = ['alertmanager', 'grafana'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];
export const ALERT_SOURCE_LABELS: Record<AlertSource, string> = {
  alertmanager: 'Alertmanager',
  grafana: 'Grafana',
};

export const ALERT_STATUSES = ['firing', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export interface AlertLink {
  readonly label: string;
  readonly url: string;
}

export interface MonitoringAlert {
  readonly source: AlertSource;
  /** The same for every notification about the same alert (the same labels); derived here when not sent. */
  readonly fingerprint: string;
  readonly status: AlertStatus;
  /**
   * When this occurrence of the alert started, as an ISO instant. Legacy Grafana sends no times, so it is
   * null there and `contentKey` tells one notification from another instead.
   */
  readonly startsAt: string | null;
  /** When it stopped; null while it is firing (Alertmanager's zero time `0001-01-01T00:00:00Z`). */
  readonly endsAt: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** What an agent reads first: the summary annotation, else the alert's name. */
  readonly title: string;
  readonly description: string;
  /** The severity label as sent ("critical", "warning"…), or null. */
  readonly severity: string | null;
  /** The values that triggered it, as text ("B=44.2, C=1", Grafana's valueString, legacy eval matches). */
  readonly values: string | null;
  readonly links: readonly AlertLink[];
  /** A hash of what the notification says, for senders without times (legacy Grafana); null otherwise. */
  readonly contentKey: string | null;
}

/** One webhook call or one file entry: the alerts it carried and who sent them. */
export interface AlertBatch {
  readonly source: AlertSource;
  /** The receiver or contact point name the sender used, for the agent. */
  readonly receiver: string | null;
  /** The sender's own address (Alertmanager's externalURL), for the agent. */
  readonly senderUrl: string | null;
  readonly alerts: readonly MonitoringAlert[];
  /** Alerts the sender left out of the notification (Alertmanager's max_alerts). */
  readonly truncated: number;
}

/** Severity label → impact and urgency of the incident a firing alert opens (both on the ITIL 1–3 scale). */
const SEVERITY_LEVELS: ReadonlyMap<string, Level> = new Map([
  ['critical', 1],
  ['warning', 2],
  ['major', 2],
]);

/** Anything else, or no severity at all, is low: an alert nobody ranked should not page the desk. */
export function severityLevels(severity: string | null): { impact: Level; urgency: Level } {
  const level = SEVERITY_LEVELS.get(severity?.trim().toLowerCase() ?? '') ?? 3;
  return { impact: level, urgency: level };
}
