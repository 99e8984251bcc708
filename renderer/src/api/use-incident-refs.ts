import { useEffect, useState } from 'react';
import type { Incident } from '#shared/domain/incident.ts';
import { desk } from './desk.ts';
import { useDataChanged } from './use-data-changed.ts';

/** What a link to an incident shows: its number (or provisional one), title and status. */
export type IncidentRef = Pick<Incident, 'id' | 'number' | 'provisionalNumber' | 'title' | 'status'>;

const NONE: ReadonlyMap<string, IncidentRef> = new Map();

/** The incidents behind the ids that can be read here; one not synced here yet, or removed, is left out. */
export async function findIncidentRefs(ids: readonly string[]): Promise<ReadonlyMap<string, IncidentRef>> {
  const found = await Promise.all(ids.map((id) => desk['incident/get']({ id })));
  const refs = new Map<string, IncidentRef>();
  for (const outcome of found) {
    if (!outcome.ok) continue;
    const { id, number, provisionalNumber, title, status } = outcome.value.incident;
    refs.set(id, { id, number, provisionalNumber, title, status });
  }
  return refs;
}

/**
 * The incidents behind a few ids (a message's incident, the incidents one follows), for links that name
 * them; null until the first answer, so a link appears once, with its name. An incident that cannot be read
 * (not synced here yet) is left out; the caller shows the link without a name.
 */
export function useIncidentRefs(ids: readonly string[]): ReadonlyMap<string, IncidentRef> | null {
  const key = [...new Set(ids)].sort().join(',');
  const [answer, setAnswer] = useState<{ key: string; refs: ReadonlyMap<string, IncidentRef> } | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!key) return;
    let current = true;
    void findIncidentRefs(key.split(',')).then((refs) => {
      if (current) setAnswer({ key, refs });
    });
    return () => {
      current = false;
    };
  }, [key, generation]);

  useDataChanged((change) => {
    if (key && change.incidentIds.some((id) => key.split(',').includes(id))) setGeneration((n) => n + 1);
  });
  if (!key) return NONE;
  // A reload keeps showing the last answer; only a new set of ids waits for its first.
  return answer?.key === key ? answer.refs : null;
}
