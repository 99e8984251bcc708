import { DEFAULT_CALENDAR } from '#shared/domain/calendar.ts';
import type { RuleIncident } from '#shared/domain/rule-conditions.ts';
import type { TriggerContext, TriggerHistory } from '#shared/domain/rule-triggers.ts';
import type { Db } from '#core/store/store.ts';
import { escalationCandidates } from './escalation-candidates.ts';
import type { CandidateWindow } from './escalation-candidates.ts';
import { fixedOccasion, triggerContexts } from './escalation-context.ts';
import { firingId, spentFirings } from './firing.ts';
import type { StoredRule } from './rule.repository.ts';

/** Incidents read per query while sweeping. */
const CHUNK = 500;
const NO_CLOCKS: TriggerContext = { calendar: DEFAULT_CALENDAR };

/** A rule and an incident it may fall due on, with what its trigger measures the incident by. */
export interface Candidate {
  readonly rule: StoredRule;
  readonly history: TriggerHistory;
  readonly context: TriggerContext;
}

type Consider = (candidates: readonly Candidate[]) => Promise<void>;

/**
 * The escalation rules' part of a sweep, all rules together: one query finds every rule's candidates (those its
 * conditions hold for), one more (a batch) leaves out the occasions already spent, and each incident's clocks are
 * worked out once for every rule that asks. The (rule, incident) pairs are then handed to `consider`,
 * which fires what is due exactly as for any time rule. The clocks are read from the due facts, not the timeline
 * entries other time triggers read, so a beat costs a handful of round trips to SQLite however many rules.
 */
export async function sweepEscalations(
  db: Db,
  rules: readonly StoredRule[],
  window: CandidateWindow,
  consider: Consider,
): Promise<void> {
  if (!rules.length) return;
  const byRule = await unspentByRule(db, rules, await escalationCandidates(db, rules, window));
  const pairs = rules.flatMap((rule) => (byRule.get(rule.id) ?? []).map((incident) => [rule, incident] as const));
  const measured = [...new Set(pairs.map(([, incident]) => incident.id))];
  for (let i = 0; i < measured.length; i += CHUNK) {
    const chunk = new Set(measured.slice(i, i + CHUNK));
    const contexts = await triggerContexts(db, rules[0]!.trigger, [...chunk], window.config);
    await consider(
      pairs
        .filter(([, incident]) => chunk.has(incident.id))
        .map(([rule, incident]) => ({
          rule,
          history: { incident, entries: [] },
          context: contexts.get(incident.id) ?? NO_CLOCKS,
        })),
    );
  }
}

/**
 * Leaves out, for each rule, the incidents on which its only possible occasion is spent (one query per batch
 * of firing ids for all rules), so a sweep does not work out the clocks of incidents it escalated already.
 */
async function unspentByRule(
  db: Db,
  rules: readonly StoredRule[],
  candidates: ReadonlyMap<string, readonly RuleIncident[]>,
): Promise<Map<string, RuleIncident[]>> {
  const firings = new Map<string, { ruleId: string; incident: RuleIncident }>();
  const left = new Map<string, RuleIncident[]>();
  for (const rule of rules) {
    const occasion = fixedOccasion(rule.trigger);
    const incidents = candidates.get(rule.id) ?? [];
    if (occasion === null) left.set(rule.id, [...incidents]);
    else
      for (const incident of incidents)
        firings.set(firingId(rule.id, incident.id, occasion), { ruleId: rule.id, incident });
  }
  const spent = await spentFirings(db, [...firings.keys()]);
  for (const [id, { ruleId, incident }] of firings) {
    if (spent.has(id)) continue;
    const list = left.get(ruleId) ?? [];
    list.push(incident);
    left.set(ruleId, list);
  }
  return left;
}
