import { dueSummaryState } from './incident-due.ts';
import type { DueState, DueSummary } from './incident-due.ts';
import { instantMs } from './instant.ts';

/**
 * How a due time reads to an agent, in the queue's "Due" column and in `desk sla`: time left while a clock runs,
 * how long overdue once breached. Whole minutes, with seconds in the last minute so a countdown is seen to move.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "40 s", "12 min", "3 h 05 min", "2 d 4 h". */
export function formatDuration(ms: number): string {
  const span = Math.max(0, ms);
  if (span < MINUTE) return `${Math.floor(span / 1000)} s`;
  if (span < HOUR) return `${Math.floor(span / MINUTE)} min`;
  if (span < DAY) {
    const minutes = Math.floor((span % HOUR) / MINUTE);
    return `${Math.floor(span / HOUR)} h ${String(minutes).padStart(2, '0')} min`;
  }
  return `${Math.floor(span / DAY)} d ${Math.floor((span % DAY) / HOUR)} h`;
}

export interface DueText {
  readonly state: DueState;
  /** "35 min left", "Overdue 2 h 10 min", "Paused", "Met", "—". */
  readonly text: string;
}

/** What the due summary of a queue row says at `nowMs`. */
export function dueText(due: DueSummary, nowMs: number): DueText {
  const state = dueSummaryState(due, nowMs);
  const dueAt = due.dueAt === null ? null : instantMs(due.dueAt);
  switch (state) {
    case 'breached':
      return { state, text: dueAt === null ? 'Overdue' : `Overdue ${formatDuration(nowMs - dueAt)}` };
    case 'on_track':
    case 'at_risk':
      // Due at a closing time and the calendar closed since: nothing runs until it opens, and then it breaches.
      return { state, text: dueAt === null || dueAt <= nowMs ? 'Due now' : `${formatDuration(dueAt - nowMs)} left` };
    case 'paused':
      return { state, text: 'Paused' };
    case 'met':
      return { state, text: 'Met' };
    case 'none':
      return { state, text: '—' };
  }
}
