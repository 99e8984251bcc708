import { DEFAULT_CALENDAR } from '#shared/domain/calendar.ts';
import { conditionsHold } from '#shared/domain/rule-conditions.ts';
import type { RuleIncident } from '#shared/domain/rule-conditions.ts';
import type { TriggerContext, TriggerHistory } from '#shared/domain/rule-triggers.ts';
import type { Db } from '#core/store/store.ts';
import { escalationCandidates } from './escalation-candidates.ts';
import type { CandidateWindow, EscalationTrigger } from './escalation-candidates.ts';
import { fixedOccasion, loadRuleIncidents, triggerContexts } from './escalation-context.ts';
import { firingId } from './firing.ts';
import type { StoredRule } from './rule.repository.ts';

/** Incidents read per query while sweeping. */
const CHUNK = 500;
const NO_CLOCKS: TriggerContext = { calendar: DEFAULT_CALENDAR };

type Consider = (rule: StoredRule, history: TriggerHistory, context: TriggerContext) => Promise<void>;

/**
 * The escalation rules' part of a sweep, all rules together: one query finds every rule's candidates, one more
 * (a batch) leaves out the occasions already spent, and each incident's clocks are worked out once for every rule
 * that asks, only where the rule's conditions hold. Each (rule, incident) is then handed to `consider`, which
 * fires what is due exactly as for any time rule. The clocks are read from the due facts, not the timeline
 * entries other time triggers read, so a beat costs a handful of round trips to SQLite however many rules.
 */
export async function sweepEscalations(
  db: Db,
  rules: readonly StoredRule[],
  window: CandidateWindow,
  consider: Consider,
): Promise<void> {
  if (!rules.length) return;
  const byRule = await unspentByRule(
    db,
    rules,
    await escalationCandidates(
      db,
      rules.map((rule) => ({ id: rule.id, trigger: rule.trigger as EscalationTrigger })),
      window,
    ),
  );
  const ids = [...new Set([...byRule.values()].flat())];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = new Set(ids.slice(i, i + CHUNK));
    const incidents = new Map((await loadRuleIncidents(db, [...chunk])).map((incident) => [incident.id, incident]));
    const pairs: [StoredRule, RuleIncident][] = [];
    for (const rule of rules) {
      for (const id of byRule.get(rule.id) ?? []) {
        const incident = chunk.has(id) ? incidents.get(id) : undefined;
        if (incident && conditionsHold(rule.conditions, incident)) pairs.push([rule, incident]);
      }
    }
    if (!pairs.length) continue;
    const measured = [...new Set(pairs.map(([, incident]) => incident.id))];
    const contexts = await triggerContexts(db, rules[0]!.trigger, measured, window.config);
    for (const [rule, incident] of pairs) {
      await consider(rule, { incident, entries: [] }, contexts.get(incident.id) ?? NO_CLOCKS);
    }
  }
}

/**
 * Leaves out, for each rule, the incidents on which its only possible occasion is spent (one query per batch
 * of firing ids for all rules), so a sweep does not work out the clocks of incidents it escalated already.
 */
async function unspentByRule(
  db: Db,
  rules: readonly StoredRule[],
  candidates: ReadonlyMap<string, readonly string[]>,
): Promise<Map<string, string[]>> {
  const firings = new Map<string, { ruleId: string; incidentId: string }>();
  const left = new Map<string, string[]>();
  for (const rule of rules) {
    const occasion = fixedOccasion(rule.trigger);
    const ids = candidates.get(rule.id) ?? [];
    if (occasion === null) left.set(rule.id, [...ids]);
    else for (const id of ids) firings.set(firingId(rule.id, id, occasion), { ruleId: rule.id, incidentId: id });
  }
  const all = [...firings.keys()];
  const spent = new Set<string>();
  for (let i = 0; i < all.length; i += CHUNK) {
    const rows = await db
      .selectFrom('timeline_event')
      .select('id')
      .where('id', 'in', all.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) spent.add(row.id);
  }
  for (const [id, { ruleId, incidentId }] of firings) {
    if (spent.has(id)) continue;
    const list = left.get(ruleId) ?? [];
    list.push(incidentId);
    left.set(ruleId, list);
  }
  return left;
}
