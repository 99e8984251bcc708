import type { QueueView } from '#shared/domain/queue.ts';

/** The saved views as the navigation lists them: the agent's own, then those the team shares with them. */
export function savedViewSections(views: readonly QueueView[] | null): {
  mine: QueueView[];
  team: QueueView[];
} {
  const saved = (views ?? []).filter((view) => !view.builtIn);
  return { mine: saved.filter((view) => view.mine), team: saved.filter((view) => !view.mine) };
}

/** The agent's own views' ids with one moved a place up (-1) or down (+1); null when it is already at that end. */
export function movedViewOrder(mine: readonly QueueView[], id: string, step: -1 | 1): string[] | null {
  const ids = mine.map((view) => view.id);
  const from = ids.indexOf(id);
  const to = from + step;
  if (from < 0 || to < 0 || to >= ids.length) return null;
  [ids[from], ids[to]] = [ids[to]!, ids[from]!];
  return ids;
}

/** Why a view cannot be shared by this agent, or null when they may share it. */
export function whyCannotShare(role: 'agent' | 'supervisor'): string | null {
  return role === 'supervisor' ? null : 'Only supervisors share views with the team.';
}
