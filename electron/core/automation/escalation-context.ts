import { DEFAULT_CALENDAR } from '#shared/domain/calendar.ts';
import { isSlaTrigger, slaLevel } from '#shared/domain/escalation-triggers.ts';
import type { Channel, Level, Priority, Status } from '#shared/domain/enums.ts';
import type { Incident } from '#shared/domain/incident.ts';
import type { RuleIncident } from '#shared/domain/rule-conditions.ts';
import type { RuleTrigger, TriggerContext } from '#shared/domain/rule-triggers.ts';
import { incidentRowToModel, provisionalNumberColumn } from '#core/incidents/incident.repository.ts';
import { loadDueFacts } from '#core/sla/due.repository.ts';
import { incidentClockInput } from '#core/sla/incident-clocks.ts';
import { loadSlaConfig } from '#core/sla/sla-config.ts';
import type { SlaConfig } from '#core/sla/sla-config.ts';
import type { Selectable } from 'kysely';
import type { IncidentTable } from '#core/store/schema.ts';
import type { Db } from '#core/store/store.ts';
import { firingId, spentFirings } from './firing.ts';
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
  const spent = await spentFirings(
    db,
    ids.map((id) => firingId(rule.id, id, occasion)),
  );
  return ids.filter((id) => !spent.has(firingId(rule.id, id, occasion)));
}

/** The incident columns rule conditions and time triggers read (RuleIncident). */
export const RULE_COLUMNS = [
  'id',
  'number',
  'title',
  'description',
  'channel',
  'status',
  'priority',
  'impact',
  'urgency',
  'category_id',
  'service_id',
  'group_id',
  'assignee_id',
  'reporter_id',
  'tags',
  'created_at',
  'acknowledged_at',
  'sla_policy_id',
] as const;
export type RuleColumn = (typeof RULE_COLUMNS)[number];

export function toRuleIncident(row: Pick<Selectable<IncidentTable>, RuleColumn>): RuleIncident {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    description: row.description,
    channel: row.channel as Channel,
    status: row.status as Status,
    priority: row.priority as Priority,
    impact: row.impact as Level,
    urgency: row.urgency as Level,
    categoryId: row.category_id,
    serviceId: row.service_id,
    groupId: row.group_id,
    assigneeId: row.assignee_id,
    reporterId: row.reporter_id,
    tags: JSON.parse(row.tags) as string[],
    createdAt: row.created_at,
    acknowledgedAt: row.acknowledged_at,
    slaPolicyId: row.sla_policy_id,
  };
}

/**
 * The incidents as rule conditions and time triggers read them: those columns only. A sweep reads every
 * candidate on every beat, most of them to find that the conditions leave them out, so not the whole row.
 */
export async function loadRuleIncidents(db: Db, ids: readonly string[]): Promise<RuleIncident[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('incident')
    .select([...RULE_COLUMNS])
    .where('id', 'in', [...ids])
    .execute();
  return rows.map(toRuleIncident);
}

/** Whole incidents, as a firing's actions read them, with the service level conditions read. */
export async function loadFiringIncidents(
  db: Db,
  ids: readonly string[],
): Promise<(Incident & Pick<RuleIncident, 'slaPolicyId'>)[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('incident')
    .selectAll()
    .select(provisionalNumberColumn)
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((row) => ({ ...incidentRowToModel(row), slaPolicyId: row.sla_policy_id }));
}
