import type { Channel, Level } from '#shared/domain/enums.ts';
import { formatIncidentNumber, PROVISIONAL_NUMBER_HINT } from '#shared/domain/incident.ts';
import type { CreateIncidentInput, Incident } from '#shared/domain/incident.ts';
import { priorityFor } from '#shared/domain/priority.ts';
import type { PriorityMatrix } from '#shared/domain/priority.ts';
import type { Priority } from '#shared/domain/enums.ts';

/** What the agent has filled in so far; selects hold strings, the contract wants numbers and nulls. */
export interface NewIncidentValues {
  readonly title: string;
  readonly description: string;
  readonly channel: Channel;
  readonly reporterId: string | null;
  readonly categoryId: string | null;
  readonly subcategory: string | null;
  readonly serviceId: string | null;
  readonly impact: Level;
  readonly urgency: Level;
  readonly groupId: string | null;
  readonly assigneeId: string | null;
}

/** Most incidents are logged from a call; medium impact and urgency until the agent knows better. */
export const NEW_INCIDENT_DEFAULTS: NewIncidentValues = {
  title: '',
  description: '',
  channel: 'phone',
  reporterId: null,
  categoryId: null,
  subcategory: null,
  serviceId: null,
  impact: 2,
  urgency: 2,
  groupId: null,
  assigneeId: null,
};

/** Nothing typed or chosen beyond the defaults: there is nothing to keep as a draft, nor to ask about. */
export function isUntouched(values: NewIncidentValues): boolean {
  return (Object.keys(NEW_INCIDENT_DEFAULTS) as (keyof NewIncidentValues)[]).every((field) =>
    field === 'title' || field === 'description'
      ? values[field].trim() === ''
      : values[field] === NEW_INCIDENT_DEFAULTS[field],
  );
}

/** A kept draft over the defaults: fields the draft does not hold keep their default. */
export function fromDraft(draft: Readonly<Record<string, unknown>> | null): NewIncidentValues {
  return { ...NEW_INCIDENT_DEFAULTS, ...(draft as Partial<NewIncidentValues> | null) };
}

export function previewPriority(
  matrix: PriorityMatrix,
  values: Pick<NewIncidentValues, 'impact' | 'urgency'>,
): Priority {
  return priorityFor(matrix, values.impact, values.urgency);
}

/** A new category drops a subcategory that belonged to the old one. */
export function withCategory(values: NewIncidentValues, categoryId: string | null): NewIncidentValues {
  return { ...values, categoryId, subcategory: categoryId === values.categoryId ? values.subcategory : null };
}

export function createInput(values: NewIncidentValues): CreateIncidentInput {
  return { ...values };
}

/** The confirmation after Create names the new incident; a provisional number says why it has a star. */
export function createdNotice(incident: Pick<Incident, 'number' | 'provisionalNumber'>): {
  title: string;
  message: string;
} {
  const provisional = incident.number === null && incident.provisionalNumber !== null;
  return {
    title: `${formatIncidentNumber(incident.number, incident.provisionalNumber)} created`,
    message: provisional ? PROVISIONAL_NUMBER_HINT : '',
  };
}
