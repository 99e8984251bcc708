import type { JsonValue } from '#shared/change.ts';
import { DeskError } from '#shared/errors.ts';
import type { FieldChange, FieldValue, Incident, IncidentField } from '#shared/domain/incident.ts';
import type { FieldUpdates } from '#shared/domain/lifecycle.ts';
import { derivedIds } from '#core/store/derived-ids.ts';
import { existingIds } from '#core/store/existing-ids.ts';
import { sameValue } from '#core/store/record-fields.ts';
import type { ChangeRecorder, Db } from '#core/store/store.ts';
import { ACTION_NAMES, planAction } from './rule-actions.ts';
import type { ActionPlan } from './rule-actions.ts';
import type { StoredRule } from './rule.repository.ts';

const FIRING_NAMESPACE = '9b2e6f14-3a7c-4d58-b1e0-2f8c5a6d7e91';

/**
 * A rule fires at most once per incident and occasion (the event that set it off, or the round of a time rule):
 * its timeline entry's id is derived from the three, so two workstations firing the same occasion write the same
 * entry, and a workstation that sees the entry knows the occasion is spent. The service-level work keys its
 * escalations the same way (occasion: the clock cycle and level).
 */
export function firingId(ruleId: string, incidentId: string, occasion: string): string {
  return firingIds(`${ruleId}:${incidentId}:${occasion}`);
}

const firingIds = derivedIds(FIRING_NAMESPACE);

export async function hasFired(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('timeline_event').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Which of these firings happened already: asked in batches, where a sweep would ask once per incident. */
export function spentFirings(db: Db, ids: readonly string[]): Promise<Set<string>> {
  return existingIds(db, 'timeline_event', ids);
}

/**
 * Fires a rule on an incident (inside the caller's command): plans every action in order, each seeing the
 * incident as the ones before left it, then records, as the system, the fields they change and one `changed`
 * entry for the firing ("Automation" with the rule's name, what changed, what was done or not and why), then
 * what the actions write besides (notes, mail). An action that cannot be done is recorded as not done; the others
 * go ahead. Answers false when the occasion was spent already.
 */
export async function fireRule(
  db: Db,
  recorder: ChangeRecorder,
  rule: Pick<StoredRule, 'id' | 'name' | 'actions'>,
  incident: Incident,
  occasion: string,
  /** Why it fired, in words, for the timeline (a time rule's trigger: "75 % of the resolution target…"). */
  reason?: string,
): Promise<boolean> {
  const id = firingId(rule.id, incident.id, occasion);
  if (await hasFired(db, id)) return false;
  let working = incident;
  const fields: FieldUpdates = {};
  const notes: string[] = [];
  const outcomes: string[] = [];
  const effects: NonNullable<ActionPlan['effect']>[] = [];
  for (const [index, action] of rule.actions.entries()) {
    let plan: ActionPlan;
    try {
      plan = await planAction(
        { db, rule, firingId: id, index, now: recorder.at, incident: working, unflushed: recorder.unflushed },
        action,
      );
    } catch (error) {
      if (!(error instanceof DeskError)) throw error;
      outcomes.push(`Not done: ${ACTION_NAMES[action.type]} (${error.message})`);
      continue;
    }
    if (plan.fields) {
      Object.assign(fields, plan.fields);
      working = { ...working, ...plan.fields } as Incident;
    }
    if (plan.notes) notes.push(plan.notes);
    if (plan.outcome) outcomes.push(plan.outcome);
    if (plan.effect) effects.push(plan.effect);
  }
  await recorder.asSystem(async () => {
    const changes: FieldChange[] = [];
    for (const [field, to] of Object.entries(fields) as [IncidentField, FieldValue][]) {
      const from = incident[field as keyof Incident] as FieldValue | undefined;
      if (sameValue((from ?? null) as JsonValue, to as JsonValue)) continue;
      recorder.set('incident', incident.id, field, to as JsonValue);
      changes.push({ field, from: from ?? null, to });
    }
    const payload: Record<string, JsonValue> = {
      action: 'automation',
      rule: { id: rule.id, name: rule.name },
      occasion,
      changes: changes as unknown as JsonValue,
      outcomes,
    };
    if (reason) payload.reason = reason;
    if (notes.length) payload.notes = notes.join('\n\n');
    recorder.append('incident', incident.id, 'changed', payload, id);
    for (const effect of effects) await effect(recorder);
  });
  return true;
}
