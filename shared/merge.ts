import type { EntityKind } from './change.ts';

/**
 * How concurrent values of one field merge (DESIGN §3). Most fields: the last writer wins, by (clock,
 * device). A few record a first occurrence, where the earliest writer must win: two agents acknowledging
 * the same incident offline both wrote "acknowledged at", and the incident was acknowledged at the first.
 * Every workstation and the hub apply these same rules, or they would not converge.
 */
export const FIRST_WRITER_WINS: readonly (readonly [EntityKind, string])[] = [['incident', 'acknowledgedAt']];

/** Fields the app sets by itself: a later value replacing one is not news to tell an agent about. */
export const SYSTEM_FIELDS: readonly (readonly [EntityKind, string])[] = [
  ['incident', 'number'],
  ['incident', 'priority'],
  ['incident', 'acknowledgedAt'],
  ['incident', 'resolvedAt'],
  ['incident', 'closedAt'],
  ['incident', 'reportedAt'],
  ['incident', 'createdAt'],
];

function sqlList(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([entity, field]) => `'${entity}.${field}'`).join(', ');
}

/**
 * SQL (for SQLite and PostgreSQL alike) that is true when the incoming value `incoming` should replace the
 * stored value `stored`; both name tables with `entity`, `field`, `hlc` and `device` columns.
 */
export function replacesSql(incoming: string, stored: string): string {
  const firstWins = `${incoming}.entity || '.' || ${incoming}.field IN (${sqlList(FIRST_WRITER_WINS)})`;
  const key = (table: string) => `(${table}.hlc, ${table}.device)`;
  return `CASE WHEN ${firstWins} THEN ${key(incoming)} < ${key(stored)} ELSE ${key(incoming)} > ${key(stored)} END`;
}

export function isSystemFieldSql(entityExpression: string, fieldExpression: string): string {
  return `(${entityExpression} || '.' || ${fieldExpression}) IN (${sqlList(SYSTEM_FIELDS)})`;
}

export function firstWriterWins(entity: string, field: string): boolean {
  return FIRST_WRITER_WINS.some(([e, f]) => e === entity && f === field);
}
