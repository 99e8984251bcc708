import { sql } from 'kysely';
import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { DueState } from '#shared/domain/incident-due.ts';
import type { QueueColumn, QueueFilter, QueuePage, QueueSort } from '#shared/domain/queue.ts';
import { incidentRowToSummary, provisionalNumberColumn, SUMMARY_COLUMNS } from '../incidents/incident.repository.ts';
import type { Database } from '../store/schema.ts';
import type { Db } from '../store/store.ts';
import { applySearch, readSearch } from './incident-search.ts';

/**
 * The queue's SQL. Every sort column has an index whose order, with the rowid as tie-break, is the sort
 * order, so a page at any offset is an index walk rather than a sort of the whole table.
 */
export const SORT_EXPRESSIONS: Record<QueueColumn, string> = {
  number: 'number',
  priority: 'priority',
  title: 'title COLLATE NOCASE',
  status: 'status_rank',
  assignee: 'assignee_name COLLATE NOCASE',
  group: 'group_name COLLATE NOCASE',
  channel: 'channel',
  updated: 'updated_at',
  due: 'sla_due_rank',
};

export interface QueueContext {
  /** The signed-in agent, for `me` in a filter; null matches nobody. */
  readonly agentId: string | null;
  readonly nowMs: number;
  /** Only these incidents (a KPI drill-down), when set. */
  readonly only?: ReadonlySet<string> | null;
}

type IncidentQuery = SelectQueryBuilder<Database, 'incident', object>;

function resolvePeople(ids: readonly string[], agentId: string | null): { ids: string[]; none: boolean } {
  const resolved = ids.flatMap((id) => (id === 'me' ? (agentId ? [agentId] : []) : id === 'none' ? [] : [id]));
  return { ids: resolved, none: ids.includes('none') };
}

function whereIdsOrNone(
  query: IncidentQuery,
  column: 'assignee_id' | 'group_id',
  refs: { ids: string[]; none: boolean },
): IncidentQuery {
  return query.where((eb: ExpressionBuilder<Database, 'incident'>) => {
    const terms = [];
    if (refs.ids.length) terms.push(eb(column, 'in', refs.ids));
    if (refs.none) terms.push(eb(column, 'is', null));
    return terms.length ? eb.or(terms) : eb.val(false);
  });
}

/** Where an incident's clocks stand at `now`, from its stored instants: dueStateAt as SQL. */
function dueStateSql(state: DueState, now: number) {
  const onTime = sql<boolean>`(sla_breach_at IS NULL OR sla_breach_at > ${now})`;
  switch (state) {
    case 'breached':
      return sql<boolean>`(sla_breach_at IS NOT NULL AND sla_breach_at <= ${now})`;
    case 'at_risk':
      return sql<boolean>`(${onTime} AND sla_phase = 'running' AND sla_at_risk_at <= ${now})`;
    case 'on_track':
      return sql<boolean>`(${onTime} AND sla_phase = 'running' AND (sla_at_risk_at IS NULL OR sla_at_risk_at > ${now}))`;
    case 'paused':
    case 'met':
    case 'none':
      return sql<boolean>`(${onTime} AND sla_phase = ${state})`;
  }
}

export function applyQueueFilter(query: IncidentQuery, filter: QueueFilter, context: QueueContext): IncidentQuery {
  let q = query;
  if (filter.statuses?.length) q = q.where('status', 'in', filter.statuses);
  if (filter.priorities?.length) q = q.where('priority', 'in', filter.priorities);
  if (filter.channels?.length) q = q.where('channel', 'in', filter.channels);
  if (filter.categoryIds?.length) q = q.where('category_id', 'in', filter.categoryIds);
  if (filter.assigneeIds?.length)
    q = whereIdsOrNone(q, 'assignee_id', resolvePeople(filter.assigneeIds, context.agentId));
  if (filter.groupIds?.length) q = whereIdsOrNone(q, 'group_id', resolvePeople(filter.groupIds, null));
  if (filter.resolvedWithinDays !== undefined) {
    const since = new Date(context.nowMs - filter.resolvedWithinDays * 86_400_000).toISOString();
    q = q.where('resolved_at', '>=', since);
  }
  if (filter.dueStates?.length) {
    const states = filter.dueStates.map((state) => dueStateSql(state, context.nowMs));
    q = q.where(sql<boolean>`(${sql.join(states, sql` OR `)})`);
  }
  if (context.only)
    q = q.where(sql<boolean>`incident.id IN (SELECT value FROM json_each(${JSON.stringify([...context.only])}))`);
  const search = readSearch(filter.text);
  return search ? applySearch(q, search, context) : q;
}

export async function countQueue(db: Db, filter: QueueFilter, context: QueueContext): Promise<number> {
  const row = await applyQueueFilter(db.selectFrom('incident'), filter, context)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirst();
  return row?.total ?? 0;
}

export async function findQueuePage(
  db: Db,
  query: { filter: QueueFilter; sort: QueueSort; offset: number; limit: number },
  context: QueueContext,
): Promise<QueuePage> {
  const direction = query.sort.direction === 'asc' ? sql`ASC` : sql`DESC`;
  const [rows, total] = await Promise.all([
    applyQueueFilter(db.selectFrom('incident'), query.filter, context)
      .select(SUMMARY_COLUMNS)
      .select(provisionalNumberColumn)
      .orderBy(sql`${sql.raw(SORT_EXPRESSIONS[query.sort.column])} ${direction}, incident.rowid ${direction}`)
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    countQueue(db, query.filter, context),
  ]);
  return { rows: rows.map(incidentRowToSummary), total, offset: query.offset };
}
