import { z } from 'zod';
import { channel as channelEnum, prioritySchema, status as statusEnum } from './enums.ts';
import type { Channel, Priority, Status } from './enums.ts';
import { idSchema, requiredText } from './schemas.ts';
import { DEFAULT_PAUSE_STATUSES, SLA_CLOCKS, TARGET_KEYS } from './sla-input.ts';
import type { SlaTargets } from './sla-input.ts';

/**
 * SLA policies: an ordered list, the first whose conditions all match an incident applies. Each condition is a
 * set of allowed values, and an empty set allows anything, so a policy without conditions matches every
 * incident (the usual last entry). Matching is pure and explains itself in words, so the incident detail can say
 * why this policy applies.
 */
export const POLICY_CONDITIONS = ['priorities', 'categoryIds', 'serviceIds', 'channels', 'organisations'] as const;
export type PolicyCondition = (typeof POLICY_CONDITIONS)[number];

export interface SlaPolicyConditions {
  readonly priorities: readonly Priority[];
  readonly categoryIds: readonly string[];
  readonly serviceIds: readonly string[];
  readonly channels: readonly Channel[];
  /** The reporter's organisation, compared without regard to case or surrounding spaces. */
  readonly organisations: readonly string[];
}

export interface SlaPolicy {
  readonly id: string;
  readonly name: string;
  readonly conditions: SlaPolicyConditions;
  readonly targets: SlaTargets;
  readonly calendarId: string;
  readonly pauseStatuses: readonly Status[];
}

/** What a policy can be matched on: the incident's fields and its reporter's organisation. */
export interface PolicyFacts {
  readonly priority: Priority;
  readonly categoryId: string | null;
  readonly serviceId: string | null;
  readonly channel: Channel;
  readonly organisation: string | null;
}

/** Names to speak of categories and services in an explanation; an id without a name is shown as it is. */
export interface PolicyNames {
  readonly categories?: Readonly<Record<string, string>>;
  readonly services?: Readonly<Record<string, string>>;
}

export interface PolicyMatch {
  readonly policy: SlaPolicy;
  /** The conditions that decided it, in words: "Priority is P1 and channel is Email". */
  readonly reason: string;
  readonly matchedOn: readonly PolicyCondition[];
}

/** The longest target a policy may set: a year around the clock. */
export const MAX_TARGET_MINUTES = 366 * 24 * 60;

const targetMinutes = (label: string) =>
  z
    .number({ message: `${label} must be a number of minutes` })
    .int({ message: `${label} must be whole minutes` })
    .positive({ message: `${label} must be more than 0 minutes` })
    .max(MAX_TARGET_MINUTES, { message: `${label} must be at most ${MAX_TARGET_MINUTES} minutes (a year)` })
    .optional();

function uniqueSet<T extends z.ZodType>(item: T, label: string) {
  return z
    .array(item)
    .max(200, { message: `at most 200 ${label}` })
    .refine((values) => new Set(values).size === values.length, { message: `${label} are listed twice` });
}

const organisationSchema = z.string().trim().min(1, { message: 'an organisation needs a name' }).max(200);

export const slaTargetsSchema = z
  .strictObject({
    firstResponseMinutes: targetMinutes('First response'),
    nextUpdateMinutes: targetMinutes('Next update'),
    resolutionMinutes: targetMinutes('Resolution'),
  })
  .refine((targets) => SLA_CLOCKS.some((clock) => targets[TARGET_KEYS[clock]] !== undefined), {
    message: 'a policy needs at least one target',
  });

export const slaPolicySchema = z.strictObject({
  id: idSchema,
  name: requiredText('Policy name', 100),
  conditions: z
    .strictObject({
      priorities: uniqueSet(prioritySchema, 'priorities').default([]),
      categoryIds: uniqueSet(idSchema, 'categories').default([]),
      serviceIds: uniqueSet(idSchema, 'services').default([]),
      channels: uniqueSet(channelEnum.schema, 'channels').default([]),
      organisations: uniqueSet(organisationSchema, 'organisations').default([]),
    })
    .default({ priorities: [], categoryIds: [], serviceIds: [], channels: [], organisations: [] }),
  targets: slaTargetsSchema,
  calendarId: idSchema,
  pauseStatuses: uniqueSet(
    statusEnum.schema.refine((value): boolean => value !== 'cancelled', {
      message: 'Cancelled stops every clock already; it cannot be a pause status',
    }),
    'pause statuses',
  ).default(() => [...DEFAULT_PAUSE_STATUSES]),
});
export type SlaPolicyInput = z.input<typeof slaPolicySchema>;

/** The ordered list: ids are unique, since escalation rules and incidents point at a policy by id. */
export const slaPoliciesSchema = z
  .array(slaPolicySchema)
  .max(500)
  .refine((policies) => new Set(policies.map((p) => p.id)).size === policies.length, {
    message: 'two policies have the same id',
  });

const sameOrganisation = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

function conditionHolds(condition: PolicyCondition, conditions: SlaPolicyConditions, facts: PolicyFacts): boolean {
  switch (condition) {
    case 'priorities':
      return conditions.priorities.includes(facts.priority);
    case 'categoryIds':
      return facts.categoryId !== null && conditions.categoryIds.includes(facts.categoryId);
    case 'serviceIds':
      return facts.serviceId !== null && conditions.serviceIds.includes(facts.serviceId);
    case 'channels':
      return conditions.channels.includes(facts.channel);
    case 'organisations':
      return (
        facts.organisation !== null && conditions.organisations.some((o) => sameOrganisation(o, facts.organisation!))
      );
  }
}

/** The conditions a policy sets (non-empty), or null when one of them does not hold for the incident. */
function decidingConditions(policy: SlaPolicy, facts: PolicyFacts): PolicyCondition[] | null {
  const set = POLICY_CONDITIONS.filter((condition) => policy.conditions[condition].length > 0);
  return set.every((condition) => conditionHolds(condition, policy.conditions, facts)) ? set : null;
}

function phrase(condition: PolicyCondition, facts: PolicyFacts, names: PolicyNames): string {
  switch (condition) {
    case 'priorities':
      return `priority is P${facts.priority}`;
    case 'categoryIds':
      return `category is ${names.categories?.[facts.categoryId!] ?? facts.categoryId}`;
    case 'serviceIds':
      return `service is ${names.services?.[facts.serviceId!] ?? facts.serviceId}`;
    case 'channels':
      return `channel is ${channelEnum.labels[facts.channel]}`;
    case 'organisations':
      return `organisation is ${facts.organisation!.trim()}`;
  }
}

/** "A", "A and B", "A, B and C", with the first word capitalised. */
function sentence(parts: readonly string[]): string {
  const text = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Why `policy` applies to the incident, or null when it does not. */
export function explainPolicyMatch(policy: SlaPolicy, facts: PolicyFacts, names: PolicyNames = {}): PolicyMatch | null {
  const matchedOn = decidingConditions(policy, facts);
  if (!matchedOn) return null;
  const reason = matchedOn.length
    ? sentence(matchedOn.map((condition) => phrase(condition, facts, names)))
    : 'It applies to every incident (it has no conditions)';
  return { policy, reason, matchedOn };
}

/** The first policy in order whose conditions all hold, with why; null when none does (no clocks then). */
export function matchSlaPolicy(
  policies: readonly SlaPolicy[],
  facts: PolicyFacts,
  names: PolicyNames = {},
): PolicyMatch | null {
  for (const policy of policies) {
    const match = explainPolicyMatch(policy, facts, names);
    if (match) return match;
  }
  return null;
}
