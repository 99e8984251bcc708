import { MAX_RULE_CASCADE } from '#shared/domain/automation-rules.ts';
import { conditionsHold } from '#shared/domain/rule-conditions.ts';
import { triggerMatches } from '#shared/domain/rule-triggers.ts';
import type { Incident } from '#shared/domain/incident.ts';
import type { RuleIncident } from '#shared/domain/rule-conditions.ts';
import { findIncident } from '#core/incidents/incident.repository.ts';
import type { ChangeRecorder, Db } from '#core/store/store.ts';
import { fireRule } from './firing.ts';
import { activeRules } from './rule.repository.ts';
import type { StoredRule } from './rule.repository.ts';
import { incidentEventsIn, incidentsCreatedIn } from './rule-events.ts';

/**
 * Event rules, run at the end of every local command in its transaction (Store.afterEachCommand), on the
 * workstation that made the change:
 *
 * - Where: here, not on the automation lease holder after a sync. The rule acts in the same transaction as the
 *   change, so it can neither be missed (a crash loses both or neither) nor act twice: a change arriving from
 *   another workstation, or replayed by a bootstrap, is applied without running any rule, because the
 *   workstation that made it already ran them. It works offline, and mail it queues is sent by the lease
 *   holder like all automatic mail. Two workstations making the same change (importing the same mail) fire on
 *   the same occasion, with the same ids, and converge on one firing and one mail.
 * - Order: for each event in the order the command recorded it, the enabled rules in their order.
 * - Loops: what rules change is read as new events, for up to MAX_RULE_CASCADE rounds, and a rule acts on an
 *   incident at most once per command; so no set of rules can set itself off for ever.
 */
/** The incident as rules read it: with the service level that applies (a scope condition may name it). */
async function findRuleIncident(db: Db, id: string): Promise<(Incident & RuleIncident) | null> {
  const incident = await findIncident(db, id);
  if (!incident) return null;
  const row = await db.selectFrom('incident').select('sla_policy_id').where('id', '=', id).executeTakeFirst();
  return { ...incident, slaPolicyId: row?.sla_policy_id ?? null };
}

export async function runEventRules(db: Db, recorder: ChangeRecorder): Promise<void> {
  const created = incidentsCreatedIn(recorder.changes);
  let scanned = 0;
  let rules: StoredRule[] | null = null;
  const acted = new Set<string>();
  for (let round = 0; round < MAX_RULE_CASCADE; round++) {
    const events = incidentEventsIn(recorder.changes.slice(scanned), created);
    scanned = recorder.changes.length;
    if (!events.length) return;
    rules ??= await activeRules(db, 'event');
    if (!rules.length) return;
    // What the command recorded so far is read through the transaction from here on.
    await recorder.flush();
    for (const event of events) {
      let incident = await findRuleIncident(db, event.incidentId);
      for (const rule of rules) {
        const key = `${rule.id}:${event.incidentId}`;
        if (!incident || acted.has(key) || !triggerMatches(rule.trigger, event, incident)) continue;
        if (!conditionsHold(rule.conditions, incident)) continue;
        acted.add(key);
        if (!(await fireRule(db, recorder, rule, incident, event.id))) continue;
        // The next rule sees what this one did.
        await recorder.flush();
        incident = await findRuleIncident(db, event.incidentId);
      }
    }
  }
}
