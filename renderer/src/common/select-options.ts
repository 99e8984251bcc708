import {
  AGENT_ROLES,
  CHANNELS,
  LEVEL_LABELS,
  LEVELS,
  PRIORITIES,
  RESOLUTION_CODES,
  STATUSES,
  agentRole,
  channel,
  priorityLabel,
  resolutionCode,
  status,
} from '#shared/domain/enums.ts';
import type { AgentRole, Channel, Level, Priority, ResolutionCode, Status } from '#shared/domain/enums.ts';
import type { Agent, Category, Group, Service } from '#shared/domain/reference.ts';

/** The option lists the forms and filters offer, in the words agents use. */
export interface Option<V> {
  readonly value: V;
  readonly label: string;
}

export const CHANNEL_OPTIONS: Option<Channel>[] = CHANNELS.map((value) => ({ value, label: channel.labels[value] }));
export const STATUS_OPTIONS: Option<Status>[] = STATUSES.map((value) => ({ value, label: status.labels[value] }));
export const PRIORITY_OPTIONS: Option<string>[] = PRIORITIES.map((value) => ({
  value: String(value),
  label: priorityLabel(value),
}));
export const LEVEL_OPTIONS: Option<string>[] = LEVELS.map((value) => ({
  value: String(value),
  label: `${value} - ${LEVEL_LABELS[value]}`,
}));
export const RESOLUTION_CODE_OPTIONS: Option<ResolutionCode>[] = RESOLUTION_CODES.map((value) => ({
  value,
  label: resolutionCode.labels[value],
}));
export const ROLE_OPTIONS: Option<AgentRole>[] = AGENT_ROLES.map((value) => ({
  value,
  label: agentRole.labels[value],
}));

/** Select values are strings; these turn them back into the domain's numbers. */
export function toLevel(value: string | null): Level | null {
  const n = Number(value);
  return n === 1 || n === 2 || n === 3 ? n : null;
}

export function toPriority(value: string | null): Priority | null {
  const n = Number(value);
  return (PRIORITIES as readonly number[]).includes(n) ? (n as Priority) : null;
}

export function byName<T extends { name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.name.localeCompare(b.name));
}

/** Active agents by name; an inactive one stays listed only while it is the current value. */
export function agentOptions(agents: readonly Agent[], keep: string | null = null): Option<string>[] {
  return byName(agents.filter((agent) => agent.active || agent.id === keep)).map((agent) => ({
    value: agent.id,
    label: agent.active ? agent.name : `${agent.name} (inactive)`,
  }));
}

export function namedOptions(items: readonly (Group | Category | Service)[]): Option<string>[] {
  return byName(items).map((item) => ({ value: item.id, label: item.name }));
}

export function subcategoryOptions(category: Category | undefined): Option<string>[] {
  return (category?.subcategories ?? []).map((name) => ({ value: name, label: name }));
}
