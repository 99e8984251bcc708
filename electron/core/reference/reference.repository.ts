import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import { looksLikePhone, phoneSearchKeys } from '#shared/domain/phone.ts';
import type { Agent, Category, Contact, Group, Service } from '#shared/domain/reference.ts';
import type { AgentRole } from '#shared/domain/enums.ts';
import { DEFAULT_PRIORITY_MATRIX, priorityMatrixSchema } from '#shared/domain/priority.ts';
import type { PriorityMatrix } from '#shared/domain/priority.ts';
import type { Db } from '../store/store.ts';
import type { AgentTable, CategoryTable, ContactTable, ServiceTable } from '../store/schema.ts';

export const PRIORITY_MATRIX_SETTING = 'priority-matrix';

export function agentRowToModel(row: Selectable<AgentTable>): Agent {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role as AgentRole,
    groupIds: JSON.parse(row.group_ids) as string[],
    active: row.active === 1,
  };
}

export function contactRowToModel(row: Selectable<ContactTable>): Contact {
  return { id: row.id, name: row.name, email: row.email, phone: row.phone, organisation: row.organisation };
}

export function categoryRowToModel(row: Selectable<CategoryTable>): Category {
  return {
    id: row.id,
    name: row.name,
    subcategories: JSON.parse(row.subcategories) as string[],
    groupId: row.group_id,
  };
}

const NO_SUBSCRIBERS = { contactIds: [], organisations: [] };

export function serviceRowToModel(row: Selectable<ServiceTable>): Service {
  let subscribers: Service['subscribers'] = NO_SUBSCRIBERS;
  try {
    const parsed = JSON.parse(row.subscribers) as Partial<Service['subscribers']>;
    subscribers = { contactIds: parsed.contactIds ?? [], organisations: parsed.organisations ?? [] };
  } catch {
    // An unreadable value counts as nobody subscribed rather than a guess.
  }
  return { id: row.id, name: row.name, description: row.description, subscribers };
}

export async function listAgents(db: Db): Promise<Agent[]> {
  const rows = await db.selectFrom('agent').selectAll().orderBy('name').execute();
  return rows.map(agentRowToModel);
}

export async function findAgent(db: Db, id: string): Promise<Agent | null> {
  const row = await db.selectFrom('agent').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? agentRowToModel(row) : null;
}

export async function findAgentByEmail(db: Db, email: string): Promise<Agent | null> {
  const row = await db.selectFrom('agent').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  return row ? agentRowToModel(row) : null;
}

export async function listGroups(db: Db): Promise<Group[]> {
  return db.selectFrom('agent_group').select(['id', 'name', 'description']).orderBy('name').execute();
}

export async function findGroup(db: Db, id: string): Promise<Group | null> {
  const row = await db.selectFrom('agent_group').selectAll().where('id', '=', id).executeTakeFirst();
  return row ?? null;
}

export async function listCategories(db: Db): Promise<Category[]> {
  const rows = await db.selectFrom('category').selectAll().orderBy('name').execute();
  return rows.map(categoryRowToModel);
}

export async function findCategory(db: Db, id: string): Promise<Category | null> {
  const row = await db.selectFrom('category').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? categoryRowToModel(row) : null;
}

export async function listServices(db: Db): Promise<Service[]> {
  const rows = await db.selectFrom('service').selectAll().orderBy('name').execute();
  return rows.map(serviceRowToModel);
}

export async function findService(db: Db, id: string): Promise<Service | null> {
  const row = await db.selectFrom('service').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? serviceRowToModel(row) : null;
}

export async function findContacts(db: Db, ids: readonly string[]): Promise<Contact[]> {
  const rows = await db
    .selectFrom('contact')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return rows.map(contactRowToModel);
}

export async function findContact(db: Db, id: string): Promise<Contact | null> {
  const row = await db.selectFrom('contact').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? contactRowToModel(row) : null;
}

/**
 * Contacts whose name, email or phone contains the text, best matches (name starts with it) first. A phone
 * number is matched by its digits, however either side spaced it ("5552739" finds "+1 555 2739").
 */
export async function searchContacts(db: Db, text: string, limit: number): Promise<Contact[]> {
  const needle = text.trim().toLowerCase();
  let query = db.selectFrom('contact').selectAll();
  if (needle) {
    const phoneKeys = looksLikePhone(needle) ? phoneSearchKeys(needle) : [];
    // instr rather than LIKE: the agent's text is matched literally, % and _ included.
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`instr(lower(name), ${needle}) > 0 OR instr(email, ${needle}) > 0 OR instr(phone, ${needle}) > 0`,
        ...phoneKeys.map((key) => sql<boolean>`instr(coalesce(phone_keys, ''), ${key}) > 0`),
      ]),
    );
  }
  const rows = await query
    .orderBy(sql`name COLLATE NOCASE`)
    .limit(limit)
    .execute();
  return rows.map(contactRowToModel);
}

export async function loadPriorityMatrix(db: Db): Promise<PriorityMatrix> {
  const row = await db
    .selectFrom('setting')
    .select('value')
    .where('id', '=', PRIORITY_MATRIX_SETTING)
    .executeTakeFirst();
  if (!row?.value) return DEFAULT_PRIORITY_MATRIX;
  const parsed = priorityMatrixSchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : DEFAULT_PRIORITY_MATRIX;
}

/** How many agents and incidents the workspace holds (an empty one offers the demo and the first agent). */
export async function countWorkspace(db: Db): Promise<{ incidents: number; agents: number }> {
  const count = async (table: 'incident' | 'agent') =>
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst()
    )?.n ?? 0;
  return { incidents: await count('incident'), agents: await count('agent') };
}

export async function hasAgents(db: Db): Promise<boolean> {
  return (await db.selectFrom('agent').select('id').limit(1).executeTakeFirst()) !== undefined;
}
