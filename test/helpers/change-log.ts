import { changeFromRow } from '#shared/change.ts';
import type { Change, JsonValue } from '#shared/change.ts';
import type { Db } from '#core/store/store.ts';

/** The store's change log in the order it was recorded, as the changes a sync would carry. */
export async function readChangeLog(db: Db): Promise<Change[]> {
  const rows = await db.selectFrom('change').selectAll().orderBy('seq').execute();
  return rows.map((row) => changeFromRow({ ...row, value: JSON.parse(row.value) as JsonValue }));
}

/** Changes the other side has not seen yet, by id. */
export function missingFrom(changes: readonly Change[], seen: readonly Change[]): Change[] {
  const known = new Set(seen.map((c) => c.id));
  return changes.filter((c) => !known.has(c.id));
}
