import type { Selectable } from 'kysely';
import { GOAL_KPIS, GOAL_PERIODS, GOAL_SCOPES } from '#shared/domain/goals.ts';
import type { Goal, GoalKpi, GoalPeriod, GoalScope } from '#shared/domain/goals.ts';
import type { GoalTable } from '../store/schema.ts';
import type { Db } from '../store/store.ts';

/** A goal written by a newer version may name a KPI this one does not know: it is skipped, not shown wrong. */
export function goalRowToModel(row: Selectable<GoalTable>): Goal | null {
  const known = <T extends string>(values: readonly T[], value: string): value is T =>
    (values as readonly string[]).includes(value);
  if (!known<GoalKpi>(GOAL_KPIS, row.kpi) || !known<GoalScope>(GOAL_SCOPES, row.scope)) return null;
  if (!known<GoalPeriod>(GOAL_PERIODS, row.period)) return null;
  return {
    id: row.id,
    kpi: row.kpi,
    target: row.target,
    scope: row.scope,
    scopeId: row.scope_id,
    period: row.period,
  };
}

/** The team's goals, in the order they were set (ids are time-ordered). */
export async function listGoals(db: Db): Promise<Goal[]> {
  const rows = await db.selectFrom('goal').selectAll().where('deleted', '=', 0).orderBy('id').execute();
  return rows.map(goalRowToModel).filter((goal): goal is Goal => goal !== null);
}

export async function findGoal(db: Db, id: string): Promise<Goal | null> {
  const row = await db.selectFrom('goal').selectAll().where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
  return row ? goalRowToModel(row) : null;
}
