import { CompiledQuery } from 'kysely';
import type { Channel, Priority, Status } from '#shared/domain/enums.ts';
import { incidentKpiFacts } from '#shared/domain/kpi-facts.ts';
import type { IncidentKpiFacts, KpiTimelineEntry } from '#shared/domain/kpi-facts.ts';
import { hlcWallMs } from '#shared/hlc.ts';
import { kpiRowToFacts } from '#core/kpi/kpi-facts.repository.ts';
import type { Db } from '#core/store/store.ts';

/**
 * Every incident's KPI facts worked out from scratch, by a road of its own: straight from the field state and
 * the whole timeline (full payloads, every entry type), not through the projection's rows or its cut-down
 * reads. What the write path keeps must equal this, whatever order the changes arrived in.
 */
export async function recomputeKpiFacts(db: Db): Promise<IncidentKpiFacts[]> {
  const fields = await db.executeQuery<{ entity_id: string; field: string; value: string }>(
    CompiledQuery.raw(`SELECT entity_id, field, value FROM field_state WHERE entity = 'incident' ORDER BY entity_id`),
  );
  const events = await db.executeQuery<{ entity_id: string; hlc: string; type: string; payload: string }>(
    CompiledQuery.raw(
      `SELECT entity_id, hlc, type, payload FROM timeline_event WHERE entity = 'incident' ORDER BY entity_id, hlc, device, id`,
    ),
  );
  const incidents = new Map<string, Record<string, unknown>>();
  for (const row of fields.rows) {
    let incident = incidents.get(row.entity_id);
    if (!incident) incidents.set(row.entity_id, (incident = {}));
    incident[row.field] = JSON.parse(row.value) as unknown;
  }
  const timelines = new Map<string, KpiTimelineEntry[]>();
  for (const row of events.rows) {
    let list = timelines.get(row.entity_id);
    if (!list) timelines.set(row.entity_id, (list = []));
    list.push({ at: hlcWallMs(row.hlc), type: row.type, payload: JSON.parse(row.payload) as unknown });
  }
  const ms = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : null);
  return [...incidents]
    .map(([id, f]) =>
      incidentKpiFacts({
        id,
        // The projection's defaults for fields no change has set yet.
        channel: (f.channel ?? 'agent') as Channel,
        categoryId: (f.categoryId ?? null) as string | null,
        serviceId: (f.serviceId ?? null) as string | null,
        priority: (f.priority ?? 5) as Priority,
        groupId: (f.groupId ?? null) as string | null,
        assigneeId: (f.assigneeId ?? null) as string | null,
        status: (f.status ?? 'new') as Status,
        reportedAt: ms(f.reportedAt) ?? ms(f.createdAt) ?? 0,
        createdAt: ms(f.createdAt) ?? 0,
        acknowledgedAt: ms(f.acknowledgedAt),
        entries: timelines.get(id) ?? [],
      }),
    )
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The facts the write path keeps, in the same order. */
export async function storedKpiFacts(db: Db): Promise<IncidentKpiFacts[]> {
  const rows = await db.selectFrom('incident_kpi').selectAll().orderBy('id').execute();
  return rows.map(kpiRowToFacts);
}
