import { CompiledQuery } from 'kysely';
import type { Kysely } from 'kysely';
import type { Channel, Priority, Status } from '#shared/domain/enums.ts';
import type { IncidentDueFigures } from '#shared/domain/incident-due.ts';
import { instantMs } from '#shared/domain/instant.ts';
import type { SlaTimelineEntry } from '#shared/domain/sla-history.ts';
import { hlcWallMs } from '#shared/hlc.ts';
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
  /** The due columns as the row holds them now, to write only rows that change. */
  readonly stored: string;
}

const DUE_COLUMNS = `sla_policy_id, sla_clock, sla_phase, sla_due_at, sla_at_risk_at, sla_breach_at,
  first_response_due_at, next_update_due_at, resolution_due_at`;

const SELECT_FACTS = `SELECT i.id, i.priority, i.category_id, i.service_id, i.channel, i.status, i.created_at,
    c.organisation, json_array(${DUE_COLUMNS}) AS stored
  FROM incident i LEFT JOIN contact c ON c.id = i.reporter_id
  WHERE i.id IN (SELECT value FROM json_each(?))`;

// Only what a clock can read, taken apart in SQL: the status a `changed` entry moved to and from (its notes can be
// long, and most changes are of other fields), and the parts of a message or a reply that say who spoke. One row
// an incident, its entries a JSON array in timeline order: the driver hands over a fifth as many values, which is
// most of the time a recompute of every incident takes.
const SELECT_ENTRIES = `SELECT incident_id,
    json_group_array(json_array(hlc, type, status_from, status_to, kind, direction, automatic)
      ORDER BY hlc, device, id) AS entries
  FROM (
    SELECT e.entity_id AS incident_id, e.hlc, e.device, e.id, e.type,
      s.value ->> 'from' AS status_from, s.value ->> 'to' AS status_to,
      e.payload ->> 'kind' AS kind, e.payload ->> 'direction' AS direction, e.payload -> 'automatic' AS automatic
    FROM timeline_event e
    LEFT JOIN json_each(CASE WHEN e.type = 'changed' THEN e.payload -> 'changes' END) s
      ON s.value ->> 'field' = 'status'
    WHERE e.entity = 'incident' AND e.entity_id IN (SELECT value FROM json_each(?))
      AND e.type IN ('changed', 'message', 'reply'))
  WHERE type <> 'changed' OR status_to IS NOT NULL
  GROUP BY incident_id`;

interface FactsRow {
  id: string;
  priority: number;
  category_id: string | null;
  service_id: string | null;
  channel: string;
  status: string;
  created_at: string;
  organisation: string | null;
  stored: string;
}

/** hlc, type, status from, status to, kind, direction, automatic (as JSON text). */
type EntryTuple = [string, string, string | null, string | null, string | null, string | null, string | null];

/** The entry as the shared readers take it: the payload fields they look at, as the entry stores them. */
function entryOf([hlc, type, statusFrom, statusTo, kind, direction, automatic]: EntryTuple): SlaTimelineEntry {
  const at = hlcWallMs(hlc);
  if (type === 'changed') {
    return { at, type, payload: { changes: [{ field: 'status', from: statusFrom, to: statusTo }] } };
  }
  const payload: Record<string, unknown> = {};
  if (kind !== null) payload.kind = kind;
  if (direction !== null) payload.direction = direction;
  if (automatic !== null) payload.automatic = JSON.parse(automatic) as unknown;
  return { at, type, payload };
}

export async function loadDueFacts(db: Kysely<Database>, ids: readonly string[]): Promise<DueFacts[]> {
  const json = JSON.stringify(ids);
  const [facts, entries] = await Promise.all([
    db.executeQuery<FactsRow>(CompiledQuery.raw(SELECT_FACTS, [json])),
    db.executeQuery<{ incident_id: string; entries: string }>(CompiledQuery.raw(SELECT_ENTRIES, [json])),
  ]);
  const byIncident = new Map<string, SlaTimelineEntry[]>();
  for (const row of entries.rows) {
    byIncident.set(row.incident_id, (JSON.parse(row.entries) as EntryTuple[]).map(entryOf));
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
    stored: row.stored,
  }));
}

export interface DueRow {
  readonly id: string;
  readonly policyId: string | null;
  readonly due: IncidentDueFigures;
}

/** A row's due columns in the order SELECT_FACTS reads them back, so unchanged rows are not written. */
export function dueColumns({ policyId, due }: Omit<DueRow, 'id'>): string {
  return JSON.stringify([
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
}

const WRITE_DUE = `UPDATE incident SET
    sla_policy_id = j.value ->> 1, sla_clock = j.value ->> 2, sla_phase = j.value ->> 3, sla_due_at = j.value ->> 4,
    sla_at_risk_at = j.value ->> 5, sla_breach_at = j.value ->> 6, first_response_due_at = j.value ->> 7,
    next_update_due_at = j.value ->> 8, resolution_due_at = j.value ->> 9
  FROM json_each(?) j WHERE incident.id = j.value ->> 0`;

/** Writes worked-out due instants onto their incidents. */
export async function writeDueRows(db: Kysely<Database>, rows: readonly DueRow[]): Promise<void> {
  if (!rows.length) return;
  const values = rows.map((row) => `[${JSON.stringify(row.id)},${dueColumns(row).slice(1)}`);
  await db.executeQuery(CompiledQuery.raw(WRITE_DUE, [`[${values.join(',')}]`]));
}

/** The next `limit` incidents after `afterRowid`, in rowid order: the background recompute walks the table. */
export async function incidentsAfter(
  db: Kysely<Database>,
  afterRowid: number,
  limit: number,
): Promise<{ rowid: number; id: string }[]> {
  const { rows } = await db.executeQuery<{ rowid: number; id: string }>(
    CompiledQuery.raw('SELECT rowid, id FROM incident WHERE rowid > ? ORDER BY rowid LIMIT ?', [afterRowid, limit]),
  );
  return rows;
}

/**
 * How far the incident table is worked out for which settings: every row up to `throughRowid` reflects the
 * settings `fingerprint` (`done` when all do). Kept in the local meta table, in the transaction of each chunk.
 */
export interface DueProgress {
  readonly fingerprint: string;
  readonly throughRowid: number | 'done';
}

const PROGRESS_KEY = 'due_progress';

export async function loadDueProgress(db: Kysely<Database>): Promise<DueProgress | null> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', PROGRESS_KEY).executeTakeFirst();
  return row ? (JSON.parse(row.value) as DueProgress) : null;
}

export async function saveDueProgress(db: Kysely<Database>, progress: DueProgress | null): Promise<void> {
  if (progress === null) {
    await db.deleteFrom('meta').where('key', '=', PROGRESS_KEY).execute();
    return;
  }
  const value = JSON.stringify(progress);
  await db
    .insertInto('meta')
    .values({ key: PROGRESS_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
