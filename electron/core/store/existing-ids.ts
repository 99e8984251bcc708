import type { Db } from './store.ts';

/** Ids asked per query: well within SQLite's limit of bound values. */
const ID_BATCH = 5_000;

/**
 * Which of these ids a table holds already, asked in batches: a sweep asks about thousands at once (firings
 * spent, notifications given) where asking one by one cost a round trip each.
 */
export async function existingIds(
  db: Db,
  table: 'timeline_event' | 'notification',
  ids: readonly string[],
): Promise<Set<string>> {
  const existing = new Set<string>();
  for (let i = 0; i < ids.length; i += ID_BATCH) {
    const rows = await db
      .selectFrom(table)
      .select('id')
      .where('id', 'in', ids.slice(i, i + ID_BATCH))
      .execute();
    for (const row of rows) existing.add(row.id);
  }
  return existing;
}
