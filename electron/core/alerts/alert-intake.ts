import { v5 as uuidv5 } from 'uuid';
import type { JsonValue } from '#shared/change.ts';
import { isOpenStatus } from '#shared/domain/enums.ts';
import type { Incident } from '#shared/domain/incident.ts';
import { planTransition } from '#shared/domain/lifecycle.ts';
import { putBlob } from '#core/blobs/blob.repository.ts';
import { createIncident, recordIncidentChanges } from '#core/incidents/incident.service.ts';
import type { ChangeRecorder, Db, Store } from '#core/store/store.ts';
import { linkMessage } from '../messages/message-link.ts';
import { severityLevels } from './alert.ts';
import type { AlertBatch, AlertStatus, MonitoringAlert } from './alert.ts';
import { messageExists, touchedByAgent } from './alert.repository.ts';
import { alertMessageId, placeAlert } from './alert-placement.ts';
import type { Placement } from './alert-placement.ts';
import { alertBody, alertPreview, alertSubject, recoveryNote, recoveryResolution, senderName } from './alert-text.ts';

const NOTE_NAMESPACE = '9e2d4c6a-1b3f-4a5e-8d7c-6b5a4f3e2d1c';

/**
 * Monitoring alerts into the desk (DESIGN §5): every notification is kept as an inbound message on the
 * 'monitoring' channel, and alerts are de-duplicated by fingerprint onto one incident. The first firing
 * notification opens an incident, later ones join it while it is open, a recovery resolves it unless an agent
 * has started working on it, and a notification delivered twice adds nothing (alert-placement.ts decides
 * where each one goes; this file writes what that means).
 */
const MAX_BODY = 60_000;
const MAX_DESCRIPTION = 20_000;

export const ALERT_OUTCOMES = ['created', 'linked', 'resolved', 'noted', 'unmatched', 'duplicate'] as const;
/**
 * created: opened an incident · linked: joined the alert's open incident · resolved: a recovery that resolved
 * its incident · noted: a recovery noted on an incident an agent is working on (or that had already ended) ·
 * unmatched: a recovery of an alert the desk never saw firing · duplicate: already received, nothing written.
 */
export type AlertOutcomeKind = (typeof ALERT_OUTCOMES)[number];

export interface AlertOutcome {
  readonly kind: AlertOutcomeKind;
  readonly fingerprint: string;
  readonly status: AlertStatus;
  readonly messageId: string;
  readonly incidentId: string | null;
}

/** What one notification did, as `POST /hooks/…` answers it. */
export type AlertReceipt = Readonly<Record<AlertOutcomeKind, number>> & {
  readonly received: number;
  /** Alerts the sender left out (Alertmanager's max_alerts): the desk never saw them. */
  readonly truncated: number;
  readonly alerts: readonly AlertOutcome[];
};

interface AlertSourceInfo {
  /** Where it came from, for the agent ("webhook: Alertmanager (team-db)", "import: alerts.json"). */
  readonly source: string;
  /** Stores the raw notification once, when the first of its alerts is new, and answers its hash. */
  readonly keepRaw: () => Promise<string | null>;
}

const MESSAGE_NOTES: Record<Exclude<AlertOutcomeKind, 'duplicate'>, string> = {
  created: 'The first notification of this alert: it opened an incident.',
  linked: 'A further notification of an alert already on an incident: added to it.',
  resolved: 'The alert recovered and nobody had worked on its incident, so the desk resolved it.',
  noted: 'The alert recovered; its incident has been worked on (or had ended), so only a note was added.',
  unmatched: 'The recovery of an alert the desk never saw firing: there is nothing to do.',
};

function recordMessage(
  recorder: ChangeRecorder,
  id: string,
  alert: MonitoringAlert,
  batch: AlertBatch,
  from: { source: string; rawHash: string | null },
  kind: Exclude<AlertOutcomeKind, 'duplicate'>,
): void {
  const receivedAt = recorder.at;
  const fields: Record<string, JsonValue> = {
    channel: 'monitoring',
    kind: 'message',
    // A recovery nobody needs to act on stays out of the untriaged inbox.
    state: kind === 'unmatched' ? 'noise' : 'untriaged',
    receivedAt,
    fromName: senderName(batch),
    subject: alertSubject(alert),
    preview: alertPreview(alert, receivedAt),
    bodyText: alertBody(alert, batch, receivedAt).slice(0, MAX_BODY),
    note: MESSAGE_NOTES[kind],
    alertFingerprint: alert.fingerprint,
    alertStatus: alert.status,
    source: from.source,
  };
  if (from.rawHash) fields.rawHash = from.rawHash;
  for (const [field, value] of Object.entries(fields)) recorder.set('message', id, field, value);
}

async function openIncident(
  db: Db,
  recorder: ChangeRecorder,
  alert: MonitoringAlert,
  batch: AlertBatch,
  placement: Extract<Placement, { kind: 'open' }>,
): Promise<string> {
  const { previous } = placement;
  const id = await createIncident(
    db,
    recorder,
    {
      title: alert.title.trim().slice(0, 200) || 'Monitoring alert',
      description: alertBody(alert, batch, recorder.at).slice(0, MAX_DESCRIPTION),
      channel: 'monitoring',
      reporterId: null,
      categoryId: null,
      subcategory: null,
      serviceId: null,
      ...severityLevels(alert.severity),
      priorityOverride: null,
      assigneeId: null,
      groupId: null,
      tags: [],
      reportedAt: alert.startsAt ?? recorder.at,
    },
    null,
    { id: placement.id, relatedIncidentIds: previous ? [previous.id] : [] },
  );
  if (previous) {
    recorder.append(
      'incident',
      previous.id,
      'note',
      {
        body: 'The alert fired again after this incident had ended; it started a new incident.',
        internal: true,
        relatedIncidentId: id,
      },
      // Derived, like the new incident's id: two hosts receiving the alert write one note.
      uuidv5(`fired-again:${previous.id}:${id}`, NOTE_NAMESPACE),
    );
  }
  return id;
}

/**
 * The desk resolves an incident for its monitoring system. Not an agent: nobody is made assignee and the
 * incident is not counted as acknowledged, so response-time figures stay honest.
 */
function resolveForMonitoring(recorder: ChangeRecorder, incident: Incident, notes: string): void {
  const plan = planTransition(
    incident,
    {
      action: 'resolve',
      resolutionCode: 'recovered_automatically',
      notes,
      cause: 'What the alert watches recovered by itself: the monitoring system reported it resolved.',
    },
    { actorId: '', now: recorder.at },
  );
  const { assigneeId: _assignee, acknowledgedAt: _acknowledged, ...fields } = plan.fields;
  recordIncidentChanges(recorder, incident, fields, 'resolve', plan.notes);
}

/** A recovery resolves its incident only while nobody has started working on it. */
async function resolvesIncident(db: Db, incident: Incident): Promise<boolean> {
  return isOpenStatus(incident.status) && !(await touchedByAgent(db, incident.id));
}

function recordRecovery(
  recorder: ChangeRecorder,
  alert: MonitoringAlert,
  batch: AlertBatch,
  incident: Incident,
  resolve: boolean,
): void {
  recorder.append(
    'incident',
    incident.id,
    'note',
    { body: recoveryNote(alert, batch, recorder.at), internal: true },
    uuidv5(`recovered:${incident.id}:${alert.fingerprint}:${alert.endsAt ?? alert.startsAt ?? ''}`, NOTE_NAMESPACE),
  );
  if (resolve) resolveForMonitoring(recorder, incident, recoveryResolution(alert, batch, recorder.at));
}

/**
 * Receives one alert of a notification, inside the caller's transaction. The recorder is flushed at the
 * end, so the next alert (the same one again, later in a file) sees what this one did.
 */
export async function receiveAlert(
  db: Db,
  recorder: ChangeRecorder,
  alert: MonitoringAlert,
  batch: AlertBatch,
  from: AlertSourceInfo,
): Promise<AlertOutcome> {
  const { placement, anchor } = await placeAlert(db, alert);
  const messageId = alertMessageId(alert, anchor);
  const outcome = (kind: AlertOutcomeKind, incidentId: string | null): AlertOutcome => ({
    kind,
    fingerprint: alert.fingerprint,
    status: alert.status,
    messageId,
    incidentId,
  });
  if (await messageExists(db, messageId)) return outcome('duplicate', anchor);

  const rawHash = await from.keepRaw();
  const message = {
    id: messageId,
    channel: 'monitoring',
    kind: 'message' as const,
    from: { address: '', name: senderName(batch) },
    subject: alertSubject(alert),
    preview: alertPreview(alert, recorder.at),
  };
  let result: AlertOutcome;
  switch (placement.kind) {
    case 'open': {
      const incidentId = await openIncident(db, recorder, alert, batch, placement);
      recordMessage(recorder, messageId, alert, batch, { source: from.source, rawHash }, 'created');
      linkMessage(recorder, message, incidentId, 'incident');
      result = outcome('created', incidentId);
      break;
    }
    case 'join':
      recordMessage(recorder, messageId, alert, batch, { source: from.source, rawHash }, 'linked');
      linkMessage(recorder, message, placement.incident.id, 'threaded');
      result = outcome('linked', placement.incident.id);
      break;
    case 'recover': {
      const resolve = await resolvesIncident(db, placement.incident);
      const kind = resolve ? 'resolved' : 'noted';
      recordMessage(recorder, messageId, alert, batch, { source: from.source, rawHash }, kind);
      linkMessage(recorder, message, placement.incident.id, 'threaded');
      recordRecovery(recorder, alert, batch, placement.incident, resolve);
      result = outcome(kind, placement.incident.id);
      break;
    }
    case 'unmatched':
      recordMessage(recorder, messageId, alert, batch, { source: from.source, rawHash }, 'unmatched');
      result = outcome('unmatched', null);
      break;
  }
  await recorder.flush();
  return result;
}

export function alertReceipt(batch: AlertBatch, outcomes: readonly AlertOutcome[]): AlertReceipt {
  const counts = Object.fromEntries(ALERT_OUTCOMES.map((kind) => [kind, 0])) as Record<AlertOutcomeKind, number>;
  for (const outcome of outcomes) counts[outcome.kind]++;
  return { received: outcomes.length, ...counts, truncated: batch.truncated, alerts: outcomes };
}

/**
 * Receives a whole notification as one command: all of its alerts are stored, or (on any failure) none.
 * The raw notification is kept once, and only if something in it was new.
 */
export async function receiveAlertBatch(
  store: Store,
  batch: AlertBatch,
  from: { source: string; raw: Buffer | null },
): Promise<AlertReceipt> {
  const { value } = await store.command(null, async (tx, recorder) => {
    let rawHash: string | null = null;
    const keepRaw = async () => {
      if (from.raw && rawHash === null) rawHash = await putBlob(tx, from.raw);
      return rawHash;
    };
    const outcomes: AlertOutcome[] = [];
    for (const alert of batch.alerts) {
      outcomes.push(await receiveAlert(tx, recorder, alert, batch, { source: from.source, keepRaw }));
    }
    return outcomes;
  });
  return alertReceipt(batch, value);
}
