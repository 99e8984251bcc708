import { v5 as uuidv5 } from 'uuid';
import { DeskError } from '#shared/errors.ts';
import { isOpenStatus, status as statusEnum } from '#shared/domain/enums.ts';
import type { Incident } from '#shared/domain/incident.ts';
import { planAssignment, planTransition } from '#shared/domain/lifecycle.ts';
import { isOutgoingAddress } from '#shared/domain/mail-header.ts';
import type { OutgoingRecipient } from '#shared/domain/mail-header.ts';
import { effectivePriority } from '#shared/domain/priority.ts';
import type { RuleAction, RuleActionType } from '#shared/domain/rule-actions.ts';
import { renderTemplate, placeholdersIn } from '#shared/domain/templates.ts';
import { queueOutgoingMail } from '#core/outbox/outgoing-mail.service.ts';
import { answeredMail, sendingMailbox } from '#core/outbox/reply.service.ts';
import {
  findAgent,
  findCategory,
  findContact,
  findGroup,
  findService,
  listAgents,
  loadPriorityMatrix,
} from '#core/reference/reference.repository.ts';
import type { Db } from '#core/store/store.ts';
import { notifyRunner, raisePriority } from './escalation-actions.ts';
import { whyNotAnswerItsMail, whyNotWriteAutomatically } from './answer-guard.ts';
import { findTemplate } from './template.repository.ts';
import type { ActionContext, ActionPlan } from './action-plan.ts';
import { AUTOMATIC_SENDER_NAME, renderForIncident, templateValues } from './template-values.ts';

export type { ActionContext, ActionPlan } from './action-plan.ts';

const OUTBOX_NAMESPACE = '3f6a2c1e-8b4d-4e7f-9a05-6c2d1b8e7f30';

type Runner<T extends RuleActionType> = (
  context: ActionContext,
  action: Extract<RuleAction, { type: T }>,
) => Promise<ActionPlan>;

/** What each action is called when it could not be done. */
export const ACTION_NAMES: Record<RuleActionType, string> = {
  set_field: 'setting a field',
  assign: 'assigning',
  add_tag: 'adding a tag',
  add_note: 'adding a note',
  send_template: 'sending a template',
  resolve: 'resolving',
  notify: 'notifying',
  raise_priority: 'raising the priority',
};

function refuseEnded(incident: Incident): void {
  if (incident.status === 'closed' || incident.status === 'cancelled') {
    throw new DeskError('invalid_transition', `the incident is ${statusEnum.labels[incident.status]}`);
  }
}

const setField: Runner<'set_field'> = async ({ db, incident }, action) => {
  refuseEnded(incident);
  if (action.field === 'categoryId' || action.field === 'serviceId') {
    const id = action.value as string | null;
    if (id && !(await (action.field === 'categoryId' ? findCategory : findService)(db, id))) {
      throw new DeskError('not_found', `the ${action.field === 'categoryId' ? 'category' : 'service'} was removed`);
    }
    if (action.field === 'serviceId') return { fields: { serviceId: id } };
    const category = id ? await findCategory(db, id) : null;
    const keepsSub = incident.subcategory && category?.subcategories.includes(incident.subcategory);
    return { fields: { categoryId: id, ...(incident.subcategory && !keepsSub ? { subcategory: null } : {}) } };
  }
  const next = { ...incident, [action.field]: action.value };
  const priority = effectivePriority(await loadPriorityMatrix(db), next.impact, next.urgency, next.priorityOverride);
  return { fields: { [action.field]: action.value, priority } };
};

const assign: Runner<'assign'> = async ({ db, incident, now }, action) => {
  if (action.agentId && !(await findAgent(db, action.agentId)))
    throw new DeskError('not_found', 'the agent was removed');
  if (action.groupId && !(await findGroup(db, action.groupId)))
    throw new DeskError('not_found', 'the group was removed');
  const assigneeId = action.agentId === undefined ? incident.assigneeId : action.agentId;
  // Automation is not an agent: it never counts as acknowledging the incident.
  const { acknowledgedAt: _ack, ...fields } = planAssignment(
    incident,
    { assigneeId, groupId: action.groupId },
    { actorId: '', now },
  );
  if (action.groupId === undefined && assigneeId && incident.groupId === null) {
    fields.groupId = (await findAgent(db, assigneeId))?.groupIds[0] ?? null;
  }
  return { fields };
};

const addTag: Runner<'add_tag'> = async ({ incident }, action) => {
  refuseEnded(incident);
  if (incident.tags.some((tag) => tag.toLowerCase() === action.tag.toLowerCase())) return {};
  if (incident.tags.length >= 20) throw new DeskError('invalid_input', 'the incident has 20 tags already');
  return { fields: { tags: [...incident.tags, action.tag] } };
};

const addNote: Runner<'add_note'> = async ({ db, incident, rule }, action) => {
  const values = await templateValues(db, incident, placeholdersIn(action.text), { agentName: AUTOMATIC_SENDER_NAME });
  const body = renderTemplate(action.text, values).trim();
  return {
    effect: async (recorder) => {
      recorder.append('incident', incident.id, 'note', {
        body,
        internal: true,
        rule: { id: rule.id, name: rule.name },
      });
    },
  };
};

function recipient(address: string | null | undefined, name: string): OutgoingRecipient | null {
  return address && isOutgoingAddress(address) ? { address, name } : null;
}

/** The agents a template goes to, by the action's choice. */
async function agentRecipients(db: Db, incident: Incident, action: Extract<RuleAction, { type: 'send_template' }>) {
  if (action.to === 'assignee') {
    const agent = incident.assigneeId ? await findAgent(db, incident.assigneeId) : null;
    if (!agent) throw new DeskError('invalid_input', 'nobody is assigned');
    return [agent];
  }
  const agents = (await listAgents(db)).filter((agent) => agent.active);
  if (action.to === 'group') {
    if (!incident.groupId) throw new DeskError('invalid_input', 'the incident has no group');
    return agents.filter((agent) => agent.groupIds.includes(incident.groupId!));
  }
  return agents.filter((agent) => action.agentIds.includes(agent.id));
}

const sendTemplate: Runner<'send_template'> = async ({ db, incident, firingId, index, now, unflushed }, action) => {
  const template = await findTemplate(db, action.templateId);
  if (!template) throw new DeskError('not_found', 'the template was removed');
  const toReporter = action.to === 'reporter';
  let to: OutgoingRecipient[];
  if (toReporter) {
    const unanswerable = await whyNotAnswerItsMail(db, incident.id);
    if (unanswerable) return { outcome: `Not sent “${template.name}”: ${unanswerable}` };
    const reporter = incident.reporterId ? await findContact(db, incident.reporterId) : null;
    const address = recipient(reporter?.email, reporter?.name ?? '');
    if (!address) return { outcome: `Not sent “${template.name}”: the reporter has no email address` };
    to = [address];
  } else {
    to = (await agentRecipients(db, incident, action))
      .map((agent) => recipient(agent.email, agent.name))
      .filter((r): r is OutgoingRecipient => r !== null);
    if (!to.length) return { outcome: `Not sent “${template.name}”: no agent to send it to` };
  }
  const refused: string[] = [];
  const allowed: OutgoingRecipient[] = [];
  for (const person of to) {
    const why = await whyNotWriteAutomatically(db, incident.id, person.address, { now, toReporter, unflushed });
    if (why) refused.push(why);
    else allowed.push(person);
  }
  if (!allowed.length) return { outcome: `Not sent “${template.name}”: ${refused.join('; ')}` };
  const answered = toReporter ? await answeredMail(db, incident.id) : null;
  const mailbox = await sendingMailbox(db, undefined, answered);
  const rendered = await renderForIncident(db, template, incident, { agentName: AUTOMATIC_SENDER_NAME });
  const addresses = allowed.map((r) => r.address).join(', ');
  return {
    outcome: `Sent “${template.name}” to ${addresses}${refused.length ? ` (not to: ${refused.join('; ')})` : ''}`,
    // One mail per firing and action, whichever workstation fires it: the same id, so the same mail.
    effect: async (recorder) => {
      // Each recipient gets a mail of their own: agents and customers never see each other's addresses.
      for (const [n, person] of allowed.entries()) {
        await queueOutgoingMail(db, recorder, {
          id: uuidv5(`${firingId}:${index}:${n}`, OUTBOX_NAMESPACE),
          incidentId: incident.id,
          mailboxId: mailbox.id,
          automatic: true,
          authorId: null,
          to: [person],
          subject: rendered.subject,
          text: rendered.body,
          inReplyTo: answered?.messageId ?? null,
          references: answered?.references ?? [],
        });
      }
    },
  };
};

const resolve: Runner<'resolve'> = async ({ db, incident, now }, action) => {
  if (!isOpenStatus(incident.status))
    throw new DeskError('invalid_transition', `the incident is ${statusEnum.labels[incident.status]}`);
  const sender = { agentName: AUTOMATIC_SENDER_NAME };
  const fill = async (text: string) =>
    renderTemplate(text, await templateValues(db, incident, placeholdersIn(text), sender)).trim();
  const plan = planTransition(
    incident,
    {
      action: 'resolve',
      resolutionCode: action.resolutionCode,
      notes: await fill(action.notes),
      cause: await fill(action.cause),
    },
    { actorId: '', now },
  );
  // Automation is not an agent: nobody is made assignee, and it does not count as acknowledging.
  const { assigneeId: _assignee, acknowledgedAt: _ack, ...fields } = plan.fields;
  return { fields, ...(plan.notes ? { notes: plan.notes } : {}) };
};

/** The registry: one runner per action type (the escalation work adds its own here). */
export const ACTION_RUNNERS: { readonly [T in RuleActionType]: Runner<T> } = {
  set_field: setField,
  assign,
  add_tag: addTag,
  add_note: addNote,
  send_template: sendTemplate,
  resolve,
  notify: notifyRunner(sendTemplate),
  raise_priority: raisePriority,
};

export function planAction(context: ActionContext, action: RuleAction): Promise<ActionPlan> {
  return (ACTION_RUNNERS[action.type] as Runner<RuleActionType>)(context, action as never);
}
