import type { ReferenceData } from '#shared/contract.ts';
import type { Agent, Category, Group, Service } from '#shared/domain/reference.ts';

/** Reference data with lookups by id, built once per load, for turning ids into names everywhere. */
export interface ReferenceIndex extends ReferenceData {
  readonly agentsById: ReadonlyMap<string, Agent>;
  readonly groupsById: ReadonlyMap<string, Group>;
  readonly categoriesById: ReadonlyMap<string, Category>;
  readonly servicesById: ReadonlyMap<string, Service>;
}

function byId<T extends { id: string }>(items: readonly T[]): ReadonlyMap<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

export function indexReference(data: ReferenceData): ReferenceIndex {
  return {
    ...data,
    agentsById: byId(data.agents),
    groupsById: byId(data.groups),
    categoriesById: byId(data.categories),
    servicesById: byId(data.services),
  };
}
