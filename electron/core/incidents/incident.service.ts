import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';

const CREATED_NAMESPACE = 'c4d9a1e2-7b3f-4e6a-8c5d-2f1e0a9b8c7d';
import type { JsonValue } from '#shared/change.ts';
import { DeskError } from '#shared/errors.ts';
import { isOpenStatus, status as statusEnum } from '#shared/domain/enums.ts';
import type {
  AddNoteInput,
  CreateIncidentCommand,
  FieldChange,
  FieldValue,
  Incident,
  IncidentField,
  UpdateIncidentCommand,
} from '#shared/domain/incident.ts';
import { acknowledgement, planAssignment, planTransition } from '#shared/domain/lifecycle.ts';
import type { FieldUpdates, TransitionInput } from '#shared/domain/lifecycle.ts';
import { effectivePriority } from '#shared/domain/priority.ts';
import {
  findAgent,
  findCategory,
  findContact,
  findGroup,
  findService,
  loadPriorityMatrix,
} from '../reference/reference.repository.ts';
import { sameValue } from '../store/record-fields.ts';
import type { ChangeRecorder, Db } from '../store/store.ts';
import { getIncident, nextLocalNumber, nextProvisionalNumber } from './incident.repository.ts';
import { isConnectedToHub } from '../sync/sync-settings.ts';

/** An incident's id and the values of its fields as far as they are known (what the lifecycle writes read). */
export type IncidentValues = { readonly id: string } & Partial<Readonly<Record<IncidentField, FieldValue>>>;

interface References {
  reporterId?: string | null | undefined;
  categoryId?: string | null | undefined;
  subcategory?: string | null | undefined;
  serviceId?: string | null | undefined;
  assigneeId?: string | null | undefined;
  groupId?: string | null | undefined;
}

/** Every id an incident points at must exist in the workspace; a subcategory must belong to its category. */
async function checkReferences(db: Db, refs: References, categoryIdForSub: string | null): Promise<void> {
  const missing = async (
    what: string,
    id: string | null | undefined,
    find: (db: Db, id: string) => Promise<unknown>,
  ) => {
    if (id && !(await find(db, id))) throw new DeskError('invalid_input', `No ${what} with id ${id}.`);
  };
  await missing('contact', refs.reporterId, findContact);
  await missing('category', refs.categoryId, findCategory);
  await missing('service', refs.serviceId, findService);
  await missing('agent', refs.assigneeId, findAgent);
  await missing('group', refs.groupId, findGroup);
  if (refs.subcategory) {
    const category = categoryIdForSub ? await findCategory(db, categoryIdForSub) : null;
    if (!category) throw new DeskError('invalid_input', 'Choose a category before a subcategory.');
    if (!category.subcategories.includes(refs.subcategory)) {
      throw new DeskError('invalid_input', `"${refs.subcategory}" is not a subcategory of ${category.name}.`);
    }
  }
}

/**
 * Records the fields that really change as `set`s and one timeline entry listing them (old → new), with the
 * action and the agent's notes. Returns false when nothing changed.
 */
export function recordIncidentChanges(
  recorder: ChangeRecorder,
  incident: IncidentValues,
  fields: FieldUpdates,
  action: string,
  notes: string | null = null,
): boolean {
  const changes: FieldChange[] = [];
  for (const [field, to] of Object.entries(fields) as [IncidentField, FieldValue][]) {
    const from = incident[field] ?? null;
    if (sameValue(from as JsonValue, to as JsonValue)) continue;
    recorder.set('incident', incident.id, field, to as JsonValue);
    changes.push({ field, from, to });
  }
  if (!changes.length && !notes) return false;
  const payload: Record<string, JsonValue> = { action, changes: changes as unknown as JsonValue };
  if (notes) payload.notes = notes;
  recorder.append('incident', incident.id, 'changed', payload);
  return true;
}

export async function createIncident(
  db: Db,
  recorder: ChangeRecorder,
  command: CreateIncidentCommand,
  actorId: string | null,
  options: { id?: string; relatedIncidentIds?: readonly string[] } = {},
): Promise<string> {
  await checkReferences(db, command, command.categoryId);
  const matrix = await loadPriorityMatrix(db);
  // Incidents the intake makes have ids derived from what they came from, so two workstations importing
  // the same mail make the same incident.
  const id = options.id ?? uuidv7();
  const at = recorder.at;
  // Connected to a hub, the hub gives the number at the first push; until then the incident shows a
  // provisional one, kept locally (it is not team data, so it is not a change).
  const connected = await isConnectedToHub(db);
  if (connected) {
    await db
      .insertInto('provisional_number')
      .values({ incident_id: id, number: await nextProvisionalNumber(db) })
      .execute();
  }
  const fields: Record<string, JsonValue> = {
    ...(connected ? {} : { number: await nextLocalNumber(db) }),
    title: command.title,
    description: command.description,
    channel: command.channel,
    impact: command.impact,
    urgency: command.urgency,
    priority: effectivePriority(matrix, command.impact, command.urgency, command.priorityOverride),
    status: command.assigneeId ? 'assigned' : 'new',
    tags: command.tags,
    reportedAt: command.reportedAt ? new Date(command.reportedAt).toISOString() : at,
    createdAt: at,
  };
  // Fields that start empty are left unset: the projection's defaults cover them and the log stays small.
  const optional = {
    reporterId: command.reporterId,
    categoryId: command.categoryId,
    subcategory: command.subcategory || null,
    serviceId: command.serviceId,
    assigneeId: command.assigneeId,
    groupId: command.groupId ?? (command.assigneeId ? await firstGroupOf(db, command.assigneeId) : null),
    priorityOverride: command.priorityOverride,
    // An agent logging a call and taking it themselves has acknowledged it on the spot.
    acknowledgedAt: actorId !== null && command.assigneeId === actorId ? at : null,
    relatedIncidentIds: options.relatedIncidentIds?.length ? [...options.relatedIncidentIds] : null,
  };
  for (const [field, value] of Object.entries(optional)) if (value !== null) fields[field] = value;
  for (const [field, value] of Object.entries(fields)) recorder.set('incident', id, field, value);
  // An incident with a derived id (made from an email or an alert) has a derived first entry too.
  const createdEvent = options.id ? uuidv5(`created:${id}`, CREATED_NAMESPACE) : undefined;
  recorder.append('incident', id, 'created', { action: 'create', changes: [] }, createdEvent);
  return id;
}

async function firstGroupOf(db: Db, agentId: string): Promise<string | null> {
  return (await findAgent(db, agentId))?.groupIds[0] ?? null;
}

function refuseEnded(incident: Incident, what: string): void {
  if (incident.status === 'closed' || incident.status === 'cancelled') {
    throw new DeskError(
      'invalid_transition',
      `The incident is ${statusEnum.labels[incident.status]}; reopen it before ${what}.`,
    );
  }
}

export async function updateIncident(
  db: Db,
  recorder: ChangeRecorder,
  command: UpdateIncidentCommand,
  actorId: string,
): Promise<void> {
  const incident = await getIncident(db, command.id);
  refuseEnded(incident, 'editing it');
  const next = { ...incident, ...command.fields };
  // A new category clears a subcategory that does not belong to it.
  const fields: FieldUpdates = { ...command.fields };
  if (command.fields.cause !== undefined) fields.cause = command.fields.cause?.trim() || null;
  if (command.fields.categoryId !== undefined && command.fields.subcategory === undefined && incident.subcategory) {
    const category = command.fields.categoryId ? await findCategory(db, command.fields.categoryId) : null;
    if (!category?.subcategories.includes(incident.subcategory)) fields.subcategory = null;
  }
  await checkReferences(db, { ...command.fields, subcategory: fields.subcategory as string | null }, next.categoryId);
  if (['impact', 'urgency', 'priorityOverride'].some((f) => f in command.fields)) {
    const matrix = await loadPriorityMatrix(db);
    fields.priority = effectivePriority(matrix, next.impact, next.urgency, next.priorityOverride);
  }
  const actor = { actorId, now: recorder.at };
  recordIncidentChanges(recorder, incident, { ...fields, ...acknowledgement(incident, actor) }, 'edit');
}

export async function assignIncident(
  db: Db,
  recorder: ChangeRecorder,
  command: { id: string; assigneeId: string | null; groupId?: string | null | undefined },
  actorId: string,
): Promise<void> {
  const incident = await getIncident(db, command.id);
  await checkReferences(db, { assigneeId: command.assigneeId, groupId: command.groupId }, null);
  const fields = planAssignment(incident, command, { actorId, now: recorder.at });
  if (command.groupId === undefined && command.assigneeId && incident.groupId === null) {
    fields.groupId = await firstGroupOf(db, command.assigneeId);
  }
  recordIncidentChanges(recorder, incident, fields, 'assign');
}

export async function transitionIncident(
  db: Db,
  recorder: ChangeRecorder,
  command: TransitionInput,
  actorId: string,
): Promise<void> {
  const incident = await getIncident(db, command.id);
  const plan = planTransition(incident, command, { actorId, now: recorder.at });
  recordIncidentChanges(recorder, incident, plan.fields, command.action, plan.notes);
}

export async function addNote(db: Db, recorder: ChangeRecorder, command: AddNoteInput, actorId: string): Promise<void> {
  recordNote(recorder, await getIncident(db, command.id), command.body, actorId);
}

/** A work note on the timeline; writing one is working the incident, so it acknowledges an open incident. */
export function recordNote(
  recorder: ChangeRecorder,
  incident: Pick<Incident, 'id' | 'status' | 'acknowledgedAt'>,
  body: string,
  actorId: string,
): FieldUpdates {
  recorder.append('incident', incident.id, 'note', { body: body.trim(), internal: true });
  const fields = isOpenStatus(incident.status) ? acknowledgement(incident, { actorId, now: recorder.at }) : {};
  for (const [field, value] of Object.entries(fields)) recorder.set('incident', incident.id, field, value as JsonValue);
  return fields;
}
