import { CHANNELS, PRIORITIES, STATUSES, status as statusEnum } from '#shared/domain/enums.ts';
import type { Channel, Priority, Status } from '#shared/domain/enums.ts';
import { dueText } from '#shared/domain/due-text.ts';
import { DUE_STATES } from '#shared/domain/incident-due.ts';
import type { DueState } from '#shared/domain/incident-due.ts';
import { formatIncidentNumber } from '#shared/domain/incident.ts';
import { QUEUE_COLUMNS } from '#shared/domain/queue.ts';
import type { QueueFilter, QueuePage, QueuePageInput, QueueSort } from '#shared/domain/queue.ts';
import { parseSearch } from '#shared/domain/search-query.ts';
import type { Core } from '#core/index.ts';
import { ask } from './command.ts';
import { UsageError } from './usage-error.ts';

/** `--status new,assigned --status resolved` → ['new', 'assigned', 'resolved']. */
function list(value: unknown): string[] {
  return ((value as string[] | undefined) ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

function oneOf<T extends string | number>(values: string[], allowed: readonly T[], option: string): T[] {
  return values.map((value) => {
    const match = allowed.find((a) => String(a) === value);
    if (match === undefined) throw new UsageError(`--${option} "${value}" is not one of ${allowed.join(', ')}.`);
    return match;
  });
}

function byName<T extends { id: string }>(
  values: string[],
  items: readonly T[],
  keys: (item: T) => string[],
  option: string,
  special: readonly string[] = [],
): string[] {
  return values.map((value) => {
    if (special.includes(value)) return value;
    const wanted = value.toLowerCase();
    const match = items.find((item) => item.id === value || keys(item).some((k) => k.toLowerCase() === wanted));
    if (!match) throw new UsageError(`--${option} "${value}" matches nothing in this workspace.`);
    return match.id;
  });
}

function parseSort(value: unknown): QueueSort {
  if (value === undefined) return { column: 'updated', direction: 'desc' };
  const [column, direction = column === 'updated' ? 'desc' : 'asc'] = String(value).split(':');
  const [checkedColumn] = oneOf([column ?? ''], QUEUE_COLUMNS, 'sort');
  const [checkedDirection] = oneOf([direction], ['asc', 'desc'] as const, 'sort');
  return { column: checkedColumn!, direction: checkedDirection! };
}

/** Builds the same query the queue screen sends, from the command line's names (emails, group names). */
export async function queueQueryFromOptions(core: Core, values: Record<string, unknown>): Promise<QueuePageInput> {
  const reference = await ask(core, 'reference/get', {});
  const filter: QueueFilter = {};
  const statuses = list(values.status);
  if (statuses.length) filter.statuses = oneOf<Status>(statuses, STATUSES, 'status');
  const priorities = list(values.priority);
  if (priorities.length) filter.priorities = oneOf<Priority>(priorities.map(String), PRIORITIES, 'priority');
  const channels = list(values.channel);
  if (channels.length) filter.channels = oneOf<Channel>(channels, CHANNELS, 'channel');
  const assignees = list(values.assignee);
  if (assignees.length) {
    filter.assigneeIds = byName(assignees, reference.agents, (a) => [a.email, a.name], 'assignee', ['me', 'none']);
  }
  const groups = list(values.group);
  if (groups.length) filter.groupIds = byName(groups, reference.groups, (g) => [g.name], 'group', ['none']);
  const categories = list(values.category);
  if (categories.length) filter.categoryIds = byName(categories, reference.categories, (c) => [c.name], 'category');
  const due = list(values.due);
  if (due.length) filter.dueStates = oneOf<DueState>(due, DUE_STATES, 'due');
  if (typeof values.text === 'string') filter.text = values.text;
  await requireMeWhenNamed(core, filter);
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  const offset = values.offset === undefined ? 0 : Number(values.offset);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit must be 1 to 500.');
  if (!Number.isInteger(offset) || offset < 0) throw new UsageError('--offset must be 0 or more.');
  return { filter, sort: parseSort(values.sort), offset, limit };
}

/**
 * "me" is the agent signed in on this workspace (in the app, or with `desk web --as`). A workspace where
 * nobody is would answer "0 of 0", as if "me" had no incidents: say who is missing instead.
 */
async function requireMeWhenNamed(core: Core, filter: QueueFilter): Promise<void> {
  const named =
    filter.assigneeIds?.includes('me') || (filter.text ? parseSearch(filter.text).assignees.includes('me') : false);
  if (!named) return;
  const session = await ask(core, 'session/get', {});
  if (session.agent) return;
  throw new UsageError(
    '"me" is the agent signed in on this workspace, and nobody is signed in here. Name the agent by email ' +
      '(--assignee alex@example.com), or sign in first (desk web --as EMAIL, or in the app).',
  );
}

export function formatQueueTable(page: QueuePage, nowMs: number = Date.now()): string {
  const lines = page.rows.map((row) =>
    [
      formatIncidentNumber(row.number).padEnd(11),
      `P${row.priority}`,
      statusEnum.labels[row.status].padEnd(20),
      (row.assigneeName ?? 'Unassigned').padEnd(18),
      dueText(row.due, nowMs).text.padEnd(20),
      row.title,
    ].join('  '),
  );
  const shown = page.rows.length ? `${page.offset + 1}–${page.offset + page.rows.length}` : '0';
  return [...lines, `${shown} of ${page.total} incidents`].join('\n');
}
