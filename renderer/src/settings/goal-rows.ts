import { GOAL_KPI_INFO, GOAL_KPIS, GOAL_PERIOD_LABELS } from '#shared/domain/goals.ts';
import type { Goal } from '#shared/domain/goals.ts';
import type { ReferenceIndex } from '../api/reference-index.ts';

/** One goal as Settings → Goals lists it, in words. */
export interface GoalRow {
  readonly id: string;
  readonly goal: Goal;
  readonly kpi: string;
  readonly who: string;
  readonly target: string;
}

const UNIT_TEXT = { count: '', minutes: ' min', hours: ' h', percent: '%' } as const;

/** Whose goal it is; a group or agent removed since reads as such rather than as an id. */
function whoText(goal: Goal, reference: ReferenceIndex): string {
  if (goal.scope === 'team') return 'The whole team';
  if (goal.scope === 'group') {
    const group = reference.groupsById.get(goal.scopeId ?? '');
    return group ? `Group: ${group.name}` : 'A group no longer in this workspace';
  }
  const agent = reference.agentsById.get(goal.scopeId ?? '');
  return agent ? `Agent: ${agent.name}` : 'An agent no longer in this workspace';
}

/** The goals in the order of the KPIs screen's cards, then the team's first, then by whose. */
export function goalRows(goals: readonly Goal[], reference: ReferenceIndex): GoalRow[] {
  const scopeOrder = { team: 0, group: 1, agent: 2 } as const;
  return goals
    .map((goal) => {
      const info = GOAL_KPI_INFO[goal.kpi];
      const per = info.perPeriod ? ` per ${GOAL_PERIOD_LABELS[goal.period].replace(/^an? /, '')}` : '';
      const bound = info.better === 'higher' ? 'at least' : 'at most';
      return {
        id: goal.id,
        goal,
        kpi: info.label,
        who: whoText(goal, reference),
        target: `${bound} ${goal.target}${UNIT_TEXT[info.unit]}${per}`,
      };
    })
    .sort(
      (a, b) =>
        GOAL_KPIS.indexOf(a.goal.kpi) - GOAL_KPIS.indexOf(b.goal.kpi) ||
        scopeOrder[a.goal.scope] - scopeOrder[b.goal.scope] ||
        a.who.localeCompare(b.who),
    );
}
