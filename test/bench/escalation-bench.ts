/**
 * The escalation sweep (issue 12), part of `npm run bench`: what the lease holder runs on every beat (the time
 * rules with the escalation rules among them, then the clocks' notifications) over all open incidents, beside
 * its floor, the bare indexed scan of the open incidents' projected due instants, in the same run. The first
 * sweep catches up (fires what fell due in the last day) and is reported apart; the p95 is of the sweeps after
 * it, as the holder runs them. Budget: 200 ms at 100,000 incidents.
 */
import { CompiledQuery } from 'kysely';
import type { Core } from '#core/index.ts';
import { MAX_LATE_MS, sweepTimeRules } from '#core/automation/time-rules.ts';
import { sweepSlaNotifications } from '#core/notifications/sla-notifications.ts';
import { timePair } from './measure.ts';

export const ESCALATION_BUDGET_P95_MS = 200;

const ESCALATION_RULES = [
  {
    name: 'Bench: resolution at 75 %',
    trigger: { type: 'sla_elapsed', clock: 'resolution', percent: 75 },
  },
  {
    name: 'Bench: first response overdue by 30 minutes',
    trigger: { type: 'sla_after_due', clock: 'firstResponse', minutes: 30 },
  },
  {
    name: 'Bench: next update due within the hour',
    trigger: { type: 'sla_before_due', clock: 'nextUpdate', minutes: 60 },
  },
  { name: 'Bench: unacknowledged for two hours', trigger: { type: 'unacknowledged', minutes: 120 } },
] as const;

export async function benchEscalation(core: Core, options: { iterations: number; log?: (line: string) => void }) {
  await core.settleDueTimes();
  for (const rule of ESCALATION_RULES) {
    const outcome = await core.invoke('rule/save', {
      ...rule,
      enabled: true,
      conditions: [{ field: 'priority', operator: 'is_any_of', values: [1, 2, 3] }],
      actions: [{ type: 'add_note', text: 'Escalated by the bench.' }],
    });
    if (!outcome.ok) throw new Error(`rule/save: ${outcome.error.message}`);
  }
  const sweep = async () => {
    const now = core.store.now();
    const summary = await sweepTimeRules(core.store, { now });
    return { ...summary, notified: await sweepSlaNotifications(core.store, now, MAX_LATE_MS) };
  };
  options.log?.('Escalation: the first sweep catches up …');
  let started = performance.now();
  const first = await sweep();
  const catchUpMs = Math.round(performance.now() - started);
  const open = await core.store.db.executeQuery<{ n: number }>(
    CompiledQuery.raw(
      "SELECT count(*) AS n FROM incident WHERE status IN ('new', 'assigned', 'in_progress', 'waiting_on_customer')",
    ),
  );
  // The floor: every open incident's projected due instants read by the indexes, nothing worked out.
  const floor = CompiledQuery.raw(
    `SELECT count(*) FROM incident WHERE status IN ('new', 'assigned', 'in_progress', 'waiting_on_customer')
       AND (first_response_due_at <= ? OR next_update_due_at <= ? OR resolution_due_at <= ?)`,
    [Date.now(), Date.now(), Date.now()],
  );
  options.log?.(`Escalation: ${options.iterations} sweeps over ${open.rows[0]?.n ?? 0} open incidents …`);
  started = performance.now();
  const pair = await timePair(options.iterations, sweep, () => core.store.db.executeQuery(floor));
  return {
    openIncidents: Number(open.rows[0]?.n ?? 0),
    rules: ESCALATION_RULES.length,
    catchUp: { ms: catchUpMs, fired: first.fired, notified: first.notified },
    p50Ms: pair.ours.p50Ms,
    p95Ms: pair.ours.p95Ms,
    floorP50Ms: pair.floor.p50Ms,
    floorP95Ms: pair.floor.p95Ms,
    budgetP95Ms: ESCALATION_BUDGET_P95_MS,
    withinBudget: pair.ours.p95Ms <= ESCALATION_BUDGET_P95_MS,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
