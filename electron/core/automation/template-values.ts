import { status as statusEnum, priorityLabel } from '#shared/domain/enums.ts';
import { formatIncidentNumber } from '#shared/domain/incident.ts';
import type { Incident, TimelineEvent } from '#shared/domain/incident.ts';
import { placeholdersIn, renderTemplate, withoutLinks } from '#shared/domain/templates.ts';
import type { MailTemplate, RenderedTemplate, TemplatePlaceholder, TemplateValues } from '#shared/domain/templates.ts';
import { getIncidentDetail } from '#core/incidents/incident.repository.ts';
import { findAgent, findCategory, findContact, findService } from '#core/reference/reference.repository.ts';
import type { Db } from '#core/store/store.ts';

/** Who signs automatic mail, where a template names the sending agent. */
export const AUTOMATIC_SENDER_NAME = 'Service desk';

/** How many lines a summary of the timeline keeps: the newest ones. */
const SUMMARY_LINES = 20;

function when(at: string): string {
  return `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`;
}

function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** One line of the summary for an entry the reporter may read about; internal work and automatic mail are left out. */
function summaryLine(event: TimelineEvent): string | null {
  switch (event.type) {
    case 'created':
      return 'Registered.';
    case 'changed': {
      const status = event.changes.find((change) => change.field === 'status');
      if (!status || typeof status.to !== 'string') return null;
      const label = statusEnum.labels[status.to as keyof typeof statusEnum.labels] ?? status.to;
      return event.body && event.action !== 'automation' ? `${label}: ${oneLine(event.body)}` : `${label}.`;
    }
    case 'message':
      if (!event.message || event.message.kind !== 'message') return null;
      if (event.message.direction === 'outbound') return 'We called you back.';
      return `Message from ${event.message.from?.name || event.message.from?.address || 'you'}${event.message.subject ? `: ${oneLine(event.message.subject)}` : '.'}`;
    case 'reply':
      return event.reply && !event.reply.automatic ? `We wrote: ${oneLine(event.reply.subject)}` : null;
    default:
      return null;
  }
}

/** A link-free summary of the timeline for a customer: dates and what happened, never an internal note. */
export function timelineSummary(timeline: readonly TimelineEvent[]): string {
  const lines = timeline
    .map((event) => {
      const line = summaryLine(event);
      return line ? `${when(event.at)}: ${withoutLinks(line)}` : null;
    })
    .filter((line): line is string => line !== null);
  const kept = lines.length > SUMMARY_LINES ? ['…', ...lines.slice(-SUMMARY_LINES)] : lines;
  return kept.join('\n');
}

async function nameOf<T extends { name: string }>(
  find: (db: Db, id: string) => Promise<T | null>,
  db: Db,
  id: string | null,
): Promise<string | null> {
  return id ? ((await find(db, id))?.name ?? null) : null;
}

/**
 * What each placeholder a text uses stands for on this incident; only those are looked up. The number of an
 * incident the hub has not numbered yet is left out, so the placeholder stays for the mail to fill when it is
 * built (the outbox sends automatic mail after the incident reached the hub).
 */
export async function templateValues(
  db: Db,
  incident: Incident,
  needed: readonly TemplatePlaceholder[],
  sender: { readonly agentName: string },
): Promise<TemplateValues> {
  const values: Partial<Record<TemplatePlaceholder, string>> = {};
  for (const name of new Set(needed)) {
    switch (name) {
      case 'incident.number':
        if (incident.number !== null) values[name] = formatIncidentNumber(incident.number);
        break;
      case 'incident.title':
        values[name] = incident.title;
        break;
      case 'incident.status':
        values[name] = statusEnum.labels[incident.status];
        break;
      case 'incident.priority':
        values[name] = priorityLabel(incident.priority);
        break;
      case 'incident.category':
        values[name] = (await nameOf(findCategory, db, incident.categoryId)) ?? 'not categorised yet';
        break;
      case 'incident.service':
        values[name] = (await nameOf(findService, db, incident.serviceId)) ?? 'the affected service';
        break;
      case 'incident.resolution_notes':
        values[name] = incident.resolutionNotes ?? 'not recorded yet';
        break;
      case 'incident.cause':
        values[name] = incident.cause ?? 'not determined yet';
        break;
      case 'incident.summary':
        values[name] = timelineSummary((await getIncidentDetail(db, incident.id)).timeline);
        break;
      case 'reporter.name':
        values[name] = (await nameOf(findContact, db, incident.reporterId)) ?? 'there';
        break;
      case 'assignee.name':
        values[name] = (await nameOf(findAgent, db, incident.assigneeId)) ?? 'the service desk';
        break;
      case 'agent.name':
        values[name] = sender.agentName;
        break;
    }
  }
  return values;
}

/** A template filled in for an incident: subject and text. */
export async function renderForIncident(
  db: Db,
  template: Pick<MailTemplate, 'subject' | 'body'>,
  incident: Incident,
  sender: { readonly agentName: string },
): Promise<RenderedTemplate> {
  const values = await templateValues(
    db,
    incident,
    [...placeholdersIn(template.subject), ...placeholdersIn(template.body)],
    sender,
  );
  // A subject is one line whatever a value holds (a title with a line break pasted in).
  return {
    subject: renderTemplate(template.subject, values).replace(/\s*[\r\n]+\s*/g, ' '),
    body: renderTemplate(template.body, values),
  };
}
