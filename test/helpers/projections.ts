import { CompiledQuery } from 'kysely';
import { findQueuePage } from '#core/queue/queue.repository.ts';
import type { Db } from '#core/store/store.ts';
import { FIXED_NOW } from './temp-workspace.ts';

/** The tables the screens read, each ordered by a key that does not depend on arrival order. */
const PROJECTION_QUERIES: Record<string, string> = {
  // `SELECT *` leaves out the rowid, which differs between stores by design (arrival order).
  incident: 'SELECT * FROM incident ORDER BY id',
  timeline_event: 'SELECT * FROM timeline_event ORDER BY id',
  agent: 'SELECT * FROM agent ORDER BY id',
  agent_group: 'SELECT * FROM agent_group ORDER BY id',
  contact: 'SELECT * FROM contact ORDER BY id',
  category: 'SELECT * FROM category ORDER BY id',
  service: 'SELECT * FROM service ORDER BY id',
  setting: 'SELECT * FROM setting ORDER BY id',
  saved_view: 'SELECT * FROM saved_view ORDER BY id',
  field_state: 'SELECT * FROM field_state ORDER BY entity, entity_id, field',
  incident_kpi: 'SELECT * FROM incident_kpi ORDER BY id',
  incident_clock: 'SELECT * FROM incident_clock ORDER BY id',
  goal: 'SELECT * FROM goal ORDER BY id',
};

export interface ProjectionSnapshot {
  readonly tables: Record<string, unknown[]>;
  /** Incident ids (sorted) that the queue's full-text search finds, per query. */
  readonly searches: Record<string, string[]>;
}

/** Everything an agent could see of the workspace, in a form two stores can be compared by. */
export async function projectionSnapshot(db: Db, searches: readonly string[] = []): Promise<ProjectionSnapshot> {
  const tables: Record<string, unknown[]> = {};
  for (const [table, query] of Object.entries(PROJECTION_QUERIES)) {
    tables[table] = (await db.executeQuery(CompiledQuery.raw(query))).rows;
  }
  const found: Record<string, string[]> = {};
  for (const text of searches) found[text] = await searchIncidentIds(db, text);
  return { tables, searches: found };
}

/** The ids of every incident the queue's search box finds for this text, through the queue's own query. */
export async function searchIncidentIds(db: Db, text: string): Promise<string[]> {
  const page = await findQueuePage(
    db,
    { filter: { text }, sort: { column: 'number', direction: 'asc' }, offset: 0, limit: 500 },
    { agentId: null, nowMs: FIXED_NOW },
  );
  return page.rows.map((row) => row.id).sort();
}
