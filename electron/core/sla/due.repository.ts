import { CompiledQuery } from 'kysely';
import type { Kysely } from 'kysely';
import type { Channel, Priority, Status } from '#shared/domain/enums.ts';
import type { IncidentDueFigures } from '#shared/domain/incident-due.ts';
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
  /** The due columns as the row holds them now, to write only rows that change. */
  readonly stored: string;
}

const DUE_COLUMNS = `sla_policy_id, sla_clock, sla_phase, sla_due_at, sla_at_risk_at, sla_breach_at,
  first_response_due_at, next_update_due_at, resolution_due_at`;

const FACTS_COLUMNS = `i.id, i.priority, i.category_id, i.service_id, i.channel, i.status, i.created_at,
    c.organisation, json_array(${DUE_COLUMNS}) AS stored, h.entries`;
const FACTS_FROM = `incident i LEFT JOIN contact c ON c.id = i.reporter_id LEFT JOIN incident_clock h ON h.id = i.id`;

// The entries come from the incident's clock history (clock-history.ts), one compact row an incident.
const SELECT_FACTS = `SELECT ${FACTS_COLUMNS} FROM ${FACTS_FROM} WHERE i.id IN (SELECT value FROM json_each(?))`;

export interface FactsRow {
  id: string;
  priority: number;
  category_id: string | null;
  service_id: string | null;
  channel: string;
  status: string;
  created_at: string;
  organisation: string | null;
  stored: string;
  /** The clock history as JSON, null when the incident has no clock entries. */
  entries: string | null;
}

/** at, type, status from, status to, kind, direction, automatic (as JSON text). */
type EntryTuple = [number, string, string | null, string | null, string | null, string | null, string | null];

/** The entry as the shared readers take it: the payload fields they look at, as the entry stores them. */
function entryOf([at, type, statusFrom, statusTo, kind, direction, automatic]: EntryTuple): SlaTimelineEntry {
  if (type === 'changed') {
    return { at, type, payload: { changes: [{ field: 'status', from: statusFrom, to: statusTo }] } };
  }
  const payload: Record<string, unknown> = {};
  if (kind !== null) payload.kind = kind;
  if (direction !== null) payload.direction = direction;
  if (automatic !== null) payload.automatic = JSON.parse(automatic) as unknown;
  return { at, type, payload };
}

/** One incident's clock facts from its row as SELECT_FACTS (or a chunk of the recompute) reads it. */
export function dueFactsOf(row: FactsRow): DueFacts {
  return {
    id: row.id,
    priority: row.priority as Priority,
    categoryId: row.category_id,
    serviceId: row.service_id,
    channel: row.channel as Channel,
    status: row.status as Status,
    createdAt: instantMs(row.created_at),
    organisation: row.organisation,
    entries: row.entries === null ? [] : (JSON.parse(row.entries) as EntryTuple[]).map(entryOf),
    stored: row.stored,
  };
}

export async function loadDueFacts(db: Kysely<Database>, ids: readonly string[]): Promise<DueFacts[]> {
  const { rows } = await db.executeQuery<FactsRow>(CompiledQuery.raw(SELECT_FACTS, [JSON.stringify(ids)]));
  return rows.map(dueFactsOf);
}

/**
 * The next `limit` incidents after `afterRowid` in rowid order, with their clock facts and `extra` columns of
 * the same join (`i` the incident, `h` its clock history) plus `joins`: the background recompute walks the
 * table with one query a chunk.
 */
export async function dueFactsAfter<Extra extends object>(
  db: Kysely<Database>,
  afterRowid: number,
  limit: number,
  more: { readonly columns: string; readonly joins: string } = { columns: '', joins: '' },
): Promise<(FactsRow & Extra & { rowid: number })[]> {
  const { rows } = await db.executeQuery<FactsRow & Extra & { rowid: number }>(
    CompiledQuery.raw(
      `SELECT i.rowid AS rowid, ${FACTS_COLUMNS}${more.columns ? `, ${more.columns}` : ''}
        FROM ${FACTS_FROM} ${more.joins} WHERE i.rowid > ? ORDER BY i.rowid LIMIT ?`,
      [afterRowid, limit],
    ),
  );
  return rows;
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

/** The next `limit` incidents after `afterRowid`, in rowid order. */
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
