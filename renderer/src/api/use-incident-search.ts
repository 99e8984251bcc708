import { useEffect, useState } from 'react';
import type { IncidentSummary } from '#shared/domain/incident.ts';
import type { QueuePageInput } from '#shared/domain/queue.ts';
import { desk } from './desk.ts';

const SHOWN = 20;
const TYPING_PAUSE_MS = 120;

/** Blank: the open incidents most recently worked on, the likeliest to add a call or an email to. */
function queryFor(text: string): QueuePageInput {
  const trimmed = text.trim();
  return {
    filter: trimmed ? { text: trimmed } : { statuses: ['new', 'assigned', 'in_progress', 'waiting_on_customer'] },
    sort: { column: 'updated', direction: 'desc' },
    offset: 0,
    limit: SHOWN,
  };
}

/**
 * Incidents matching what the agent typed (number, title or description, as the queue's search), searched
 * as they type; null until the first answer.
 */
export function useIncidentSearch(text: string): readonly IncidentSummary[] | null {
  const [results, setResults] = useState<readonly IncidentSummary[] | null>(null);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void desk['queue/page'](queryFor(text)).then((outcome) => {
        if (current) setResults(outcome.ok ? outcome.value.rows : []);
      });
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text]);
  return results;
}
