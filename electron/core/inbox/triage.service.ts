import { v7 as uuidv7 } from 'uuid';
import type { JsonValue } from '#shared/change.ts';
import { DeskError } from '#shared/errors.ts';
import type { Level } from '#shared/domain/enums.ts';
import type { InboundMessage, TriageSuggestion } from '#shared/domain/intake.ts';
import type { Category, Contact } from '#shared/domain/reference.ts';
import type { z } from 'zod';
import type { logContactInput, triageCreateInput } from '#shared/domain/intake.ts';
import { getIncident } from '../incidents/incident.repository.ts';
import { createIncident } from '../incidents/incident.service.ts';
import { findContact, findGroup, listCategories } from '../reference/reference.repository.ts';
import type { ChangeRecorder, Db } from '../store/store.ts';
import { getMessageRow, messageRowToModel } from './inbox.repository.ts';
import { linkMessage } from '../messages/message-link.ts';
import type { LinkedMessage } from '../messages/message-link.ts';
import { incidentFromMessageId } from '../messages/message-ids.ts';

const URGENT = /\b(urgent|asap|immediately|right now|critical|emergency|cannot work|can't work|blocked)\b/i;
const SOON = /\b(today|soon|important|deadline)\b/i;
const WIDE =
  /\b(everyone|everybody|all users|whole (team|office|floor|company)|nobody can|outage|down for all|site down)\b/i;
const SOME = /\b(several|colleagues|team|department|floor)\b/i;

function words(text: string): string {
  return ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
}

interface CategoryMatch {
  readonly category: Category;
  readonly score: number;
  /** The words found in the message, as the agent will read them, and what each points to. */
  readonly found: readonly { readonly word: string; readonly subcategory: string | null }[];
}

/**
 * The category whose name, or a subcategory's, the message mentions most (a subcategory counts more: it is
 * the more specific word). Null when it mentions none.
 */
function bestCategory(haystack: string, categories: readonly Category[]): CategoryMatch | null {
  let best: CategoryMatch | null = null;
  for (const category of categories) {
    const names = [
      { name: category.name, subcategory: null },
      ...category.subcategories.map((name) => ({ name, subcategory: name })),
    ];
    const found = names
      .map(({ name, subcategory }) => ({ word: words(name).trim(), subcategory }))
      .filter(({ word }) => word && haystack.includes(` ${word} `));
    const score = found.reduce((sum, { subcategory }) => sum + (subcategory === null ? 2 : 3), 0);
    if (score > (best?.score ?? 0)) best = { category, score, found };
  }
  return best;
}

/** "It mentions “printer offline” (Printing › Printer offline)." in the words the message used. */
function mentionReason(match: CategoryMatch): string {
  const { word, subcategory } = [...match.found].sort(
    (a, b) => Number(a.subcategory === null) - Number(b.subcategory === null),
  )[0]!;
  const where = subcategory ? `${match.category.name} › ${subcategory}` : match.category.name;
  return `It mentions “${word}” (${where}).`;
}

/**
 * What a new incident made from an inbound message should start with: its subject as the title, the
 * category whose name (or a subcategory's) the message mentions most and the group that usually takes it,
 * and impact and urgency from words that signal them. Simple and explained, naming the words it went by, so
 * the agent can see why and change it.
 */
export async function suggestTriage(db: Db, message: InboundMessage): Promise<TriageSuggestion> {
  const text = `${message.subject}\n${message.bodyText}`;
  const reasons: string[] = [];
  const match = bestCategory(words(text), await listCategories(db));
  let groupId: string | null = null;
  if (match) {
    reasons.push(mentionReason(match));
    const group = match.category.groupId ? await findGroup(db, match.category.groupId) : null;
    if (group) {
      groupId = group.id;
      reasons.push(`${group.name} usually takes ${match.category.name}.`);
    }
  }
  let urgency: Level = 3;
  let impact: Level = 3;
  const urgent = URGENT.exec(text);
  if (urgent) {
    urgency = 1;
    reasons.push(`It says it is urgent (“${urgent[0]}”).`);
  } else if (SOON.test(text)) urgency = 2;
  const wide = WIDE.exec(text);
  if (wide) {
    impact = 1;
    reasons.push(`It affects many people (“${wide[0]}”).`);
  } else if (SOME.test(text)) impact = 2;
  if (message.alert) {
    impact = Math.min(impact, 2) as Level;
    urgency = Math.min(urgency, 2) as Level;
    reasons.push('It is a monitoring alert.');
  }
  return {
    title: message.subject || message.preview.slice(0, 80) || 'Inbound message',
    categoryId: match?.category.id ?? null,
    groupId,
    impact,
    urgency,
    reasons,
  };
}

async function messagesFor(db: Db, ids: readonly string[]): Promise<InboundMessage[]> {
  const messages: InboundMessage[] = [];
  for (const id of ids) {
    const message = messageRowToModel(await getMessageRow(db, id));
    if (message.state !== 'untriaged') {
      throw new DeskError('conflict', `"${message.subject || message.preview}" has already been triaged.`);
    }
    messages.push(message);
  }
  return messages;
}

function incidentChannel(message: InboundMessage) {
  return message.channel;
}

/** Makes incidents from inbox items: one each, or one for all of them (the first item's words lead). */
export async function createFromItems(
  db: Db,
  recorder: ChangeRecorder,
  input: z.output<typeof triageCreateInput>,
  actorId: string,
): Promise<string[]> {
  if (input.title && !input.together && input.ids.length > 1) {
    throw new DeskError(
      'invalid_input',
      'A title for several incidents at once would give them all the same one: make one incident for all of them, or leave the title out.',
    );
  }
  const messages = await messagesFor(db, input.ids);
  const groups = input.together ? [messages] : messages.map((m) => [m]);
  const created: string[] = [];
  for (const group of groups) created.push(await incidentFromGroup(db, recorder, group, input, actorId));
  return created;
}

/** One incident from one or more inbox items (the first item's words lead), linked to all of them. */
async function incidentFromGroup(
  db: Db,
  recorder: ChangeRecorder,
  group: readonly InboundMessage[],
  input: Omit<z.output<typeof triageCreateInput>, 'ids' | 'together'>,
  actorId: string | null,
  id?: string,
): Promise<string> {
  const lead = group[0]!;
  const suggestion = await suggestTriage(db, lead);
  const incidentId = await createIncident(
    db,
    recorder,
    {
      title: (input.title || suggestion.title).slice(0, 200),
      description: group
        .map((m) => m.bodyText)
        .join('\n\n---\n\n')
        .slice(0, 20_000),
      channel: incidentChannel(lead),
      reporterId: lead.contactId,
      categoryId: input.categoryId === undefined ? suggestion.categoryId : input.categoryId,
      subcategory: null,
      serviceId: null,
      impact: input.impact ?? suggestion.impact,
      urgency: input.urgency ?? suggestion.urgency,
      priorityOverride: null,
      assigneeId: null,
      groupId: input.groupId === undefined ? suggestion.groupId : input.groupId,
      tags: [],
    },
    actorId,
    id ? { id } : {},
  );
  for (const message of group) linkMessage(recorder, message, incidentId, 'incident');
  return incidentId;
}

/**
 * A mailbox that makes an incident from every new mail (skipping the inbox): the incident a new inbox item
 * makes at once, as triage would with its suggestions, with an id derived from the message so two
 * workstations importing it make one.
 */
export async function createFromNewMail(db: Db, recorder: ChangeRecorder, messageId: string): Promise<string> {
  const message = messageRowToModel(await getMessageRow(db, messageId));
  return incidentFromGroup(db, recorder, [message], {}, null, incidentFromMessageId(messageId));
}

export async function addItemsToIncident(
  db: Db,
  recorder: ChangeRecorder,
  ids: readonly string[],
  incidentId: string,
): Promise<void> {
  await getIncident(db, incidentId);
  for (const message of await messagesFor(db, ids)) linkMessage(recorder, message, incidentId, 'threaded');
}

export async function markNoise(db: Db, recorder: ChangeRecorder, ids: readonly string[]): Promise<void> {
  for (const message of await messagesFor(db, ids)) recorder.set('message', message.id, 'state', 'noise');
}

/**
 * Takes items marked as noise back into the inbox (noise was a mistake, or it turned out to matter; the
 * "Undo" of Mark as noise). An item someone has triaged since stays where they put it; answers how many came
 * back.
 */
export async function restoreFromNoise(db: Db, recorder: ChangeRecorder, ids: readonly string[]): Promise<number> {
  let restored = 0;
  for (const id of ids) {
    const message = messageRowToModel(await getMessageRow(db, id));
    if (message.state !== 'noise') continue;
    recorder.set('message', id, 'state', 'untriaged');
    restored++;
  }
  return restored;
}

/**
 * Records a call or walk-in as an inbound message entity (every channel's contacts are kept alike), from the
 * contact when known, and answers what the incident's timeline shows of it.
 */
export function recordContactMessage(
  recorder: ChangeRecorder,
  call: {
    id: string;
    channel: 'phone' | 'walk_in';
    contact: Pick<Contact, 'id' | 'name' | 'email'> | null;
    subject: string;
    notes: string;
    outbound: boolean;
  },
): LinkedMessage {
  const { id, contact } = call;
  const preview = call.notes.replace(/\s+/g, ' ').trim().slice(0, 240);
  const fields: Record<string, JsonValue> = {
    channel: call.channel,
    kind: 'message',
    state: 'untriaged',
    receivedAt: recorder.at,
    subject: call.subject,
    preview,
    bodyText: call.notes,
    source: call.outbound ? 'a call back, logged by an agent' : 'logged by an agent',
  };
  if (contact) {
    fields.contactId = contact.id;
    fields.fromName = contact.name;
    if (contact.email) fields.fromAddress = contact.email;
  }
  for (const [field, value] of Object.entries(fields)) recorder.set('message', id, field, value);
  return {
    id,
    channel: call.channel,
    kind: 'message',
    from: contact ? { address: contact.email ?? '', name: contact.name } : null,
    subject: call.subject,
    preview,
    ...(call.outbound ? { direction: 'outbound' as const } : {}),
  };
}

/**
 * A call or a walk-in, logged as it happens: kept as an inbound message like any other, and either added
 * to an incident or made into a new one straight away (nobody triages a call they just took).
 */
export async function logContact(
  db: Db,
  recorder: ChangeRecorder,
  input: z.output<typeof logContactInput>,
  actorId: string,
): Promise<string> {
  const contact = input.contactId ? await findContact(db, input.contactId) : null;
  if (input.contactId && !contact) throw new DeskError('invalid_input', `No contact with id ${input.contactId}.`);
  const outbound = input.direction === 'outbound';
  if (outbound && !input.incidentId) {
    throw new DeskError('invalid_input', 'A call back belongs to an incident: choose the incident you called about.');
  }
  const message = recordContactMessage(recorder, {
    id: uuidv7(),
    channel: input.channel,
    contact,
    subject: input.subject,
    notes: input.notes,
    outbound,
  });
  if (input.incidentId) {
    await getIncident(db, input.incidentId);
    linkMessage(recorder, message, input.incidentId, 'threaded');
    return input.incidentId;
  }
  const incidentId = await createIncident(
    db,
    recorder,
    {
      title: input.subject,
      description: input.notes,
      channel: input.channel,
      reporterId: contact?.id ?? null,
      categoryId: null,
      subcategory: null,
      serviceId: null,
      impact: input.impact,
      urgency: input.urgency,
      priorityOverride: null,
      // The agent on the phone has the incident: taken and acknowledged as it is logged.
      assigneeId: actorId,
      groupId: null,
      tags: [],
    },
    actorId,
  );
  linkMessage(recorder, message, incidentId, 'incident');
  return incidentId;
}
