import type { IncidentDetail } from '#shared/domain/incident.ts';
import { desk, onDeskEvent } from './desk.ts';
import type { DeskOutcome } from './desk.ts';

type Answer = Promise<DeskOutcome<IncidentDetail>>;

/** At most one: the incident the agent has just opened, asked for before its screen is drawn. */
let pending: { readonly id: string; readonly answer: Answer } | null = null;

/**
 * Asks for an incident the moment the agent opens it, so the desk answers while the queue gives way to the
 * incident's screen instead of after (that screen asks only once it is on the page).
 */
export function prefetchIncident(id: string): void {
  pending = { id, answer: desk['incident/get']({ id }) };
}

/** The answer asked for when the incident was opened, once; otherwise a new question. */
export function takeIncident(input: { readonly id: string }): Answer {
  const taken = pending;
  pending = null;
  return taken?.id === input.id ? taken.answer : desk['incident/get']({ id: input.id });
}

// A change to the incident between the opening and its screen listening for changes: that answer may be stale.
onDeskEvent('data/changed', (change) => {
  if (pending && change.incidentIds.includes(pending.id)) pending = null;
});
