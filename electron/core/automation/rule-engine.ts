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
    // Incidents a firing of this round changed: read again, after applying what was recorded, before a rule looks
    // at them next. Applying costs a score of statements whatever it holds, so the firings on other incidents
    // (500 acknowledgements of one import) are applied together; what a rule reads besides its incident, the mail
    // queued to the same address, counts what is recorded and not applied too.
    const changed = new Set<string>();
    for (const event of events) {
      if (changed.delete(event.incidentId)) await recorder.flush();
      let incident = await findRuleIncident(db, event.incidentId);
      for (const rule of rules) {
        const key = `${rule.id}:${event.incidentId}`;
        // Which event sets a rule off does not hang on what rules change (the channel an incident came from).
        if (!incident || acted.has(key) || !triggerMatches(rule.trigger, event, incident)) continue;
        // The next rule sees what the one before did.
        if (changed.delete(event.incidentId)) {
          await recorder.flush();
          incident = await findRuleIncident(db, event.incidentId);
          if (!incident) continue;
        }
        if (!conditionsHold(rule.conditions, incident)) continue;
        acted.add(key);
        if (await fireRule(db, recorder, rule, incident, event.id)) changed.add(event.incidentId);
      }
    }
  }
}
