import { channel, LEVEL_LABELS, priorityLabel, resolutionCode, status } from '#shared/domain/enums.ts';
import type { Channel, Level, Priority, ResolutionCode, Status } from '#shared/domain/enums.ts';
import { formatIncidentNumber } from '#shared/domain/incident.ts';
import type { FieldValue, IncidentField } from '#shared/domain/incident.ts';
import type { PriorityOverride } from '#shared/domain/priority.ts';
import { formatFullTime } from './time-format.ts';

/** Turns the ids an incident holds into the names agents know. */
export interface NameLookup {
  agent(id: string): string | undefined;
  group(id: string): string | undefined;
  category(id: string): string | undefined;
  service(id: string): string | undefined;
  contact(id: string): string | undefined;
}

const NOTHING = '—';
const LONG_TEXT = 80;

/** Long text on one line, cut to what a sentence about it can hold. */
export function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > LONG_TEXT ? `${oneLine.slice(0, LONG_TEXT - 1)}…` : oneLine;
}

/** The name behind an id, or what it is when this workstation does not know it. */
export function named(id: string, find: (id: string) => string | undefined, what: string): string {
  return find(id) ?? `Unknown ${what}`;
}

/** One field value as an agent reads it: names for ids, labels for codes, times for instants. */
export function formatFieldValue(field: IncidentField, value: FieldValue, names: NameLookup): string {
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return NOTHING;
  switch (field) {
    case 'assigneeId':
      return named(String(value), names.agent, 'agent');
    case 'groupId':
      return named(String(value), names.group, 'group');
    case 'categoryId':
      return named(String(value), names.category, 'category');
    case 'serviceId':
      return named(String(value), names.service, 'service');
    case 'reporterId':
      return named(String(value), names.contact, 'contact');
    case 'status':
      return status.labels[value as Status] ?? String(value);
    case 'channel':
      return channel.labels[value as Channel] ?? String(value);
    case 'impact':
    case 'urgency':
      return `${String(value)} - ${LEVEL_LABELS[value as Level] ?? ''}`.trim();
    case 'priority':
      return priorityLabel(value as Priority);
    case 'priorityOverride': {
      const override = value as PriorityOverride;
      return `${priorityLabel(override.priority)} (${shorten(override.reason)})`;
    }
    case 'resolutionCode':
      return resolutionCode.labels[value as ResolutionCode] ?? String(value);
    case 'reportedAt':
    case 'acknowledgedAt':
    case 'resolvedAt':
    case 'closedAt':
      return formatFullTime(String(value));
    case 'tags':
      return (value as readonly string[]).join(', ');
    case 'number':
      return formatIncidentNumber(Number(value));
    default:
      return shorten(String(value));
  }
}
