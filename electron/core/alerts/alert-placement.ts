import { v5 as uuidv5 } from 'uuid';
import { isOpenStatus } from '#shared/domain/enums.ts';
import type { Incident } from '#shared/domain/incident.ts';
import { findIncident } from '#core/incidents/incident.repository.ts';
import type { Db } from '#core/store/store.ts';
import type { MonitoringAlert } from './alert.ts';
import { latestAlertIncident } from './alert.repository.ts';

/**
 * Where an alert notification goes: the incident of its occurrence, the alert's open incident, a new one,
 * or (a recovery of something never seen firing) nowhere. Ids are derived from the alert, never drawn at
 * random, so two hosts that receive the same notification (a headless host and a workstation, or both
 * members of an Alertmanager cluster) make the same message and the same incident, and converge on sync.
 */
const ALERT_NAMESPACE = '0606f17b-8874-4ca4-9514-ca0f2d241ef5';

/** The incident an occurrence of an alert opens: the same on every host that receives it. */
export function alertIncidentId(fingerprint: string, startsAt: string): string {
  return uuidv5(`alert-incident:${fingerprint}:${startsAt}`, ALERT_NAMESPACE);
}

/**
 * Legacy Grafana sends no start time, so an occurrence is known by the incident before it: the first
 * opens "after none", the next one after a resolved incident opens "after" that one.
 */
function followUpIncidentId(fingerprint: string, previous: Incident | null): string {
  return uuidv5(`alert-incident:${fingerprint}:after:${previous?.id ?? 'none'}`, ALERT_NAMESPACE);
}

/**
 * One notification is fingerprint + status + its times: a repeat of it (Alertmanager's repeat_interval, a
 * retried delivery, the same alert in a larger group) is the same message. Without times (legacy Grafana),
 * what it says and the incident it goes to stand in for them.
 */
export function alertMessageId(alert: MonitoringAlert, anchor: string | null): string {
  const occurrence = alert.startsAt
    ? `${alert.startsAt}:${alert.endsAt ?? ''}`
    : `${alert.contentKey ?? ''}:${anchor ?? 'none'}`;
  return uuidv5(`alert-message:${alert.fingerprint}:${alert.status}:${occurrence}`, ALERT_NAMESPACE);
}

export type Placement =
  | { readonly kind: 'join'; readonly incident: Incident }
  | { readonly kind: 'open'; readonly id: string; readonly previous: Incident | null }
  | { readonly kind: 'recover'; readonly incident: Incident }
  | { readonly kind: 'unmatched' };

export interface PlacedAlert {
  readonly placement: Placement;
  /** The incident the notification is about, which (without times) tells a repeat from a new one. */
  readonly anchor: string | null;
}

/** The incident this very occurrence opened, if it is known here (a late or repeated notification of it). */
async function occurrenceIncident(db: Db, alert: MonitoringAlert): Promise<Incident | null> {
  return alert.startsAt ? findIncident(db, alertIncidentId(alert.fingerprint, alert.startsAt)) : null;
}

export async function placeAlert(db: Db, alert: MonitoringAlert): Promise<PlacedAlert> {
  const occurrence = await occurrenceIncident(db, alert);
  const latest = occurrence ? null : await latestAlertIncident(db, alert.fingerprint);
  const open = latest && isOpenStatus(latest.status) ? latest : null;
  if (alert.status === 'firing') {
    const joined = occurrence ?? open;
    if (joined) return { placement: { kind: 'join', incident: joined }, anchor: joined.id };
    const id = alert.startsAt
      ? alertIncidentId(alert.fingerprint, alert.startsAt)
      : followUpIncidentId(alert.fingerprint, latest);
    return { placement: { kind: 'open', id, previous: latest }, anchor: id };
  }
  // A recovery belongs to its own occurrence, or to the alert's open incident; an ended incident from an
  // earlier occurrence is history, not what recovered. A repeated recovery still names that incident, so
  // it is recognised as a repeat after the first one resolved it.
  const recovered = occurrence ?? open;
  return {
    placement: recovered ? { kind: 'recover', incident: recovered } : { kind: 'unmatched' },
    anchor: (recovered ?? latest)?.id ?? null,
  };
}
