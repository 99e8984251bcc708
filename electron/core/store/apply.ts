import { CompiledQuery } from 'kysely';
import type { Kysely } from 'kysely';
import type { Change, EntityKind, JsonValue } from '#shared/change.ts';
import { ENTITY_KINDS } from '#shared/change.ts';
import { isSystemFieldSql, replacesSql } from '#shared/merge.ts';
import { rebuildAllKpiFacts, refreshKpiFacts } from '../kpi/kpi-projection.ts';
import { saveDueProgress } from '../sla/due.repository.ts';
import { rebuildClockHistory, refreshClockHistory } from '../sla/clock-history.ts';
import { refreshIncidentDue } from '../sla/due-projection.ts';
import { loadSlaConfig } from '../sla/sla-config.ts';
import { projectionSql } from './projections.ts';
import { CLEAR_SEARCH, DELETE_SEARCH, insertSearchSql, SEARCH_FOLLOWERS } from './search-index.ts';
import type { Database } from './schema.ts';

export type ChangeOrigin = 'local' | 'remote';

/** Entities the screens keep in memory as reference data (names, lists), reloaded when they change. */
const REFERENCE_KINDS: ReadonlySet<EntityKind> = new Set([
  'agent',
  'group',
  'contact',
  'category',
  'service',
  'setting',
  'view',
  'mailbox',
  'goal',
  'calendar',
  'slaPolicy',
  'rule',
  'template',
]);

export interface ApplyResult {
  /** The changes this store had not seen before (duplicates are dropped silently). */
  readonly fresh: readonly Change[];
  /** Incidents whose rows changed: those touched, and those whose reporter or linked messages were. */
  readonly incidentIds: ReadonlySet<string>;
  /** Whether anything other than incidents changed. */
  readonly reference: boolean;
  /** Every kind of entity the fresh changes touched. */
  readonly kinds: ReadonlySet<EntityKind>;
  /** Values this device wrote that a later change from elsewhere has just replaced. */
  readonly overwritten: readonly Overwrite[];
  /** Everything was rebuilt (a bootstrap): readers reload rather than follow the ids above. */
  readonly everything?: boolean;
  /** No change was applied, but the projections of `incidentIds` were worked out again (due times). */
  readonly reprojected?: boolean;
}

export interface Overwrite {
  readonly entity: EntityKind;
  readonly entityId: string;
  readonly field: string;
  readonly mine: JsonValue;
  readonly theirs: JsonValue;
  /** Who made the winning change, when known. */
  readonly by: string | null;
}

export interface ApplyOptions {
  /** This store's device: remote values that replace one of its own are reported as overwritten. */
  readonly localDevice?: string;
  /**
   * A bootstrap snapshot: the winning value of each field and every timeline event, not the log. They are
   * folded in without being recorded as received changes (last-writer-wins makes that safe to repeat).
   */
  readonly snapshot?: boolean;
  /**
   * Leave the projections for one `rebuildAllProjections` at the end (a bootstrap of a whole team): far
   * faster than refreshing them batch by batch, and nothing reads them before the download completes.
   */
  readonly deferProjections?: boolean;
}

const INSERT_CHANGES = `INSERT INTO change (id, hlc, device, actor, entity, entity_id, op, field, value, origin)
  SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5,
         j.value ->> 6, j.value ->> 7, j.value -> 8, ?
  FROM json_each(?) j WHERE true
  ON CONFLICT (id) DO NOTHING
  RETURNING id`;

// Last writer wins per field, by (clock, device): an older value never replaces a newer one, so the order
// in which changes arrive does not matter (shared/merge.ts names the few fields where the first wins).
const UPSERT_FIELDS = `INSERT INTO field_state (entity, entity_id, field, hlc, device, value)
  SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value -> 5
  FROM json_each(?) j WHERE true
  ON CONFLICT (entity, entity_id, field) DO UPDATE
    SET hlc = excluded.hlc, device = excluded.device, value = excluded.value
    WHERE ${replacesSql('excluded', 'field_state')}`;

const INSERT_EVENTS = `INSERT INTO timeline_event (id, entity, entity_id, hlc, device, actor, type, payload)
  SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5,
         j.value ->> 6, j.value -> 7
  FROM json_each(?) j WHERE true
  ON CONFLICT (id) DO NOTHING`;

// Before the upsert: which of our own values is about to lose to someone else's later one.
const FIND_OVERWRITES = `SELECT f.entity, f.entity_id AS entityId, f.field, f.value AS mine, theirs, actor
  FROM (SELECT j.value ->> 0 AS entity, j.value ->> 1 AS entity_id, j.value ->> 2 AS field, j.value ->> 3 AS hlc,
               j.value ->> 4 AS device, j.value -> 5 AS theirs, j.value ->> 6 AS actor FROM json_each(?) j) AS incoming
  JOIN field_state f ON f.entity = incoming.entity AND f.entity_id = incoming.entity_id AND f.field = incoming.field
  WHERE f.device = ? AND incoming.device <> f.device AND incoming.theirs <> f.value
    AND NOT ${isSystemFieldSql('f.entity', 'f.field')} AND ${replacesSql('incoming', 'f')}`;

/** Which incidents a statement covers: those whose ids are bound as a JSON list, or every one (a rebuild). */
type Scope = 'listed' | 'all';

// Names are copied onto incidents so the queue sorts and shows them without a join.
const refreshNamesSql = (scope: Scope) => `UPDATE incident SET
    assignee_name = (SELECT name FROM agent WHERE agent.id = incident.assignee_id),
    group_name = (SELECT name FROM agent_group WHERE agent_group.id = incident.group_id),
    reporter_name = (SELECT name FROM contact WHERE contact.id = incident.reporter_id)
  ${scope === 'listed' ? 'WHERE id IN (SELECT value FROM json_each(?))' : ''}`;
const REFRESH_NAMES = refreshNamesSql('listed');

const RENAME_ASSIGNEES = `UPDATE incident SET assignee_name = (SELECT name FROM agent WHERE agent.id = incident.assignee_id)
  WHERE assignee_id IN (SELECT value FROM json_each(?))`;

const RENAME_GROUPS = `UPDATE incident SET group_name = (SELECT name FROM agent_group WHERE agent_group.id = incident.group_id)
  WHERE group_id IN (SELECT value FROM json_each(?))`;

const RENAME_REPORTERS = `UPDATE incident SET reporter_name = (SELECT name FROM contact WHERE contact.id = incident.reporter_id)
  WHERE reporter_id IN (SELECT value FROM json_each(?))`;

const INSERT_SEARCH = insertSearchSql('listed');

const PROJECTION_SQL = Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, projectionSql(kind)])) as Record<
  EntityKind,
  string
>;

async function run(db: Kysely<Database>, statement: string, parameters: unknown[]): Promise<void> {
  await db.executeQuery(CompiledQuery.raw(statement, parameters));
}

/**
 * The one write path (DESIGN §3): records changes in the log, folds `set`s into field state by
 * last-writer-wins, adds `append`s to the timeline, and rebuilds the projections of every entity touched,
 * all inside the caller's transaction. Local commands and remote pages both come through here.
 */
export async function applyChanges(
  db: Kysely<Database>,
  changes: readonly Change[],
  origin: ChangeOrigin,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  if (changes.length === 0) {
    return { fresh: [], incidentIds: new Set(), reference: false, kinds: new Set(), overwritten: [] };
  }

  let fresh: Change[];
  if (options.snapshot) {
    const seen = new Set<string>();
    fresh = changes.filter((c) => !seen.has(c.id) && seen.add(c.id));
  } else {
    const logRows = changes.map((c) => [c.id, c.hlc, c.device, c.actor, c.entity, c.entityId, c.op, c.field, c.value]);
    const inserted = await db.executeQuery<{ id: string }>(
      CompiledQuery.raw(INSERT_CHANGES, [origin, JSON.stringify(logRows)]),
    );
    const freshIds = new Set(inserted.rows.map((row) => row.id));
    fresh = changes.filter((c) => freshIds.delete(c.id));
  }

  const sets = fresh.filter((c) => c.op === 'set');
  let overwritten: Overwrite[] = [];
  if (sets.length) {
    const rows = JSON.stringify(sets.map((c) => [c.entity, c.entityId, c.field, c.hlc, c.device, c.value, c.actor]));
    if (options.localDevice && origin === 'remote') overwritten = await findOverwrites(db, rows, options.localDevice);
    await run(db, UPSERT_FIELDS, [rows]);
  }
  const appends = fresh.filter((c) => c.op === 'append');
  if (appends.length) {
    const rows = appends.map((c) => [c.id, c.entity, c.entityId, c.hlc, c.device, c.actor, c.field, c.value]);
    await run(db, INSERT_EVENTS, [JSON.stringify(rows)]);
  }

  const touched = new Map<EntityKind, Set<string>>();
  for (const change of fresh) {
    let ids = touched.get(change.entity);
    if (!ids) touched.set(change.entity, (ids = new Set()));
    ids.add(change.entityId);
  }
  const incidentIds = options.deferProjections
    ? new Set(touched.get('incident'))
    : await refreshProjections(db, touched);
  const reference = [...touched.keys()].some((entity) => REFERENCE_KINDS.has(entity));
  return { fresh, incidentIds, reference, kinds: new Set(touched.keys()), overwritten };
}

/** One result for a command applied in several parts (see ChangeRecorder.flush). */
export function mergeApplyResults(results: readonly ApplyResult[]): ApplyResult {
  if (results.length === 1) return results[0]!;
  return {
    fresh: results.flatMap((r) => r.fresh),
    incidentIds: new Set(results.flatMap((r) => [...r.incidentIds])),
    reference: results.some((r) => r.reference),
    kinds: new Set(results.flatMap((r) => [...r.kinds])),
    overwritten: results.flatMap((r) => r.overwritten),
  };
}

/**
 * Rebuilds the projection rows, search entries, copied names and due times of the entities just touched. Answers
 * the incidents whose rows changed: those touched, and those whose reporter's contact or linked message was
 * (a reporter's organisation can change which service level applies).
 */
async function refreshProjections(
  db: Kysely<Database>,
  touched: ReadonlyMap<EntityKind, ReadonlySet<string>>,
): Promise<Set<string>> {
  // Every projection first: an incident's search row reads its contact's and its messages' rows, its due times
  // the policies and calendars saved in the same transaction.
  for (const [entity, ids] of touched) {
    await run(db, PROJECTION_SQL[entity], [JSON.stringify([...ids])]);
  }
  const incidentIds = new Set(touched.get('incident'));
  for (const [entity, followers] of Object.entries(SEARCH_FOLLOWERS) as [EntityKind, string][]) {
    const ids = touched.get(entity);
    if (!ids?.size) continue;
    const found = await db.executeQuery<{ id: string }>(CompiledQuery.raw(followers, [JSON.stringify([...ids])]));
    for (const row of found.rows) incidentIds.add(row.id);
  }
  if (incidentIds.size) {
    const idsJson = JSON.stringify([...incidentIds]);
    await run(db, REFRESH_NAMES, [idsJson]);
    await run(db, DELETE_SEARCH, [idsJson]);
    await run(db, INSERT_SEARCH, [idsJson]);
    // The clock history first: the due times and the KPIs' SLA verdicts read it.
    await refreshClockHistory(db, [...(touched.get('incident') ?? [])]);
    // Loaded once for both: the due times and the SLA compliance of the KPIs read the same settings.
    const config = await loadSlaConfig(db);
    await refreshIncidentDue(db, [...incidentIds], config);
    await refreshKpiFacts(db, [...incidentIds], config);
  }
  const agents = touched.get('agent');
  if (agents) await run(db, RENAME_ASSIGNEES, [JSON.stringify([...agents])]);
  const groups = touched.get('group');
  if (groups) await run(db, RENAME_GROUPS, [JSON.stringify([...groups])]);
  const contacts = touched.get('contact');
  if (contacts) await run(db, RENAME_REPORTERS, [JSON.stringify([...contacts])]);
  return incidentIds;
}

// A bootstrap line's rows go straight from the hub's JSON into SQLite, by the same merge rule.
const BOOTSTRAP_STATE = `INSERT INTO field_state (entity, entity_id, field, hlc, device, value)
  SELECT r.value ->> 0, r.value ->> 1, r.value ->> 2, r.value ->> 3, r.value ->> 4, r.value -> 5
  FROM json_each(?, '$.rows') r WHERE true
  ON CONFLICT (entity, entity_id, field) DO UPDATE
    SET hlc = excluded.hlc, device = excluded.device, value = excluded.value
    WHERE ${replacesSql('excluded', 'field_state')}`;

const BOOTSTRAP_EVENTS = `INSERT INTO timeline_event (id, entity, entity_id, hlc, device, actor, type, payload)
  SELECT r.value ->> 0, r.value ->> 1, r.value ->> 2, r.value ->> 3, r.value ->> 4, r.value ->> 5,
         r.value ->> 6, r.value -> 7
  FROM json_each(?, '$.rows') r WHERE true
  ON CONFLICT (id) DO NOTHING`;

/**
 * Folds one bootstrap line (`{"kind":…,"rows":[…]}` as the hub sent it) into field state or the timeline.
 * Projections are left for `rebuildAllProjections` once the whole snapshot is in.
 */
export async function applyBootstrapRows(db: Kysely<Database>, kind: 'state' | 'events', line: string): Promise<void> {
  await run(db, kind === 'state' ? BOOTSTRAP_STATE : BOOTSTRAP_EVENTS, [line]);
}

const PROJECTION_ALL_SQL = ENTITY_KINDS.map((kind) => projectionSql(kind, 'all'));

/** Every projection from field state at once: the end of a bootstrap that deferred them. */
export async function rebuildAllProjections(db: Kysely<Database>): Promise<void> {
  for (const statement of PROJECTION_ALL_SQL) await run(db, statement, []);
  // Due times are left to the background recompute, which this sends back to the first incident.
  await saveDueProgress(db, null);
  await run(db, refreshNamesSql('all'), []);
  await run(db, CLEAR_SEARCH, []);
  await run(db, insertSearchSql('all'), []);
  await rebuildClockHistory(db);
  await rebuildAllKpiFacts(db);
}

async function findOverwrites(db: Kysely<Database>, rows: string, device: string): Promise<Overwrite[]> {
  const found = await db.executeQuery<{
    entity: EntityKind;
    entityId: string;
    field: string;
    mine: string;
    theirs: string;
    actor: string | null;
  }>(CompiledQuery.raw(FIND_OVERWRITES, [rows, device]));
  return found.rows.map((row) => ({
    entity: row.entity,
    entityId: row.entityId,
    field: row.field,
    mine: JSON.parse(row.mine) as JsonValue,
    theirs: JSON.parse(row.theirs) as JsonValue,
    by: row.actor,
  }));
}
