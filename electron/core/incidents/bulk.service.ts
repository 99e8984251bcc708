import type { JsonValue } from '#shared/change.ts';
import { DeskError } from '#shared/errors.ts';
import type { BulkChange, BulkIncidentRef, BulkSkip, UndoOutcome } from '#shared/domain/bulk.ts';
import { status as statusEnum } from '#shared/domain/enums.ts';
import type { FieldValue, Incident, IncidentField } from '#shared/domain/incident.ts';
import { firstWriterWins } from '#shared/merge.ts';
import { sameValue } from '../store/record-fields.ts';
import type { ChangeRecorder, Db } from '../store/store.ts';
import { findIncident } from './incident.repository.ts';
import { assignIncident, recordIncidentChanges, transitionIncident, updateIncident } from './incident.service.ts';

/** What undoing one incident's part of a bulk change takes: each field it set, from what, to what. */
export interface UndoItem {
  readonly incident: BulkIncidentRef;
  readonly fields: Readonly<Partial<Record<IncidentField, { readonly from: FieldValue; readonly to: FieldValue }>>>;
}

export interface BulkResult {
  readonly changed: BulkIncidentRef[];
  readonly skipped: BulkSkip[];
  readonly undo: UndoItem[];
}

function refOf(incident: Pick<Incident, 'id' | 'number' | 'provisionalNumber'>): BulkIncidentRef {
  return { id: incident.id, number: incident.number, provisionalNumber: incident.provisionalNumber };
}

/** The one incident's change, made by the same service a click on the incident makes. */
async function changeOne(db: Db, recorder: ChangeRecorder, incident: Incident, change: BulkChange, actorId: string) {
  const id = incident.id;
  switch (change.kind) {
    case 'assign':
      return assignIncident(db, recorder, { id, assigneeId: change.assigneeId }, actorId);
    case 'group':
      return updateIncident(db, recorder, { id, fields: { groupId: change.groupId } }, actorId);
    case 'status':
      return transitionIncident(db, recorder, { id, ...change }, actorId);
    case 'priority':
      return updateIncident(
        db,
        recorder,
        { id, fields: { priorityOverride: { priority: change.priority, reason: change.reason } } },
        actorId,
      );
    case 'tag':
      if (incident.tags.includes(change.tag)) throw new DeskError('conflict', `Already tagged “${change.tag}”.`);
      return updateIncident(db, recorder, { id, fields: { tags: [...incident.tags, change.tag] } }, actorId);
  }
}

/**
 * Makes one change to each incident in turn, inside the caller's transaction: each a change per incident
 * with its own timeline entry, as if made on the incident. An incident the change does not apply to (closed,
 * already in that state, already tagged) is skipped with the reason; the others go ahead.
 */
export async function changeIncidents(
  db: Db,
  recorder: ChangeRecorder,
  ids: readonly string[],
  change: BulkChange,
  actorId: string,
): Promise<BulkResult> {
  const result: BulkResult = { changed: [], skipped: [], undo: [] };
  for (const id of new Set(ids)) {
    const incident = await findIncident(db, id);
    if (!incident) {
      result.skipped.push({ id, number: null, provisionalNumber: null, reason: 'No such incident any more.' });
      continue;
    }
    const recorded = recorder.changes.length;
    try {
      await changeOne(db, recorder, incident, change, actorId);
    } catch (error) {
      // The services check before they write: a refusal after a write would leave half an incident changed.
      if (!(error instanceof DeskError) || recorder.changes.length !== recorded) throw error;
      result.skipped.push({ ...refOf(incident), reason: error.message });
      continue;
    }
    const sets = recorder.changes.slice(recorded).filter((c) => c.op === 'set' && c.entityId === id);
    if (!sets.length) {
      result.skipped.push({ ...refOf(incident), reason: 'Nothing to change: it is already so.' });
      continue;
    }
    const fields: Record<string, { from: FieldValue; to: FieldValue }> = {};
    for (const set of sets) {
      const field = set.field as IncidentField;
      fields[field] = { from: incident[field as keyof Incident] as FieldValue, to: set.value as FieldValue };
    }
    result.changed.push(refOf(incident));
    result.undo.push({ incident: refOf(incident), fields });
  }
  return result;
}

/**
 * Puts each incident back as it was before the bulk change, but only where nobody has changed it since: a
 * field that no longer holds the bulk change's value was set again by someone (here or on another
 * workstation), and undoing would throw their change away. Such an incident is left whole, with the reason.
 */
export async function undoIncidentChanges(
  db: Db,
  recorder: ChangeRecorder,
  items: readonly UndoItem[],
): Promise<UndoOutcome> {
  const restored: BulkIncidentRef[] = [];
  const kept: BulkSkip[] = [];
  for (const item of items) {
    const incident = await findIncident(db, item.incident.id);
    if (!incident) continue;
    // A first occurrence (acknowledged at) stands: the incident was seen, and no later value replaces it.
    const entries = (Object.entries(item.fields) as [IncidentField, { from: FieldValue; to: FieldValue }][]).filter(
      ([field]) => !firstWriterWins('incident', field),
    );
    const moved = entries.find(
      ([field, { to }]) => !sameValue(incident[field as keyof Incident] as JsonValue, to as JsonValue),
    );
    if (moved) {
      kept.push({ ...refOf(incident), reason: changedSince(moved[0], incident) });
      continue;
    }
    const back = Object.fromEntries(entries.map(([field, { from }]) => [field, from]));
    recordIncidentChanges(recorder, incident, back, 'undo');
    restored.push(refOf(incident));
  }
  return { restored, kept };
}

function changedSince(field: IncidentField, incident: Incident): string {
  if (field === 'status')
    return `It was changed since (it is now ${statusEnum.labels[incident.status]}); left as it is.`;
  return 'It was changed again since; left as it is.';
}
