import type { MailTemplate } from '#shared/domain/templates.ts';
import type { RuleNames } from '#shared/domain/rule-conditions.ts';
import type { ReferenceIndex } from '../api/reference-index.ts';

/** Names for the sentences that describe a rule; something since deleted says so rather than showing an id. */
export function ruleNames(reference: ReferenceIndex, templates: readonly MailTemplate[]): RuleNames {
  const byId = new Map(templates.map((template) => [template.id, template.name]));
  return {
    agent: (id) => reference.agentsById.get(id)?.name ?? 'an agent no longer there',
    group: (id) => reference.groupsById.get(id)?.name ?? 'a group no longer there',
    category: (id) => reference.categoriesById.get(id)?.name ?? 'a category no longer there',
    service: (id) => reference.servicesById.get(id)?.name ?? 'a service no longer there',
    template: (id) => byId.get(id) ?? 'a template no longer there',
  };
}
