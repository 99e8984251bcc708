import type { JsonValue } from '#shared/change.ts';
import type { Draft, Preferences } from '#shared/domain/workstation.ts';
import type { DraftTable } from '../store/schema.ts';
import type { Db } from '../store/store.ts';

/** Drafts and preferences: local to this workstation and its agent, so written directly, never as changes. */
function draftRowToModel(row: DraftTable): Draft {
  return { key: row.key, value: JSON.parse(row.value) as Record<string, JsonValue>, savedAt: row.saved_at };
}

export async function findDraft(db: Db, agentId: string, key: string): Promise<Draft | null> {
  const row = await db
    .selectFrom('draft')
    .selectAll()
    .where('agent_id', '=', agentId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? draftRowToModel(row) : null;
}

export async function saveDraft(
  db: Db,
  agentId: string,
  key: string,
  value: Readonly<Record<string, JsonValue>>,
  savedAt: string,
): Promise<Draft> {
  const json = JSON.stringify(value);
  await db
    .insertInto('draft')
    .values({ agent_id: agentId, key, value: json, saved_at: savedAt })
    .onConflict((oc) => oc.columns(['agent_id', 'key']).doUpdateSet({ value: json, saved_at: savedAt }))
    .execute();
  return { key, value, savedAt };
}

export async function deleteDraft(db: Db, agentId: string, key: string): Promise<boolean> {
  const result = await db.deleteFrom('draft').where('agent_id', '=', agentId).where('key', '=', key).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function loadPreferences(db: Db, agentId: string): Promise<Preferences> {
  const rows = await db.selectFrom('preference').select(['key', 'value']).where('agent_id', '=', agentId).execute();
  return Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as JsonValue])) as Preferences;
}

export async function savePreferences(db: Db, agentId: string, preferences: Preferences): Promise<void> {
  for (const [key, value] of Object.entries(preferences)) {
    if (value === undefined) continue;
    const json = JSON.stringify(value);
    await db
      .insertInto('preference')
      .values({ agent_id: agentId, key, value: json })
      .onConflict((oc) => oc.columns(['agent_id', 'key']).doUpdateSet({ value: json }))
      .execute();
  }
}
