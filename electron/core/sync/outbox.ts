import { CompiledQuery } from 'kysely';
import type { Selectable } from 'kysely';
import { changeFromRow } from '#shared/change.ts';
import type { Change, JsonValue } from '#shared/change.ts';
import type { Rejection } from '#shared/sync.ts';
import type { ChangeTable } from '../store/schema.ts';
import type { Db, Store } from '../store/store.ts';

/**
 * The outbox: changes made on this workstation that the hub has not yet answered for, in the order they were
 * made. Incident numbers made while the workspace was local stay local: the hub numbers incidents itself.
 */
const PENDING = `FROM change WHERE origin = 'local' AND seq > ?
  AND NOT (entity = 'incident' AND op = 'set' AND field = 'number')`;

/** A pending change as the outbox reads it: the change table's row, without where it came from. */
type OutboxRow = Omit<Selectable<ChangeTable>, 'origin'>;

export const PUSHED_SEQ = 'sync_pushed_seq';

export async function pushedUpTo(store: Store): Promise<number> {
  return Number((await store.getMeta(PUSHED_SEQ)) ?? 0);
}

export async function pendingBatch(store: Store, limit: number): Promise<{ changes: Change[]; lastSeq: number }> {
  const after = await pushedUpTo(store);
  const { rows } = await store.db.executeQuery<OutboxRow>(
    CompiledQuery.raw(
      `SELECT seq, id, hlc, device, actor, entity, entity_id, op, field, value ${PENDING} ORDER BY seq LIMIT ?`,
      [after, limit],
    ),
  );
  const changes = rows.map((row) => changeFromRow({ ...row, value: JSON.parse(row.value) as JsonValue }));
  return { changes, lastSeq: rows.at(-1)?.seq ?? after };
}

export async function pendingCount(store: Store): Promise<number> {
  const { rows } = await store.db.executeQuery<{ n: number }>(
    CompiledQuery.raw(`SELECT count(*) AS n ${PENDING}`, [await pushedUpTo(store)]),
  );
  return rows[0]?.n ?? 0;
}

/** Records the hub's answer to a batch: the outbox moves past it, and refusals are kept to be shown. */
export async function markPushed(
  store: Store,
  lastSeq: number,
  rejected: readonly Rejection[],
  at: string,
): Promise<void> {
  await store.db.transaction().execute(async (tx: Db) => {
    for (const rejection of rejected) {
      await tx
        .insertInto('sync_rejection')
        .values({ change_id: rejection.id, reason: rejection.reason, message: rejection.message, at })
        .onConflict((oc) => oc.column('change_id').doNothing())
        .execute();
    }
    await store.setMeta(PUSHED_SEQ, String(lastSeq), tx);
  });
}

export async function rejectedCount(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('sync_rejection')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return row?.n ?? 0;
}
