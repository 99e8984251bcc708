import type { Kysely } from 'kysely';
import { incidentKpiFacts } from '#shared/domain/kpi-facts.ts';
import type { KpiSlaResults } from '#shared/domain/kpi-facts.ts';
import { kpiClockResults } from '#shared/domain/kpi-sla.ts';
import type { Database } from '../store/schema.ts';
import { loadDueFacts } from '../sla/due.repository.ts';
import type { DueFacts } from '../sla/due.repository.ts';
import { incidentClockInput } from '../sla/incident-clocks.ts';
import { loadSlaConfig } from '../sla/sla-config.ts';
import type { SlaConfig } from '../sla/sla-config.ts';
import { incidentIdPages, loadKpiRecords, writeKpiFacts } from './kpi-facts.repository.ts';

/**
 * Keeps every incident's KPI facts, inside the caller's transaction: the write path calls this for each
 * incident a change touched, after the incident's own row, so the facts are never older than the history
 * they are read from. Facts are a pure function of the incident's fields and timeline and the team's
 * service-level settings, which is what makes them the same on every workstation, whatever order the changes
 * arrived in.
 */

/** No clocks: shared, so the many incidents no policy covers hold no record of their own. */
const NO_CLOCKS: KpiSlaResults = Object.freeze({});

/**
 * The SLA clock verdicts of an incident under the policy that applies to it now, read from the same clock
 * input as its due times and the queue's badges (incidentClockInput), so compliance and the badges agree. A
 * history the arithmetic refuses has no verdicts, as it has no due times (see incidentDue).
 */
function slaResultsOf(config: SlaConfig, facts: DueFacts | undefined): KpiSlaResults {
  if (!facts || !config.policies.length) return NO_CLOCKS;
  const clocks = incidentClockInput(config, facts);
  if (!clocks) return NO_CLOCKS;
  try {
    return kpiClockResults(clocks.input);
  } catch {
    return NO_CLOCKS;
  }
}

/**
 * Works out and writes the facts of these incidents; answers the ids whose stored facts changed. `config` is
 * the team's calendars and policies, loaded once by a caller that refreshes several projections.
 */
export async function refreshKpiFacts(
  db: Kysely<Database>,
  ids: readonly string[],
  config?: SlaConfig,
): Promise<string[]> {
  if (!ids.length) return [];
  const settings = config ?? (await loadSlaConfig(db));
  const [records, dueFacts] = await Promise.all([
    loadKpiRecords(db, ids),
    settings.policies.length ? loadDueFacts(db, ids) : Promise.resolve([]),
  ]);
  const clockFacts = new Map(dueFacts.map((facts) => [facts.id, facts]));
  return writeKpiFacts(
    db,
    records.map((record) => incidentKpiFacts(record, slaResultsOf(settings, clockFacts.get(record.id)))),
  );
}

/** Every incident's facts (the end of a bootstrap, which defers the projections), a page at a time. */
export async function rebuildAllKpiFacts(db: Kysely<Database>): Promise<void> {
  const config = await loadSlaConfig(db);
  for await (const ids of incidentIdPages(db)) await refreshKpiFacts(db, ids, config);
}
