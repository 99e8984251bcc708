import { DeskError } from '#shared/errors.ts';
import { formatIncidentNumber } from '#shared/domain/incident.ts';
import type { Incident } from '#shared/domain/incident.ts';
import { isOutgoingAddress } from '#shared/domain/mail-header.ts';
import { MAX_NOTICE_RECIPIENTS } from '#shared/domain/notices.ts';
import type { NoticeAudience, NotifyAffectedInput } from '#shared/domain/notices.ts';
import { fillIncidentNumber } from '#shared/domain/templates.ts';
import { isNoReplyAddress } from '#shared/domain/answering.ts';
import { findTemplate } from '#core/automation/template.repository.ts';
import { renderForIncident } from '#core/automation/template-values.ts';
import { getIncident } from '#core/incidents/incident.repository.ts';
import { listMailboxes } from '#core/mailboxes/mailbox.repository.ts';
import { queueOutgoingMail } from '#core/outbox/outgoing-mail.service.ts';
import { sendingMailbox } from '#core/outbox/reply.service.ts';
import { findAgent, findService } from '#core/reference/reference.repository.ts';
import type { ChangeRecorder, Db } from '#core/store/store.ts';

const PREVIEW = 240;

/**
 * Who a notice about this incident reaches: the contacts subscribed to its affected service and everyone of the
 * organisations subscribed, each address once, without the desk's own and addresses nobody reads.
 */
export async function noticeAudience(db: Db, incident: Incident): Promise<NoticeAudience> {
  const service = incident.serviceId ? await findService(db, incident.serviceId) : null;
  const none = (problem: string): NoticeAudience => ({
    serviceId: service?.id ?? null,
    serviceName: service?.name ?? null,
    recipients: [],
    problem,
  });
  if (!service) return none('The incident names no affected service: set one, then notify its subscribers.');
  const { contactIds, organisations } = service.subscribers;
  if (!contactIds.length && !organisations.length) {
    return none(`Nobody is subscribed to ${service.name}: add subscribers in Settings → Services.`);
  }
  const contacts = await db
    .selectFrom('contact')
    .select(['name', 'email'])
    .where((eb) =>
      eb.or([
        ...(contactIds.length ? [eb('id', 'in', [...contactIds])] : []),
        ...(organisations.length ? [eb('organisation', 'in', [...organisations])] : []),
      ]),
    )
    .orderBy('name')
    .execute();
  const ours = new Set(
    (await listMailboxes(db))
      .flatMap((m) => [m.username, ...(m.outgoing ? [m.outgoing.address] : [])])
      .map((a) => a.toLowerCase()),
  );
  const seen = new Set<string>();
  const recipients = contacts.flatMap((contact) => {
    const address = contact.email;
    if (!address || !isOutgoingAddress(address) || isNoReplyAddress(address)) return [];
    const key = address.toLowerCase();
    if (seen.has(key) || ours.has(key)) return [];
    seen.add(key);
    return [{ address, name: contact.name }];
  });
  if (!recipients.length) return none(`None of the subscribers of ${service.name} has an email address.`);
  if (recipients.length > MAX_NOTICE_RECIPIENTS) {
    return none(
      `${service.name} has ${recipients.length} subscribers with an address, more than the ${MAX_NOTICE_RECIPIENTS} one notice goes to; use a mailing list.`,
    );
  }
  return { serviceId: service.id, serviceName: service.name, recipients, problem: null };
}

/**
 * Sends a disruption notice, an update or the all-clear (inside the caller's command): a mail to each
 * subscriber, sent at once by this workstation as the agent's, and one `notice` entry on the incident's
 * timeline listing them. The mails belong to no incident: a subscriber's answer waits in the inbox rather
 * than reopening or resuming the incident as the reporter's answer would.
 */
export async function notifyAffected(
  db: Db,
  recorder: ChangeRecorder,
  command: NotifyAffectedInput,
  actorId: string,
): Promise<void> {
  const incident = await getIncident(db, command.incidentId);
  const audience = await noticeAudience(db, incident);
  if (audience.problem) throw new DeskError('invalid_input', audience.problem);
  const template = await findTemplate(db, command.templateId);
  if (!template) throw new DeskError('not_found', `No template with id ${command.templateId}.`);
  const agentName = (await findAgent(db, actorId))?.name ?? '';
  const rendered = await renderForIncident(
    db,
    { subject: command.subject ?? template.subject, body: command.text ?? template.body },
    incident,
    { agentName },
  );
  // Sent now, as this agent's: the number is the one this workstation shows (provisional until the hub's).
  const number = formatIncidentNumber(incident.number, incident.provisionalNumber);
  const subject = fillIncidentNumber(rendered.subject, number);
  const text = fillIncidentNumber(rendered.body, number);
  const mailbox = await sendingMailbox(db, undefined, null);
  const outboxIds: string[] = [];
  for (const recipient of audience.recipients) {
    outboxIds.push(
      await queueOutgoingMail(db, recorder, {
        incidentId: null,
        mailboxId: mailbox.id,
        automatic: false,
        authorId: actorId,
        to: [recipient],
        subject,
        text,
      }),
    );
  }
  recorder.append('incident', incident.id, 'notice', {
    kind: command.kind,
    templateId: template.id,
    subject,
    preview: text.replace(/\s+/g, ' ').trim().slice(0, PREVIEW),
    outboxIds,
  });
}
