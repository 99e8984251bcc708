import { DEFAULT_CALENDAR } from '#shared/domain/calendar.ts';
import { isSlaTrigger, slaLevel } from '#shared/domain/escalation-triggers.ts';
import type { RuleIncident } from '#shared/domain/rule-conditions.ts';
import type { RuleTrigger, TriggerContext } from '#shared/domain/rule-triggers.ts';
import { incidentRowToModel, provisionalNumberColumn } from '#core/incidents/incident.repository.ts';
import { loadDueFacts } from '#core/sla/due.repository.ts';
import { incidentClockInput } from '#core/sla/incident-clocks.ts';
import { loadSlaConfig } from '#core/sla/sla-config.ts';
import type { SlaConfig } from '#core/sla/sla-config.ts';
import type { Db } from '#core/store/store.ts';
import { firingId } from './firing.ts';
import type { StoredRule } from './rule.repository.ts';

export const NO_SLA_CONFIG: SlaConfig = { policies: [], calendars: new Map(), fingerprint: '' };

/** The triggers that read an incident's service level: its clocks, or the calendar its waits count in. */
export function isEscalation(trigger: RuleTrigger): boolean {
  return isSlaTrigger(trigger) || trigger.type === 'unacknowledged';
}

/**
 * What escalation triggers measure each incident with: its clocks as evaluateSla reads them, from the same
 * facts and policy match the store's due instants come from, so an escalation agrees with the queue's badge.
 * Other triggers need nothing beyond the default context.
 */
export async function triggerContexts(
  db: Db,
  trigger: RuleTrigger,
  ids: readonly string[],
  config?: SlaConfig,
): Promise<Map<string, TriggerContext>> {
  const contexts = new Map<string, TriggerContext>();
  if (!isEscalation(trigger) || !ids.length) return contexts;
  const settings = config ?? (await loadSlaConfig(db));
  for (const facts of await loadDueFacts(db, ids)) {
    const clocks = incidentClockInput(settings, facts);
    contexts.set(facts.id, { calendar: DEFAULT_CALENDAR, sla: clocks?.input ?? null });
  }
  return contexts;
}

/** The one occasion this trigger can have on an incident, where it does not depend on its history. */
export function fixedOccasion(trigger: RuleTrigger): string | null {
  if (trigger.type === 'unacknowledged') return `unacknowledged-${trigger.minutes}`;
  // First response and resolution have one cycle (a reopen continues resolution's); next update has many.
  if (isSlaTrigger(trigger) && trigger.clock !== 'nextUpdate') return `${trigger.clock}:1:${slaLevel(trigger)}`;
  return null;
}

/**
 * Leaves out the incidents on which the rule's only possible occasion is spent, with one query per batch, so a
 * sweep does not work out the clocks of incidents it escalated on an earlier pass.
 */
export async function unspent(db: Db, rule: StoredRule, ids: readonly string[]): Promise<string[]> {
  const occasion = fixedOccasion(rule.trigger);
  if (occasion === null || !ids.length) return [...ids];
  const left: string[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const byFiring = new Map(chunk.map((id) => [firingId(rule.id, id, occasion), id]));
    const fired = await db
      .selectFrom('timeline_event')
      .select('id')
      .where('id', 'in', [...byFiring.keys()])
      .execute();
    const spent = new Set(fired.map((row) => byFiring.get(row.id)));
    for (const id of chunk) if (!spent.has(id)) left.push(id);
  }
  return left;
}

/** The incidents as rule conditions read them. */
export async function loadRuleIncidents(db: Db, ids: readonly string[]): Promise<RuleIncident[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('incident')
    .selectAll()
    .select(provisionalNumberColumn)
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((row) => ({ ...incidentRowToModel(row), slaPolicyId: row.sla_policy_id }));
}
