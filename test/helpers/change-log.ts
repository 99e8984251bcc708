import type { Change, EntityKind, JsonValue } from '#shared/change.ts';
import type { Db } from '#core/store/store.ts';

/** The store's change log in the order it was recorded, as the changes a sync would carry. */
export async function readChangeLog(db: Db): Promise<Change[]> {
  const rows = await db.selectFrom('change').selectAll().orderBy('seq').execute();
  return rows.map((row) => ({
    id: row.id,
    hlc: row.hlc,
    device: row.device,
    actor: row.actor,
    entity: row.entity as EntityKind,
    entityId: row.entity_id,
    op: row.op,
    field: row.field,
    value: JSON.parse(row.value) as JsonValue,
  }));
}

/** Changes the other side has not seen yet, by id. */
export function missingFrom(changes: readonly Change[], seen: readonly Change[]): Change[] {
  const known = new Set(seen.map((c) => c.id));
  return changes.filter((c) => !known.has(c.id));
}
