import { CompiledQuery } from 'kysely';
import type { Kysely } from 'kysely';
import type { Channel, Priority, Status } from '#shared/domain/enums.ts';
import type { IncidentDueFigures } from '#shared/domain/incident-due.ts';
import { hlcWallMs } from '#shared/hlc.ts';
import { instantMs } from '#shared/domain/instant.ts';
import type { SlaTimelineEntry } from '#shared/domain/sla-history.ts';
import type { Database } from '../store/schema.ts';

/** What the clocks of one incident are worked out from: its fields, its reporter's organisation, its timeline. */
export interface DueFacts {
  readonly id: string;
  readonly priority: Priority;
  readonly categoryId: string | null;
  readonly serviceId: string | null;
  readonly channel: Channel;
  readonly status: Status;
  /** Null while the change that created it has not arrived yet (sync delivers in any order). */
  readonly createdAt: number | null;
  readonly organisation: string | null;
  /** Status changes, messages and replies, in timeline order. */
  readonly entries: SlaTimelineEntry[];
}

const SELECT_FACTS = `SELECT i.id, i.priority, i.category_id, i.service_id, i.channel, i.status, i.created_at,
    c.organisation
  FROM incident i LEFT JOIN contact c ON c.id = i.reporter_id
  WHERE i.id IN (SELECT value FROM json_each(?))`;

// Only the entries a clock can read: a `changed` entry is cut down to its status change in SQL (its notes can be
// long), messages and replies keep their payload for isPublicResponse and isCustomerMessage.
const SELECT_ENTRIES = `SELECT e.entity_id AS incident_id, e.hlc, e.type,
    CASE WHEN e.type = 'changed'
      THEN (SELECT json_object('changes', json_array(c.value)) FROM json_each(e.payload, '$.changes') c
            WHERE c.value ->> 'field' = 'status' LIMIT 1)
      ELSE e.payload END AS payload
  FROM timeline_event e
  WHERE e.entity = 'incident' AND e.entity_id IN (SELECT value FROM json_each(?))
    AND e.type IN ('changed', 'message', 'reply')
  ORDER BY e.entity_id, e.hlc, e.device, e.id`;

interface FactsRow {
  id: string;
  priority: number;
  category_id: string | null;
  service_id: string | null;
  channel: string;
  status: string;
  created_at: string;
  organisation: string | null;
}

interface EntryRow {
  incident_id: string;
  hlc: string;
  type: string;
  payload: string | null;
}

export async function loadDueFacts(db: Kysely<Database>, ids: readonly string[]): Promise<DueFacts[]> {
  const json = JSON.stringify(ids);
  const [facts, entries] = await Promise.all([
    db.executeQuery<FactsRow>(CompiledQuery.raw(SELECT_FACTS, [json])),
    db.executeQuery<EntryRow>(CompiledQuery.raw(SELECT_ENTRIES, [json])),
  ]);
  const byIncident = new Map<string, SlaTimelineEntry[]>();
  for (const row of entries.rows) {
    if (row.payload === null) continue; // a change of other fields only
    let list = byIncident.get(row.incident_id);
    if (!list) byIncident.set(row.incident_id, (list = []));
    list.push({ at: hlcWallMs(row.hlc), type: row.type, payload: JSON.parse(row.payload) as unknown });
  }
  return facts.rows.map((row) => ({
    id: row.id,
    priority: row.priority as Priority,
    categoryId: row.category_id,
    serviceId: row.service_id,
    channel: row.channel as Channel,
    status: row.status as Status,
    createdAt: instantMs(row.created_at),
    organisation: row.organisation,
    entries: byIncident.get(row.id) ?? [],
  }));
}

export interface DueRow {
  readonly id: string;
  readonly policyId: string | null;
  readonly due: IncidentDueFigures;
}

const WRITE_DUE = `UPDATE incident SET
    sla_policy_id = j.value ->> 1, sla_clock = j.value ->> 2, sla_phase = j.value ->> 3, sla_due_at = j.value ->> 4,
    sla_at_risk_at = j.value ->> 5, sla_breach_at = j.value ->> 6, first_response_due_at = j.value ->> 7,
    next_update_due_at = j.value ->> 8, resolution_due_at = j.value ->> 9, sla_config = ?
  FROM json_each(?) j WHERE incident.id = j.value ->> 0`;

/** Writes worked-out due instants onto their incidents, with the fingerprint of the settings they came from. */
export async function writeDueRows(db: Kysely<Database>, rows: readonly DueRow[], fingerprint: string): Promise<void> {
  if (!rows.length) return;
  const values = rows.map(({ id, policyId, due }) => [
    id,
    policyId,
    due.clock,
    due.phase,
    due.dueAt,
    due.atRiskAt,
    due.breachAt,
    due.clockDueAt.firstResponse,
    due.clockDueAt.nextUpdate,
    due.clockDueAt.resolution,
  ]);
  await db.executeQuery(CompiledQuery.raw(WRITE_DUE, [fingerprint, JSON.stringify(values)]));
}

/** Incidents reported by these contacts: their organisation decides which policy applies. */
export async function incidentsReportedBy(db: Kysely<Database>, contactIds: readonly string[]): Promise<string[]> {
  const { rows } = await db.executeQuery<{ id: string }>(
    CompiledQuery.raw('SELECT id FROM incident WHERE reporter_id IN (SELECT value FROM json_each(?))', [
      JSON.stringify(contactIds),
    ]),
  );
  return rows.map((row) => row.id);
}

/**
 * Up to `limit` incidents after `afterRowid` whose due instants were worked out with other settings than
 * `fingerprint` (or never), in rowid order: the background recompute walks the table with it.
 */
export async function staleDueIncidents(
  db: Kysely<Database>,
  fingerprint: string,
  afterRowid: number,
  limit: number,
): Promise<{ rowid: number; id: string }[]> {
  const { rows } = await db.executeQuery<{ rowid: number; id: string }>(
    CompiledQuery.raw('SELECT rowid, id FROM incident WHERE rowid > ? AND sla_config IS NOT ? ORDER BY rowid LIMIT ?', [
      afterRowid,
      fingerprint,
      limit,
    ]),
  );
  return rows;
}

export async function countStaleDue(db: Kysely<Database>, fingerprint: string): Promise<number> {
  const { rows } = await db.executeQuery<{ n: number }>(
    CompiledQuery.raw('SELECT count(*) AS n FROM incident WHERE sla_config IS NOT ?', [fingerprint]),
  );
  return rows[0]?.n ?? 0;
}
