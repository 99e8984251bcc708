import { CompiledQuery } from 'kysely';
import type { Kysely } from 'kysely';
import { lastActivityOf } from '#shared/domain/kpi-facts.ts';
import type { OpenSpan } from '#shared/domain/kpi-facts.ts';
import { refreshKpiFacts } from '../kpi/kpi-projection.ts';
import type { Database } from '../store/schema.ts';
import { dueColumns, dueFactsAfter, dueFactsOf, writeDueRows } from './due.repository.ts';
import type { DueRow } from './due.repository.ts';
import { incidentClockOutcome } from './incident-clocks.ts';
import type { SlaConfig } from './sla-config.ts';

/**
 * One chunk of the background recompute (DueRecompute): the next incidents in rowid order, each one's due
 * instants and SLA verdicts worked out again from a single evaluation of its clocks, and only what moved
 * written back, with one statement a table.
 *
 * A calendar or policy change moves nothing in an incident's KPI facts but its SLA verdicts and, through them,
 * the last instant it counts for (`active_until`): those two are all this writes there, read beside the due
 * columns in the chunk's one query. An incident without facts yet (none should be) gets them in full.
 */
const KPI_COLUMNS = `k.id AS kpi_id, k.reported_at AS kpi_reported_at, k.acknowledged_at AS kpi_acknowledged_at,
  k.first_response_at AS kpi_first_response_at, k.resolved_at AS kpi_resolved_at, k.closed_at AS kpi_closed_at,
  k.open_spans AS kpi_open_spans, k.sla AS kpi_sla`;
const KPI_JOIN = 'LEFT JOIN incident_kpi k ON k.id = i.id';

interface KpiColumns {
  kpi_id: string | null;
  kpi_reported_at: number;
  kpi_acknowledged_at: number | null;
  kpi_first_response_at: number | null;
  kpi_resolved_at: number | null;
  kpi_closed_at: number | null;
  kpi_open_spans: string;
  kpi_sla: string;
}

const WRITE_VERDICTS = `UPDATE incident_kpi SET sla = j.value ->> 1, active_until = j.value ->> 2
  FROM json_each(?) j WHERE incident_kpi.id = j.value ->> 0`;

export interface RecomputedChunk {
  /** Incidents whose due times or KPI facts changed. */
  readonly incidentIds: readonly string[];
  /** The rowid of the last incident of the chunk; null when there was none left. */
  readonly throughRowid: number | null;
  readonly size: number;
}

export async function recomputeChunk(
  db: Kysely<Database>,
  config: SlaConfig,
  afterRowid: number,
  limit: number,
): Promise<RecomputedChunk> {
  const rows = await dueFactsAfter<KpiColumns>(db, afterRowid, limit, { columns: KPI_COLUMNS, joins: KPI_JOIN });
  const moved: DueRow[] = [];
  const verdicts: [string, string, number | null][] = [];
  const withoutFacts: string[] = [];
  for (const row of rows) {
    const { policyId, due, verdicts: sla } = incidentClockOutcome(config, dueFactsOf(row));
    if (dueColumns({ policyId, due }) !== row.stored) moved.push({ id: row.id, policyId, due });
    if (row.kpi_id === null) {
      withoutFacts.push(row.id);
      continue;
    }
    const slaJson = JSON.stringify(sla);
    if (slaJson === row.kpi_sla) continue;
    const activeUntil = lastActivityOf({
      reportedAt: row.kpi_reported_at,
      acknowledgedAt: row.kpi_acknowledged_at,
      firstResponseAt: row.kpi_first_response_at,
      resolvedAt: row.kpi_resolved_at,
      closedAt: row.kpi_closed_at,
      openSpans: JSON.parse(row.kpi_open_spans) as OpenSpan[],
      sla,
    });
    verdicts.push([row.id, slaJson, activeUntil]);
  }
  await writeDueRows(db, moved);
  if (verdicts.length) await db.executeQuery(CompiledQuery.raw(WRITE_VERDICTS, [JSON.stringify(verdicts)]));
  const refreshed = await refreshKpiFacts(db, withoutFacts, config);
  return {
    incidentIds: [...new Set([...moved.map((row) => row.id), ...verdicts.map(([id]) => id), ...refreshed])],
    throughRowid: rows.at(-1)?.rowid ?? null,
    size: rows.length,
  };
}
