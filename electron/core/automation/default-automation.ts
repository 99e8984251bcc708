import { v5 as uuidv5 } from 'uuid';
import type { Change, EntityKind, JsonValue } from '#shared/change.ts';
import { encodeHlc } from '#shared/hlc.ts';
import type { RuleAction } from '#shared/domain/rule-actions.ts';
import type { RuleCondition } from '#shared/domain/rule-conditions.ts';
import type { RuleTrigger } from '#shared/domain/rule-triggers.ts';
import type { Store } from '#core/store/store.ts';

/**
 * The rules and templates every workspace starts with (issue 11): the acknowledgement, the follow-ups, the
 * resolution mail and the disruption notices. Supervisors change or turn them off like any other.
 *
 * Every workstation writes them itself, identically: fixed ids, fixed change ids, stamped at the beginning of
 * time by a device named `defaults`. Two workstations set up offline therefore hold the very same changes and
 * converge without a word; any edit a supervisor makes, anywhere, is later and wins; and they are applied as
 * if received, so they are never pushed (a hub refuses an agent's push of supervisors' settings, and every
 * workstation has them anyway).
 */
export const DEFAULTS_DEVICE = 'defaults';
const DEFAULTS_HLC = encodeHlc({ wall: 0, counter: 0 });
const CHANGE_NAMESPACE = '7d1e4b2a-9c63-4f08-8e55-1a2b3c4d5e6f';

const DAY_MINUTES = 24 * 60;
/** Three business days (plain days until business calendars are team data: the 24×7 calendar). */
const FOLLOW_UP_MINUTES = 3 * DAY_MINUTES;

export const DEFAULT_TEMPLATE_IDS = {
  acknowledgement: '01960000-0000-7000-8000-00000000e001',
  followUp: '01960000-0000-7000-8000-00000000e002',
  secondFollowUp: '01960000-0000-7000-8000-00000000e003',
  resolution: '01960000-0000-7000-8000-00000000e004',
  disruptionNotice: '01960000-0000-7000-8000-00000000e005',
  disruptionUpdate: '01960000-0000-7000-8000-00000000e006',
  disruptionAllClear: '01960000-0000-7000-8000-00000000e007',
} as const;

export const DEFAULT_RULE_IDS = {
  acknowledgement: '01960000-0000-7000-8000-00000000a001',
  followUp: '01960000-0000-7000-8000-00000000a002',
  secondFollowUp: '01960000-0000-7000-8000-00000000a003',
  resolveWithoutAnswer: '01960000-0000-7000-8000-00000000a004',
  resolutionMail: '01960000-0000-7000-8000-00000000a005',
  escalateResolutionAtRisk: '01960000-0000-7000-8000-00000000a006',
} as const;

interface DefaultTemplate {
  readonly name: string;
  readonly subject: string;
  readonly body: string;
}

const SIGN_OFF = '\n\nKind regards,\nThe service desk';

const TEMPLATES: Record<keyof typeof DEFAULT_TEMPLATE_IDS, DefaultTemplate> = {
  acknowledgement: {
    name: 'Acknowledgement',
    subject: 'We have received your request: {{incident.title}}',
    body:
      'Hello {{reporter.name}},\n\nThank you for contacting the service desk. We have registered your request as ' +
      '{{incident.number}}: “{{incident.title}}”.\n\nWhat happens next: an agent looks at it and replies to you. ' +
      'If you have anything to add, reply to this mail and keep {{incident.number}} in the subject, so it ' +
      'reaches the same incident.\n\nThis is an automatic message.' +
      SIGN_OFF,
  },
  followUp: {
    name: 'Follow-up reminder',
    subject: 'Waiting for your answer: {{incident.title}}',
    body:
      'Hello {{reporter.name}},\n\nWe are waiting for your answer on {{incident.number}}, “{{incident.title}}”, ' +
      'and cannot go on without it. Please reply to this mail with what we asked for.\n\nIf we do not hear ' +
      'from you, we will remind you once more and then resolve the incident.' +
      SIGN_OFF,
  },
  secondFollowUp: {
    name: 'Second follow-up reminder',
    subject: 'Second reminder: {{incident.title}}',
    body:
      'Hello {{reporter.name}},\n\nWe still need your answer on {{incident.number}}, “{{incident.title}}”. ' +
      'If we do not hear from you within three days, we will resolve the incident; you can reopen it at any ' +
      'time by replying to this mail.' +
      SIGN_OFF,
  },
  resolution: {
    name: 'Resolution',
    subject: 'Resolved: {{incident.title}}',
    body:
      'Hello {{reporter.name}},\n\nWe have resolved {{incident.number}}.\n\nWhat it was: {{incident.title}} ' +
      '({{incident.category}})\nWhat caused it: {{incident.cause}}\nWhat we did: {{incident.resolution_notes}}' +
      '\n\nIf it is not solved for you, reply to this mail and the incident is reopened.' +
      SIGN_OFF,
  },
  disruptionNotice: {
    name: 'Disruption notice',
    subject: 'Service disruption: {{incident.service}}',
    body:
      'Hello,\n\nWe are aware of a disruption of {{incident.service}}: {{incident.title}}. ' +
      'We are working on it and will keep you informed.\n\nReference: {{incident.number}}' +
      SIGN_OFF,
  },
  disruptionUpdate: {
    name: 'Disruption update',
    subject: 'Update on the disruption of {{incident.service}}',
    body:
      'Hello,\n\nAn update on the disruption of {{incident.service}} ({{incident.number}}): ' +
      'we are still working on it. Its status: {{incident.status}}.\n\nWe will tell you as soon as it is over.' +
      SIGN_OFF,
  },
  disruptionAllClear: {
    name: 'Disruption all-clear',
    subject: 'Resolved: the disruption of {{incident.service}}',
    body:
      'Hello,\n\nThe disruption of {{incident.service}} is over ({{incident.number}}): it works ' +
      'again.\n\nWhat caused it: {{incident.cause}}\n\nThank you for your patience.' +
      SIGN_OFF,
  },
};

interface DefaultRule {
  readonly name: string;
  readonly position: number;
  readonly trigger: RuleTrigger;
  readonly conditions?: readonly RuleCondition[];
  readonly actions: readonly RuleAction[];
  /** On unless said otherwise. */
  readonly enabled?: boolean;
}

const toReporter = (template: keyof typeof DEFAULT_TEMPLATE_IDS): RuleAction => ({
  type: 'send_template',
  templateId: DEFAULT_TEMPLATE_IDS[template],
  to: 'reporter',
  agentIds: [],
});

const RULES: Record<keyof typeof DEFAULT_RULE_IDS, DefaultRule> = {
  acknowledgement: {
    name: 'Acknowledgement',
    position: 1,
    trigger: { type: 'incident_created', channels: ['email', 'web'] },
    actions: [toReporter('acknowledgement')],
  },
  followUp: {
    name: 'Follow-up: first reminder',
    position: 2,
    trigger: { type: 'time_in_status', status: 'waiting_on_customer', minutes: FOLLOW_UP_MINUTES },
    actions: [toReporter('followUp')],
  },
  secondFollowUp: {
    name: 'Follow-up: second reminder',
    position: 3,
    trigger: { type: 'time_in_status', status: 'waiting_on_customer', minutes: 2 * FOLLOW_UP_MINUTES },
    actions: [toReporter('secondFollowUp')],
  },
  resolveWithoutAnswer: {
    name: 'Follow-up: resolve without an answer',
    position: 4,
    trigger: { type: 'time_in_status', status: 'waiting_on_customer', minutes: 3 * FOLLOW_UP_MINUTES },
    actions: [
      {
        type: 'resolve',
        resolutionCode: 'no_answer',
        cause: 'No answer from the reporter to what the desk asked, after two reminders.',
        notes: 'Resolved by the desk after nine days waiting on the reporter and two reminders without an answer.',
      },
    ],
  },
  resolutionMail: {
    name: 'Resolution mail',
    position: 5,
    trigger: { type: 'status_changed', to: ['resolved'] },
    // A monitoring incident's reporter is the monitoring system: it learns of the recovery by itself.
    conditions: [{ field: 'channel', operator: 'is_none_of', values: ['monitoring'] }],
    actions: [toReporter('resolution')],
  },
  // Off until a supervisor turns it on: a team decides for itself whom an escalation wakes.
  escalateResolutionAtRisk: {
    name: 'Escalation: resolution at 90 %',
    position: 6,
    enabled: false,
    trigger: { type: 'sla_elapsed', clock: 'resolution', percent: 90 },
    conditions: [{ field: 'priority', operator: 'is_any_of', values: [1, 2] }],
    actions: [
      { type: 'notify', to: 'supervisors', agentIds: [], templateId: null },
      {
        type: 'add_note',
        text: '{{incident.number}} has used 90 % of its resolution time; the supervisors were told.',
      },
    ],
  },
};

function fields(entity: EntityKind, id: string, values: Record<string, JsonValue>): Change[] {
  return Object.entries(values).map(([field, value]) => ({
    id: uuidv5(`${entity}:${id}:${field}`, CHANGE_NAMESPACE),
    hlc: DEFAULTS_HLC,
    device: DEFAULTS_DEVICE,
    actor: null,
    entity,
    entityId: id,
    op: 'set',
    field,
    value,
  }));
}

/** The defaults as changes: the same ones on every workstation, every time. */
export function defaultAutomationChanges(): Change[] {
  const templates = Object.entries(TEMPLATES).flatMap(([key, template]) =>
    fields('template', DEFAULT_TEMPLATE_IDS[key as keyof typeof TEMPLATES], { ...template, builtIn: key }),
  );
  const rules = Object.entries(RULES).flatMap(([key, rule]) =>
    fields('rule', DEFAULT_RULE_IDS[key as keyof typeof RULES], {
      name: rule.name,
      enabled: rule.enabled ?? true,
      position: rule.position,
      trigger: rule.trigger as unknown as JsonValue,
      conditions: (rule.conditions ?? []) as unknown as JsonValue,
      actions: rule.actions as unknown as JsonValue,
      builtIn: key,
    }),
  );
  return [...templates, ...rules];
}

/**
 * Writes the defaults into a workspace that lacks them, at every start: each change is written once (a
 * second time adds nothing), and a workspace that has them already is not touched.
 */
export async function ensureDefaultAutomation(store: Store): Promise<void> {
  const changes = defaultAutomationChanges();
  const known = await store.db
    .selectFrom('change')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(
      'id',
      'in',
      changes.map((change) => change.id),
    )
    .executeTakeFirst();
  if (Number(known?.n ?? 0) === changes.length) return;
  await store.applyBatch(changes, 'remote');
}
