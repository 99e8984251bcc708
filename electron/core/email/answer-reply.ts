import { planTransition } from '#shared/domain/lifecycle.ts';
import { createIncident, recordIncidentChanges } from '../incidents/incident.service.ts';
import { findIncident } from '../incidents/incident.repository.ts';
import type { ChangeRecorder, Db } from '../store/store.ts';
import { fitText } from '../messages/fit.ts';
import { incidentFromMessageId } from '../messages/message-ids.ts';
import type { ParsedEmail } from './parse-email.ts';

/** As the new-incident form allows; the description is the start of the body, the whole is on the message. */
const MAX_TITLE = 200;
const MAX_DESCRIPTION = 20_000;

export interface ReplyPlacement {
  /** The incident the reply goes onto: the one it answers, or a new one when that one is closed. */
  readonly incidentId: string;
  readonly created: boolean;
  /**
   * What the reply does to its incident (reopen it, resume work), recorded once the reply itself is on the
   * timeline: the entry that says why comes first.
   */
  readonly react: () => void;
}

const NOTHING = () => {};

/**
 * What a person's reply does to the incident it belongs to: a resolved incident reopens, one waiting on the
 * customer is worked on again, and a closed (or cancelled) one stays closed while the reply starts a new
 * incident that points back at it.
 */
export async function answerReply(
  db: Db,
  recorder: ChangeRecorder,
  incidentId: string,
  messageEntity: string,
  email: ParsedEmail,
  contactId: string | null,
): Promise<ReplyPlacement> {
  const incident = await findIncident(db, incidentId);
  if (!incident) return { incidentId, created: false, react: NOTHING };
  const who = email.from?.name || email.from?.address || 'the customer';
  const actor = { actorId: '', now: recorder.at };
  if (incident.status === 'resolved') {
    const plan = planTransition(incident, { action: 'reopen', notes: `Reopened by a reply from ${who}.` }, actor);
    return {
      incidentId,
      created: false,
      react: () => recordIncidentChanges(recorder, incident, plan.fields, 'reopen', plan.notes),
    };
  }
  if (incident.status === 'waiting_on_customer') {
    const plan = planTransition(incident, { action: 'resume' }, actor);
    return {
      incidentId,
      created: false,
      react: () =>
        recordIncidentChanges(recorder, incident, { status: plan.fields.status }, 'resume', `${who} replied.`),
    };
  }
  if (incident.status === 'closed' || incident.status === 'cancelled') {
    const created = await createIncident(
      db,
      recorder,
      {
        title: fitText(email.subject, MAX_TITLE) || `Reply from ${who}`,
        description: fitText(email.text, MAX_DESCRIPTION),
        channel: 'email',
        reporterId: contactId,
        categoryId: incident.categoryId,
        subcategory: incident.subcategory,
        serviceId: incident.serviceId,
        impact: incident.impact,
        urgency: incident.urgency,
        priorityOverride: null,
        assigneeId: null,
        groupId: incident.groupId,
        tags: [],
      },
      null,
      { id: incidentFromMessageId(messageEntity), relatedIncidentIds: [incident.id] },
    );
    recorder.append('incident', incident.id, 'note', {
      body: `A reply from ${who} arrived after this incident was closed; it started a new incident.`,
      internal: true,
      relatedIncidentId: created,
    });
    return { incidentId: created, created: true, react: NOTHING };
  }
  return { incidentId, created: false, react: NOTHING };
}
