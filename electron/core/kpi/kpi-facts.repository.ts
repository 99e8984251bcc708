import { CompiledQuery } from 'kysely';
import type { Kysely } from 'kysely';
import type { Channel, Priority, Status } from '#shared/domain/enums.ts';
import { instantMs } from '#shared/domain/instant.ts';
import type {
  IncidentKpiFacts,
  KpiIncidentRecord,
  KpiSlaResults,
  KpiTimelineEntry,
  OpenSpan,
} from '#shared/domain/kpi-facts.ts';
import { hlcWallMs } from '#shared/hlc.ts';
import type { Database, IncidentKpiTable } from '../store/schema.ts';

/**
 * The SQL of the KPI facts: reading what they are worked out from (an incident's row and timeline), writing
 * them, and reading them back for a report.
 */
type Db = Kysely<Database>;

const SELECT_INCIDENTS = `SELECT id, channel, category_id, service_id, priority, group_id, assignee_id, status,
    reported_at, created_at, acknowledged_at
  FROM incident WHERE id IN (SELECT value FROM json_each(?))`;

// Only the entries a figure reads; a `changed` entry is cut down to the changes of status, assignee and group
// (its notes can be long) and, for a rule's firing, what tells an escalation (isEscalationFiring); messages and
// replies keep their payload for isPublicResponse and isCustomerMessage.
const SELECT_ENTRIES = `SELECT e.entity_id AS incident_id, e.hlc, e.type,
    CASE WHEN e.type = 'changed'
      THEN (SELECT json_object('action', e.payload ->> 'action', 'occasion', e.payload ->> 'occasion',
              'changes', json_group_array(json(c.value)))
            FROM json_each(e.payload, '$.changes') c
            WHERE c.value ->> 'field' IN ('status', 'assigneeId', 'groupId'))
      ELSE e.payload END AS payload
  FROM timeline_event e
  WHERE e.entity = 'incident' AND e.entity_id IN (SELECT value FROM json_each(?))
    AND e.type IN ('changed', 'message', 'reply', 'escalated')
  ORDER BY e.entity_id, e.hlc, e.device, e.id`;

interface IncidentRow {
  id: string;
  channel: string;
  category_id: string | null;
  service_id: string | null;
  priority: number;
  group_id: string | null;
  assignee_id: string | null;
  status: string;
  reported_at: string;
  created_at: string;
  acknowledged_at: string | null;
}

interface EntryRow {
  incident_id: string;
  hlc: string;
  type: string;
  payload: string;
}

/** An instant as the incident row keeps it; a value no clock could have written reads as the fallback. */
const instant = (text: string | null, fallback: number): number =>
  text === null ? fallback : (instantMs(text) ?? fallback);

export async function loadKpiRecords(db: Db, ids: readonly string[]): Promise<KpiIncidentRecord[]> {
  const json = JSON.stringify(ids);
  const [incidents, entries] = await Promise.all([
    db.executeQuery<IncidentRow>(CompiledQuery.raw(SELECT_INCIDENTS, [json])),
    db.executeQuery<EntryRow>(CompiledQuery.raw(SELECT_ENTRIES, [json])),
  ]);
  const byIncident = new Map<string, KpiTimelineEntry[]>();
  for (const row of entries.rows) {
    let list = byIncident.get(row.incident_id);
    if (!list) byIncident.set(row.incident_id, (list = []));
    list.push({ at: hlcWallMs(row.hlc), type: row.type, payload: JSON.parse(row.payload) as unknown });
  }
  return incidents.rows.map((row) => {
    const createdAt = instant(row.created_at, 0);
    const reportedAt = instant(row.reported_at, createdAt);
    return {
      id: row.id,
      channel: row.channel as Channel,
      categoryId: row.category_id,
      serviceId: row.service_id,
      priority: row.priority as Priority,
      groupId: row.group_id,
      assigneeId: row.assignee_id,
      status: row.status as Status,
      reportedAt,
      createdAt,
      acknowledgedAt: row.acknowledged_at === null ? null : instant(row.acknowledged_at, createdAt),
      entries: byIncident.get(row.id) ?? [],
    };
  });
}

const COLUMNS = [
  'id',
  'channel',
  'category_id',
  'service_id',
  'priority',
  'group_id',
  'assignee_id',
  'reported_at',
  'acknowledged_at',
  'first_response_at',
  'resolved_at',
  'closed_at',
  'reopens',
  'escalations',
  'first_contact',
  'open_spans',
  'sla',
  'active_until',
] as const satisfies readonly (keyof IncidentKpiTable)[];

const UPSERT_FACTS = `INSERT INTO incident_kpi (${COLUMNS.join(', ')})
  SELECT ${COLUMNS.map((_, i) => `j.value ->> ${i}`).join(', ')} FROM json_each(?) j WHERE true
  ON CONFLICT (id) DO UPDATE SET ${COLUMNS.slice(1)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}
  WHERE (${COLUMNS.slice(1).join(', ')}) IS NOT (${COLUMNS.slice(1)
    .map((c) => `excluded.${c}`)
    .join(', ')})
  RETURNING id`;

function factsToRow(f: IncidentKpiFacts): unknown[] {
  return [
    f.id,
    f.channel,
    f.categoryId,
    f.serviceId,
    f.priority,
    f.groupId,
    f.assigneeId,
    f.reportedAt,
    f.acknowledgedAt,
    f.firstResponseAt,
    f.resolvedAt,
    f.closedAt,
    f.reopens,
    f.escalations,
    f.firstContact ? 1 : 0,
    JSON.stringify(f.openSpans),
    JSON.stringify(f.sla),
    f.activeUntil,
  ];
}

/**
 * Writes the facts; answers the ids whose row is new or changed (an unchanged row is left alone), so readers
 * that keep facts in memory refresh only what moved.
 */
export async function writeKpiFacts(db: Db, facts: readonly IncidentKpiFacts[]): Promise<string[]> {
  if (!facts.length) return [];
  const { rows } = await db.executeQuery<{ id: string }>(
    CompiledQuery.raw(UPSERT_FACTS, [JSON.stringify(facts.map(factsToRow))]),
  );
  return rows.map((row) => row.id);
}

/** Most incidents have no SLA clocks: they share one empty record rather than each holding its own. */
const NO_CLOCKS: KpiSlaResults = Object.freeze({});

/**
 * One string for each agent, group, category, service and channel id, however many rows name it: a report
 * counts per id in maps, whose lookups are quickest when the key is the very string they hold, and a hundred
 * thousand incidents then hold a few hundred strings instead of half a million.
 */
const names = new Map<string, string>();
function interned<T extends string | null>(value: T): T {
  if (value === null) return value;
  const known = names.get(value);
  if (known !== undefined) return known as T;
  names.set(value, value);
  return value;
}

export function kpiRowToFacts(row: IncidentKpiTable): IncidentKpiFacts {
  return {
    id: row.id,
    channel: interned(row.channel) as Channel,
    categoryId: interned(row.category_id),
    serviceId: interned(row.service_id),
    priority: row.priority as Priority,
    groupId: interned(row.group_id),
    assigneeId: interned(row.assignee_id),
    reportedAt: row.reported_at,
    acknowledgedAt: row.acknowledged_at,
    firstResponseAt: row.first_response_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    reopens: row.reopens,
    escalations: row.escalations,
    firstContact: row.first_contact === 1,
    openSpans: JSON.parse(row.open_spans) as OpenSpan[],
    sla: row.sla === '{}' ? NO_CLOCKS : (JSON.parse(row.sla) as KpiSlaResults),
    activeUntil: row.active_until,
  };
}

const SELECT_FACTS = `SELECT ${COLUMNS.join(', ')} FROM incident_kpi`;
// Small pages: the sqlite3 module holds a whole result in native memory before handing it over.
const PAGE = 2_000;

/** Every incident's facts, a page at a time (the in-memory index's load, a rebuild). */
export async function* allKpiFacts(db: Db): AsyncGenerator<IncidentKpiFacts[]> {
  let after = 0;
  for (;;) {
    const { rows } = await db.executeQuery<IncidentKpiTable & { rowid: number }>(
      CompiledQuery.raw(
        `SELECT rowid, ${COLUMNS.join(', ')} FROM incident_kpi WHERE rowid > ? ORDER BY rowid LIMIT ${PAGE}`,
        [after],
      ),
    );
    if (rows.length) yield rows.map(kpiRowToFacts);
    if (rows.length < PAGE) return;
    after = rows.at(-1)!.rowid;
  }
}

/** The facts of the given incidents. */
export async function kpiFactsOf(db: Db, ids: readonly string[]): Promise<IncidentKpiFacts[]> {
  const { rows } = await db.executeQuery<IncidentKpiTable>(
    CompiledQuery.raw(`${SELECT_FACTS} WHERE id IN (SELECT value FROM json_each(?))`, [JSON.stringify(ids)]),
  );
  return rows.map(kpiRowToFacts);
}

/** The facts that can count for anything in [from, to): reported before its end, active at or after its start. */
export async function kpiFactsActiveIn(db: Db, from: number, to: number): Promise<IncidentKpiFacts[]> {
  const { rows } = await db.executeQuery<IncidentKpiTable>(
    CompiledQuery.raw(`${SELECT_FACTS} WHERE reported_at < ? AND (active_until IS NULL OR active_until >= ?)`, [
      to,
      from,
    ]),
  );
  return rows.map(kpiRowToFacts);
}

/** Incident ids in pages, for rebuilding every incident's facts. */
export async function* incidentIdPages(db: Db): AsyncGenerator<string[]> {
  let after = '';
  for (;;) {
    const { rows } = await db.executeQuery<{ id: string }>(
      CompiledQuery.raw(`SELECT id FROM incident WHERE id > ? ORDER BY id LIMIT ${PAGE}`, [after]),
    );
    if (rows.length) yield rows.map((row) => row.id);
    if (rows.length < PAGE) return;
    after = rows.at(-1)!.id;
  }
}
