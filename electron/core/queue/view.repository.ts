import type { Selectable } from 'kysely';
import { queueFilterSchema, queueSortSchema } from '#shared/domain/queue.ts';
import type { QueueView } from '#shared/domain/queue.ts';
import type { SavedViewTable } from '../store/schema.ts';
import type { Db } from '../store/store.ts';

export type SavedView = Omit<QueueView, 'count'> & { readonly ownerId: string | null };

export function savedViewRowToModel(row: Selectable<SavedViewTable>): SavedView | null {
  // A view written by a newer version may carry filters this one does not know; it is skipped, not shown wrong.
  const filter = queueFilterSchema.safeParse(JSON.parse(row.filter));
  const sort = queueSortSchema.safeParse(JSON.parse(row.sort));
  if (!filter.success || !sort.success) return null;
  return { id: row.id, name: row.name, filter: filter.data, sort: sort.data, builtIn: false, ownerId: row.owner_id };
}

/** The agent's own saved views, oldest first (the order they were made in). */
export async function listSavedViews(db: Db, ownerId: string | null): Promise<SavedView[]> {
  if (!ownerId) return [];
  const rows = await db
    .selectFrom('saved_view')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('deleted', '=', 0)
    .orderBy('id')
    .execute();
  return rows.map(savedViewRowToModel).filter((view): view is SavedView => view !== null);
}

export async function findSavedView(db: Db, id: string): Promise<SavedView | null> {
  const row = await db
    .selectFrom('saved_view')
    .selectAll()
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return row ? savedViewRowToModel(row) : null;
}
