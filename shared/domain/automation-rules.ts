import { z } from 'zod';
import { actionSchema } from './rule-actions.ts';
import type { RuleAction } from './rule-actions.ts';
import { conditionSchema } from './rule-conditions.ts';
import type { RuleCondition } from './rule-conditions.ts';
import { triggerSchema } from './rule-triggers.ts';
import type { RuleTrigger } from './rule-triggers.ts';
import { idSchema, requiredText } from './schemas.ts';

/**
 * An automation rule (Settings → Automation, DESIGN §6): when its trigger happens and all its conditions hold,
 * its actions run, in order, and the firing is written on the incident's timeline as "Automation" with the
 * rule's name. Rules run in the order supervisors put them in; categorisation rules are rules of this kind.
 */
export interface AutomationRule {
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  /** Rules run lowest first. */
  readonly position: number;
  readonly trigger: RuleTrigger;
  readonly conditions: readonly RuleCondition[];
  readonly actions: readonly RuleAction[];
  /** Which of the defaults every workspace starts with this is (changed or not), or null for a rule of the team's. */
  readonly builtIn: string | null;
}

/** A rule as listed: with why this workstation cannot run it (made by a newer version of the desk), if so. */
export interface RuleListing extends AutomationRule {
  readonly unreadable: string | null;
}

export const MAX_RULE_ACTIONS = 10;
export const MAX_RULE_CONDITIONS = 20;

export const saveRuleInput = z.strictObject({
  id: idSchema.optional(),
  name: requiredText('Name', 120),
  enabled: z.boolean(),
  trigger: triggerSchema,
  conditions: z
    .array(conditionSchema)
    .max(MAX_RULE_CONDITIONS, { message: `at most ${MAX_RULE_CONDITIONS} conditions` })
    .default([]),
  actions: z
    .array(actionSchema)
    .min(1, { message: 'add at least one action' })
    .max(MAX_RULE_ACTIONS, { message: `at most ${MAX_RULE_ACTIONS} actions` }),
});
export type SaveRuleInput = z.input<typeof saveRuleInput>;
export type SaveRuleCommand = z.output<typeof saveRuleInput>;

export const moveRuleInput = z.strictObject({ id: idSchema, direction: z.enum(['up', 'down']) });
export type MoveRuleInput = z.input<typeof moveRuleInput>;

/** How many rounds rules may set off one another within one change: a bound, so no set of rules can loop. */
export const MAX_RULE_CASCADE = 5;

/** What the timeline shows of a firing: the rule, and what its actions did that is not a field change. */
export interface RuleFiring {
  readonly ruleId: string;
  readonly ruleName: string;
  /** "Queued “Acknowledgement” to dana@example.com", "Not sent: the reporter has no email address". */
  readonly outcomes: readonly string[];
}
