import { projectIncidentDue, toDueSummary } from '#shared/domain/incident-due.ts';
import { formatInstant, instantMs } from '#shared/domain/instant.ts';
import type { IncidentSla, SlaListRow } from '#shared/domain/sla-settings.ts';
import type { PolicyNames } from '#shared/domain/sla-policy.ts';
import { evaluateSlaClocks, SLA_CLOCKS } from '#shared/domain/sla.ts';
import type { SlaClock } from '#shared/domain/sla.ts';
import type { IncidentSummary } from '#shared/domain/incident.ts';
import { DeskError } from '#shared/errors.ts';
import { listCategories, listServices } from '../reference/reference.repository.ts';
import type { Db } from '../store/store.ts';
import { loadDueFacts } from './due.repository.ts';
import type { DueFacts } from './due.repository.ts';
import { incidentClockInput } from './incident-clocks.ts';
import { loadSlaConfig } from './sla-config.ts';
import type { SlaConfig } from './sla-config.ts';

/** Category and service names, so a policy's reason reads "Category is Network", not an id. */
async function policyNames(db: Db): Promise<PolicyNames> {
  const [categories, services] = await Promise.all([listCategories(db), listServices(db)]);
  return {
    categories: Object.fromEntries(categories.map((c) => [c.id, c.name])),
    services: Object.fromEntries(services.map((s) => [s.id, s.name])),
  };
}

const NO_SLA = { phase: 'none', clock: null, dueAt: null, atRiskAt: null, breachAt: null } as const;

/**
 * One incident's clocks at `nowMs`, from the same inputs the stored due instants come from. An event stamped
 * ahead of this workstation's clock (another computer's clock a little fast) counts as having happened.
 */
function clocksNow(config: SlaConfig, facts: DueFacts, names: PolicyNames, nowMs: number): IncidentSla {
  const clocks = incidentClockInput(config, facts, names);
  if (!clocks) {
    return { evaluatedAt: formatInstant(nowMs), policy: null, calendar: null, clocks: [], due: NO_SLA };
  }
  const now = Math.max(nowMs, instantMs(clocks.input.now)!);
  const evaluated = evaluateSlaClocks({ ...clocks.input, now: formatInstant(now) });
  const { policy, reason } = clocks.match;
  const due = projectIncidentDue(clocks.input);
  return {
    evaluatedAt: formatInstant(now),
    policy: { id: policy.id, name: policy.name, reason },
    calendar: { id: clocks.calendar.id, name: clocks.calendar.name, timeZone: clocks.calendar.timeZone },
    clocks: SLA_CLOCKS.map((clock) => evaluated[clock]).filter((clock): clock is SlaClock => clock !== undefined),
    due: toDueSummary(due),
  };
}

export async function incidentSla(db: Db, id: string, nowMs: number): Promise<IncidentSla> {
  const [config, facts, names] = await Promise.all([loadSlaConfig(db), loadDueFacts(db, [id]), policyNames(db)]);
  if (!facts[0]) throw new DeskError('not_found', `No incident with id ${id}.`);
  return clocksNow(config, facts[0], names, nowMs);
}

/** The clocks of a page of queue rows, for `desk sla`. */
export async function slaRows(db: Db, incidents: readonly IncidentSummary[], nowMs: number): Promise<SlaListRow[]> {
  const [config, facts, names] = await Promise.all([
    loadSlaConfig(db),
    loadDueFacts(
      db,
      incidents.map((incident) => incident.id),
    ),
    policyNames(db),
  ]);
  const byId = new Map(facts.map((f) => [f.id, f]));
  return incidents.map((incident) => {
    const found = byId.get(incident.id);
    const sla = found ? clocksNow(config, found, names, nowMs) : null;
    return { incident, policy: sla?.policy ?? null, clocks: sla?.clocks ?? [] };
  });
}
