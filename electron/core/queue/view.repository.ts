import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { queueFilterSchema, queueSortSchema } from '#shared/domain/queue.ts';
import type { ViewDefinition } from '#shared/domain/queue.ts';
import type { SavedViewTable } from '../store/schema.ts';
import type { Db } from '../store/store.ts';

export type SavedView = ViewDefinition & { readonly ownerId: string | null; readonly position: number | null };

/** A view as the agent `viewer` sees it (their own, or one shared with the team). */
export function savedViewRowToModel(row: Selectable<SavedViewTable>, viewer: string | null): SavedView | null {
  // A view written by a newer version may carry filters this one does not know; it is skipped, not shown wrong.
  const filter = queueFilterSchema.safeParse(JSON.parse(row.filter));
  const sort = queueSortSchema.safeParse(JSON.parse(row.sort));
  if (!filter.success || !sort.success) return null;
  return {
    id: row.id,
    name: row.name,
    filter: filter.data,
    sort: sort.data,
    builtIn: false,
    shared: row.shared === 1,
    mine: viewer !== null && row.owner_id === viewer,
    ownerId: row.owner_id,
    position: row.position,
  };
}

/**
 * The agent's own saved views, in their order (new ones last), then the views others shared with the team,
 * in their owners' order.
 */
export async function listSavedViews(db: Db, viewer: string | null): Promise<SavedView[]> {
  if (!viewer) return [];
  const rows = await db
    .selectFrom('saved_view')
    .selectAll()
    .where('deleted', '=', 0)
    .where((eb) => eb.or([eb('owner_id', '=', viewer), eb('shared', '=', 1)]))
    .orderBy(sql`owner_id = ${viewer}`, 'desc')
    .orderBy(sql`position IS NULL`)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((row) => savedViewRowToModel(row, viewer)).filter((view): view is SavedView => view !== null);
}

export async function findSavedView(db: Db, id: string, viewer: string | null): Promise<SavedView | null> {
  const row = await db
    .selectFrom('saved_view')
    .selectAll()
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return row ? savedViewRowToModel(row, viewer) : null;
}
