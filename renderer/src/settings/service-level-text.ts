import { channel as channelEnum, priorityLabel } from '#shared/domain/enums.ts';
import { SLA_CLOCK_LABELS, SLA_CLOCKS, TARGET_KEYS } from '#shared/domain/sla-input.ts';
import type { SlaPolicy } from '#shared/domain/sla-policy.ts';
import type { ReferenceIndex } from '../api/reference-index.ts';

/** "Priority 1 - Critical or 2 - High; channel Email": when a policy applies, in words; "Every incident" without conditions. */
export function policyConditionsText(
  policy: SlaPolicy,
  reference: Pick<ReferenceIndex, 'categoriesById' | 'servicesById'>,
): string {
  const { priorities, categoryIds, serviceIds, channels, organisations } = policy.conditions;
  const parts = [
    priorities.length ? `Priority ${priorities.map(priorityLabel).join(' or ')}` : null,
    categoryIds.length
      ? `category ${categoryIds.map((id) => reference.categoriesById.get(id)?.name ?? 'a deleted category').join(' or ')}`
      : null,
    serviceIds.length
      ? `service ${serviceIds.map((id) => reference.servicesById.get(id)?.name ?? 'a deleted service').join(' or ')}`
      : null,
    channels.length ? `channel ${channels.map((c) => channelEnum.labels[c]).join(' or ')}` : null,
    organisations.length ? `organisation ${organisations.join(' or ')}` : null,
  ].filter((part): part is string => part !== null);
  if (!parts.length) return 'Every incident';
  const text = parts.join('; ');
  return text[0]!.toUpperCase() + text.slice(1);
}

function hours(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest ? `${Math.floor(minutes / 60)} h ${rest} min` : `${minutes / 60} h`;
}

/** "First response 30 min, Resolution 8 h". */
export function policyTargetsText(policy: SlaPolicy): string {
  return SLA_CLOCKS.flatMap((clock) => {
    const minutes = policy.targets[TARGET_KEYS[clock]];
    return minutes === undefined ? [] : [`${SLA_CLOCK_LABELS[clock]} ${hours(minutes)}`];
  }).join(', ');
}
