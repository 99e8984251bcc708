import type { OverwriteNotice } from '#shared/domain/sync-status.ts';
import type { Db } from '../store/store.ts';

/** Values this workstation's agent set that someone else's later change replaced, for them to review. */
export async function recordOverwriteNotices(db: Db, notices: readonly OverwriteNotice[]): Promise<void> {
  if (!notices.length) return;
  await db
    .insertInto('sync_notice')
    .values(
      notices.map((n) => ({
        entity: n.entity,
        entity_id: n.entityId,
        field: n.field,
        mine: JSON.stringify(n.mine),
        theirs: JSON.stringify(n.theirs),
        by_actor: n.byAgentId,
        at: n.at,
      })),
    )
    .execute();
}

export async function recentOverwriteNotices(db: Db, limit = 50): Promise<OverwriteNotice[]> {
  const rows = await db.selectFrom('sync_notice').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({
    entity: row.entity,
    entityId: row.entity_id,
    field: row.field,
    mine: JSON.parse(row.mine) as unknown,
    theirs: JSON.parse(row.theirs) as unknown,
    byAgentId: row.by_actor,
    at: row.at,
  }));
}
