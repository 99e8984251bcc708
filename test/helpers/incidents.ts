import type { HandlerInput } from '#shared/contract.ts';
import type { Status } from '#shared/domain/enums.ts';
import type { IncidentDetail } from '#shared/domain/incident.ts';
import type { Core } from '#core/index.ts';
import { call } from './invoke.ts';

/** The steps an agent takes, through the handlers, to bring a new incident to each status. */
const PATHS: Record<Status, readonly Omit<HandlerInput<'incident/transition'>, 'id'>[]> = {
  new: [],
  assigned: [],
  in_progress: [{ action: 'start' }],
  waiting_on_customer: [{ action: 'start' }, { action: 'wait' }],
  resolved: [
    { action: 'start' },
    { action: 'resolve', notes: 'Fixed it.', resolutionCode: 'solved_permanently', cause: 'A loose cable.' },
  ],
  closed: [
    { action: 'start' },
    { action: 'resolve', notes: 'Fixed it.', resolutionCode: 'solved_remotely', cause: 'A loose cable.' },
    { action: 'close' },
  ],
  cancelled: [{ action: 'cancel', notes: 'Raised twice.' }],
};

/**
 * Creates an incident as the signed-in agent and walks it to `status` the way an agent would. `assigned` is
 * reached by assigning it to `assigneeId` (required for that status).
 */
export async function incidentInStatus(
  core: Core,
  status: Status,
  options: { title?: string; assigneeId?: string } = {},
): Promise<IncidentDetail> {
  let detail = await call(core, 'incident/create', {
    title: options.title ?? `Incident that ends ${status}`,
    channel: 'phone',
    impact: 2,
    urgency: 2,
  });
  if (status === 'assigned') {
    if (!options.assigneeId) throw new Error('An assigned incident needs an assignee.');
    detail = await call(core, 'incident/assign', { id: detail.incident.id, assigneeId: options.assigneeId });
  }
  for (const step of PATHS[status]) {
    if (step.action === 'close') await categorise(core, detail.incident.id);
    detail = await call(core, 'incident/transition', { id: detail.incident.id, ...step });
  }
  if (detail.incident.status !== status) {
    throw new Error(`Walking to ${status} ended at ${detail.incident.status}.`);
  }
  return detail;
}

/**
 * Gives the incident a category (the workspace's first, or a new "General" one), as closing requires complete
 * documentation; the signed-in agent must be a supervisor when the workspace has no category yet.
 */
export async function categorise(core: Core, id: string): Promise<void> {
  const detail = await call(core, 'incident/get', { id });
  if (detail.incident.categoryId) return;
  const existing = (await call(core, 'reference/get', {})).categories[0];
  const categoryId = existing?.id ?? (await call(core, 'category/save', { name: 'General', subcategories: [] })).id;
  await call(core, 'incident/update', { id, fields: { categoryId } });
}
