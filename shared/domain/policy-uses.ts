import type { RuleCondition } from './rule-conditions.ts';

interface RuleNamingThings {
  readonly name: string;
  readonly conditions: readonly RuleCondition[];
}

/**
 * The rules whose conditions name this service level. Deleting it would leave them matching nothing (or, with
 * "is not", everything) without anyone having chosen that, so the desk asks for the rules to be changed first.
 */
export function rulesNamingPolicy(rules: readonly RuleNamingThings[], policyId: string): string[] {
  return rules
    .filter((rule) =>
      rule.conditions.some((condition) => condition.field === 'slaPolicyId' && condition.values.includes(policyId)),
    )
    .map((rule) => rule.name);
}

/** "the rule “A”" or "the rules “A” and “B”", for a sentence saying what stands in the way. */
export function ruleNamesText(names: readonly string[]): string {
  const quoted = names.map((name) => `“${name}”`);
  if (quoted.length < 2) return `the rule ${quoted.join('')}`;
  return `the rules ${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}
