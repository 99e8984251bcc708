import type { EntityKind } from '#shared/change.ts';
import { agentRole } from '#shared/domain/enums.ts';
import type { AgentRole } from '#shared/domain/enums.ts';
import { formatIncidentNumber, INCIDENT_FIELD_LABELS, PROVISIONAL_NUMBER_HINT } from '#shared/domain/incident.ts';
import type { FieldValue, IncidentField } from '#shared/domain/incident.ts';
import type { OverwriteNotice } from '#shared/domain/sync-status.ts';
import { formatFieldValue, shorten } from '../common/field-value.ts';
import type { NameLookup } from '../common/field-value.ts';
import { routeHash } from '../navigation/route.ts';

/** What a notice needs to know of the incident it concerns. */
export interface IncidentRef {
  readonly id: string;
  readonly number: number | null;
  readonly provisionalNumber: number | null;
  readonly title: string;
}

export interface OverwriteNames extends NameLookup {
  incident(id: string): IncidentRef | undefined;
}

export interface OverwriteNoticeView {
  readonly key: string;
  readonly at: string;
  /** The notice in one sentence: "Your change to the title of INC-42 was replaced by Priya Raman's later change (“VPN drops”)." */
  readonly sentence: string;
  /** What this agent had set, for redoing it: "“VPN drops (Alex)”"; null when it has no short form. */
  readonly yours: string | null;
  /** The incident to open, when the notice is about one that is known here. */
  readonly incident: { readonly id: string; readonly label: string; readonly provisional: boolean } | null;
}

export interface OverwriteToast {
  readonly title: string;
  readonly message: string;
  /** `hint` explains a provisional number in the label. */
  readonly link: { readonly label: string; readonly href: string; readonly hint?: string } | null;
}

/** More notices than this at once (a long offline spell) become one summary rather than a wall of toasts. */
export const MAX_SEPARATE_TOASTS = 3;

const ARTICLES: Partial<Record<EntityKind, string>> = {
  agent: 'an agent',
  group: 'a group',
  category: 'a category',
  service: 'a service',
  contact: 'a contact',
};

/** Fields of the team's settings entities, in the words of the settings screens. */
const SETTINGS_FIELD_WORDS: Readonly<Record<string, string>> = {
  name: 'name',
  email: 'email address',
  role: 'role',
  groupIds: 'groups',
  active: 'active status',
  description: 'description',
  phone: 'phone number',
  organisation: 'organisation',
  subcategories: 'subcategories',
  filter: 'filters',
  sort: 'sort order',
  ownerId: 'owner',
  deleted: 'deletion',
};

/** "resolutionNotes" → "resolution notes", for a field this version has no words for. */
function humanise(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

function lowerFirst(text: string): string {
  return text ? text[0]!.toLowerCase() + text.slice(1) : text;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

function isIncidentField(field: string): field is IncidentField {
  return Object.hasOwn(INCIDENT_FIELD_LABELS, field);
}

function nameOf(entity: EntityKind, id: string, names: NameLookup): string | undefined {
  switch (entity) {
    case 'agent':
      return names.agent(id);
    case 'group':
      return names.group(id);
    case 'category':
      return names.category(id);
    case 'service':
      return names.service(id);
    case 'contact':
      return names.contact(id);
    default:
      return undefined;
  }
}

/** What the change was made to: "the title of INC-42", "the name of the group Network", "the priority matrix". */
function subjectOf(notice: OverwriteNotice, names: OverwriteNames): string {
  const entity = notice.entity as EntityKind;
  if (entity === 'incident') {
    const ref = names.incident(notice.entityId);
    const field = isIncidentField(notice.field)
      ? lowerFirst(INCIDENT_FIELD_LABELS[notice.field])
      : humanise(notice.field);
    return `the ${field} of ${ref ? formatIncidentNumber(ref.number, ref.provisionalNumber) : 'an incident'}`;
  }
  if (entity === 'setting') return notice.entityId === 'priority-matrix' ? 'the priority matrix' : 'a team setting';
  const field = SETTINGS_FIELD_WORDS[notice.field] ?? humanise(notice.field);
  if (entity === 'view') return `the ${field} of a saved view`;
  const name = nameOf(entity, notice.entityId, names);
  return `the ${field} of ${name ? `the ${entity} ${name}` : (ARTICLES[entity] ?? `a ${entity}`)}`;
}

/** A value as the agent would recognise it, or null when it has no short form (filters, the priority matrix). */
function formatValue(notice: OverwriteNotice, value: unknown, names: OverwriteNames): string | null {
  if (notice.entity === 'incident' && isIncidentField(notice.field)) {
    return formatFieldValue(notice.field, value as FieldValue, names);
  }
  if (notice.field === 'groupIds' && Array.isArray(value)) {
    return value.map((id) => names.group(String(id)) ?? 'an unknown group').join(', ');
  }
  if (notice.field === 'role' && typeof value === 'string') return agentRole.labels[value as AgentRole] ?? value;
  if (notice.field === 'active' && typeof value === 'boolean') return value ? 'active' : 'inactive';
  if (Array.isArray(value)) return shorten(value.map(String).join(', '));
  if (typeof value === 'string' || typeof value === 'number') return shorten(String(value));
  return null;
}

function quoted(text: string | null): string | null {
  return text === null ? null : `“${text}”`;
}

/** One notice in words, with the incident to open. */
export function describeOverwrite(notice: OverwriteNotice, names: OverwriteNames): OverwriteNoticeView {
  const by = notice.byAgentId
    ? `${names.agent(notice.byAgentId) ?? 'a teammate'}'s later change`
    : 'a later automatic change';
  const theirs = formatValue(notice, notice.theirs, names);
  const ending = isEmpty(notice.theirs)
    ? `${by}, which cleared it`
    : theirs === null
      ? by
      : `${by} (${quoted(theirs)})`;
  const ref = notice.entity === 'incident' ? names.incident(notice.entityId) : undefined;
  return {
    key: `${notice.entity}/${notice.entityId}/${notice.field}/${notice.at}`,
    at: notice.at,
    sentence: `Your change to ${subjectOf(notice, names)} was replaced by ${ending}.`,
    yours: isEmpty(notice.mine) ? null : quoted(formatValue(notice, notice.mine, names)),
    incident: ref
      ? {
          id: ref.id,
          label: formatIncidentNumber(ref.number, ref.provisionalNumber),
          provisional: ref.number === null && ref.provisionalNumber !== null,
        }
      : null,
  };
}

/** The toasts for one batch of notices: each on its own, or one summary pointing to the full list. */
export function overwriteToasts(notices: readonly OverwriteNotice[], names: OverwriteNames): OverwriteToast[] {
  if (notices.length > MAX_SEPARATE_TOASTS) {
    return [
      {
        title: `${notices.length} of your changes were replaced`,
        message: 'Later changes from your team replaced them. Settings → Team hub lists each one.',
        link: { label: 'See what changed', href: routeHash({ screen: 'settings', tab: 'hub' }) },
      },
    ];
  }
  return notices.map((notice) => {
    const view = describeOverwrite(notice, names);
    return {
      title: 'Replaced by a later change',
      message: view.sentence,
      link: view.incident
        ? {
            label: `Open ${view.incident.label}`,
            href: routeHash({ screen: 'incident', id: view.incident.id }),
            ...(view.incident.provisional ? { hint: PROVISIONAL_NUMBER_HINT } : {}),
          }
        : null,
    };
  });
}
