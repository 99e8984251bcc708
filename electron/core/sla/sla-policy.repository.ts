import type { Kysely, Selectable } from 'kysely';
import { slaPolicySchema } from '#shared/domain/sla-policy.ts';
import type { SlaPolicy } from '#shared/domain/sla-policy.ts';
import type { Database, SlaPolicyTable } from '../store/schema.ts';

/** A policy as stored: its place in the order is a number, ties (two made offline at once) broken by id. */
export interface PolicyRecord extends SlaPolicy {
  readonly position: number;
}

/** Null for a row this version cannot read (a newer version's conditions): skipped rather than matched wrong. */
export function slaPolicyRowToModel(row: Selectable<SlaPolicyTable>): PolicyRecord | null {
  let candidate: unknown;
  try {
    candidate = {
      id: row.id,
      name: row.name,
      conditions: JSON.parse(row.conditions),
      targets: JSON.parse(row.targets),
      calendarId: row.calendar_id,
      pauseStatuses: JSON.parse(row.pause_statuses),
    };
  } catch {
    return null;
  }
  const parsed = slaPolicySchema.safeParse(candidate);
  return parsed.success ? { ...parsed.data, position: row.position } : null;
}

/** The policies in force, in the order they are tried. */
export async function listSlaPolicies(db: Kysely<Database>): Promise<PolicyRecord[]> {
  const rows = await db
    .selectFrom('sla_policy')
    .selectAll()
    .where('deleted', '=', 0)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map(slaPolicyRowToModel).filter((p): p is PolicyRecord => p !== null);
}

export async function findSlaPolicy(db: Kysely<Database>, id: string): Promise<PolicyRecord | null> {
  const row = await db
    .selectFrom('sla_policy')
    .selectAll()
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return row ? slaPolicyRowToModel(row) : null;
}
