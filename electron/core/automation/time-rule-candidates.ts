import { CompiledQuery } from 'kysely';
import { OPEN_STATUSES } from '#shared/domain/enums.ts';
import type { Status } from '#shared/domain/enums.ts';
import { MINUTE_MS } from '#shared/domain/instant.ts';
import type { RuleTrigger, TimeTriggerType } from '#shared/domain/rule-triggers.ts';
import type { Db } from '#core/store/store.ts';
import type { CandidateWindow, EscalationTrigger } from './escalation-candidates.ts';

/**
 * How far ahead a sweep looks for what falls due next: the holder sweeps again at the latest this long after
 * (automation-duties.ts), so an occasion due later is found by a later sweep, and reading it now would only cost.
 */
export const LOOK_AHEAD_MS = 60_000;

/**
 * When each incident in a status last entered it, from its clock history (incident_clock, kept with the
 * timeline): the last move into it, or null where it began in the status (the timeline settles those).
 * Entering is no later than the incident's newest change, so `updated_at` bounds the search by its index.
 */
const ENTERED_STATUS = `SELECT i.id,
    (SELECT max(j.value ->> 0) FROM json_each(c.entries) j WHERE j.value ->> 3 = i.status) AS entered
  FROM incident i LEFT JOIN incident_clock c ON c.id = i.id
  WHERE i.status = ? AND i.updated_at >= ?`;

interface Entered {
  readonly id: string;
  readonly entered: number | null;
}

type OtherTimeTrigger = Extract<RuleTrigger, { type: Exclude<TimeTriggerType, EscalationTrigger['type']> }>;

/**
 * Which incidents may fall due for the time rules other than escalations (those are narrowed all together,
 * escalation-candidates.ts): a narrowing only, the trigger's own `due` decides. Durations count in 24×7 here
 * (time-rules.ts, TRIGGER_CONTEXT), so a wait ends `minutes` after it began, and only the incidents whose wait
 * ends within the catch-up window or the look-ahead are read, not every incident in the status on every beat.
 * The waits of a status are read once for all the rules on it (the follow-ups after 3, 6 and 9 days).
 */
export function timeRuleCandidates(
  db: Db,
  window: CandidateWindow,
  triggers: readonly RuleTrigger[],
): (trigger: RuleTrigger) => Promise<string[]> {
  const entered = new Map<Status, Promise<Entered[]>>();
  const enteredIn = (status: Status): Promise<Entered[]> => {
    let rows = entered.get(status);
    if (!rows) {
      const longest = Math.max(
        ...triggers.map((t) => (t.type === 'time_in_status' && t.status === status ? t.minutes : 0)),
      );
      const [from] = waitStarts(longest, window);
      rows = db.executeQuery<Entered>(CompiledQuery.raw(ENTERED_STATUS, [status, from])).then((result) => result.rows);
      entered.set(status, rows);
    }
    return rows;
  };

  const narrowing: {
    readonly [T in OtherTimeTrigger['type']]: (trigger: Extract<OtherTimeTrigger, { type: T }>) => Promise<string[]>;
  } = {
    time_in_status: async (trigger) => {
      const [from, to] = waitStarts(trigger.minutes, window);
      return (await enteredIn(trigger.status))
        .filter((row) => row.entered === null || (row.entered >= from && row.entered <= to))
        .map((row) => row.id);
    },
    time_since_created: async (trigger) => {
      const [from, to] = waitStarts(trigger.minutes, window);
      const rows = await db
        .selectFrom('incident')
        .select('id')
        .where('status', 'in', [...OPEN_STATUSES])
        .where('created_at', '>=', new Date(from).toISOString())
        .where('created_at', '<=', new Date(to).toISOString())
        .execute();
      return rows.map((row) => row.id);
    },
  };
  return (trigger) => {
    const narrow = (narrowing as Partial<Record<string, (t: RuleTrigger) => Promise<string[]>>>)[trigger.type];
    return narrow ? narrow(trigger) : Promise.resolve([]);
  };
}

/** When a wait of `minutes` (24×7) must have begun to end within the catch-up window or the look-ahead. */
function waitStarts(minutes: number, window: CandidateWindow): [number, number] {
  const wait = minutes * MINUTE_MS;
  return [window.now - window.lateMs - wait, window.now + LOOK_AHEAD_MS - wait];
}
