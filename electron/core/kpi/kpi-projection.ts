import type { Kysely } from 'kysely';
import { incidentKpiFacts } from '#shared/domain/kpi-facts.ts';
import type { KpiIncidentRecord, KpiSlaResults } from '#shared/domain/kpi-facts.ts';
import type { Database } from '../store/schema.ts';
import { incidentIdPages, loadKpiRecords, writeKpiFacts } from './kpi-facts.repository.ts';

/**
 * Keeps every incident's KPI facts, inside the caller's transaction: the write path calls this for each
 * incident a change touched, after the incident's own row, so the facts are never older than the history
 * they are read from. Facts are a pure function of the incident's fields and timeline, which is what makes
 * them the same on every workstation, whatever order the changes arrived in.
 */

/**
 * The SLA clock verdicts of an incident. The service-level policies that set targets are not in this store
 * yet: until they are, no incident has clocks and compliance reads "no service levels" (shared/domain/kpi-sla.ts
 * works the verdicts out, given targets and a calendar).
 */
function slaResultsOf(_record: KpiIncidentRecord): KpiSlaResults {
  return {};
}

export async function refreshKpiFacts(db: Kysely<Database>, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const records = await loadKpiRecords(db, ids);
  await writeKpiFacts(
    db,
    records.map((record) => incidentKpiFacts(record, slaResultsOf(record))),
  );
}

/** Every incident's facts (the end of a bootstrap, which defers the projections), a page at a time. */
export async function rebuildAllKpiFacts(db: Kysely<Database>): Promise<void> {
  for await (const ids of incidentIdPages(db)) await refreshKpiFacts(db, ids);
}
