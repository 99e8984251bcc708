import { z } from 'zod';

/** Builds the validator and label lookup that sit beside every `as const` enumeration. */
function labelled<const T extends readonly [string, ...string[]]>(values: T, labels: Record<T[number], string>) {
  return { values, schema: z.enum(values), labels };
}

export const CHANNELS = ['email', 'phone', 'walk_in', 'web', 'monitoring', 'agent'] as const;
export type Channel = (typeof CHANNELS)[number];
export const channel = labelled(CHANNELS, {
  email: 'Email',
  phone: 'Phone',
  walk_in: 'Walk-in',
  web: 'Web form',
  monitoring: 'Monitoring',
  agent: 'Agent',
});

export const STATUSES = [
  'new',
  'assigned',
  'in_progress',
  'waiting_on_customer',
  'resolved',
  'closed',
  'cancelled',
] as const;
export type Status = (typeof STATUSES)[number];
export const status = labelled(STATUSES, {
  new: 'New',
  assigned: 'Assigned',
  in_progress: 'In progress',
  waiting_on_customer: 'Waiting on customer',
  resolved: 'Resolved',
  closed: 'Closed',
  cancelled: 'Cancelled',
});
/** Statuses in which an incident still needs work from the desk. */
export const OPEN_STATUSES: readonly Status[] = ['new', 'assigned', 'in_progress', 'waiting_on_customer'];
export function isOpenStatus(value: Status): boolean {
  return OPEN_STATUSES.includes(value);
}

/** Impact and urgency share the ITIL three-level scale: 1 is the most severe. */
export const LEVELS = [1, 2, 3] as const;
export type Level = (typeof LEVELS)[number];
export const levelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const LEVEL_LABELS: Record<Level, string> = { 1: 'High', 2: 'Medium', 3: 'Low' };

export const PRIORITIES = [1, 2, 3, 4, 5] as const;
export type Priority = (typeof PRIORITIES)[number];
export const prioritySchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
export const PRIORITY_LABELS: Record<Priority, string> = {
  1: 'Critical',
  2: 'High',
  3: 'Moderate',
  4: 'Low',
  5: 'Planning',
};
export function priorityLabel(value: Priority): string {
  return `${value} - ${PRIORITY_LABELS[value]}`;
}

export const RESOLUTION_CODES = [
  'solved_permanently',
  'solved_workaround',
  'solved_remotely',
  'user_instructed',
  'not_reproducible',
  'duplicate',
  'resolved_by_caller',
  'recovered_automatically',
  'no_answer',
] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];
export const resolutionCode = labelled(RESOLUTION_CODES, {
  solved_permanently: 'Solved (permanently)',
  solved_workaround: 'Solved (workaround)',
  solved_remotely: 'Solved remotely',
  user_instructed: 'User instructed',
  not_reproducible: 'Not reproducible',
  duplicate: 'Duplicate',
  resolved_by_caller: 'Resolved by caller',
  recovered_automatically: 'Recovered (monitoring)',
  no_answer: 'No answer from the reporter',
});

export const AGENT_ROLES = ['agent', 'supervisor'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];
export const agentRole = labelled(AGENT_ROLES, { agent: 'Agent', supervisor: 'Supervisor' });
