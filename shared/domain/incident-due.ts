import { compileCalendar, nextBusinessMs } from './business-time.ts';
import { instantMs } from './instant.ts';
import { evaluateSlaFigures, SLA_CLOCKS } from './sla.ts';
import type { ClockFigures, SlaClockName, SlaFigures, SlaInput } from './sla.ts';
import type { CompiledCalendar } from './calendar-days.ts';

/**
 * When an incident is due, in a form that stays true as time passes. "At risk" and "breached" change with time
 * alone, so the store keeps instants (when the incident turns at risk, when it breaches, when its next clock is
 * due) and every reader compares them with its own now: the queue's filters stay exact without rewriting a row
 * as the minutes go by, and an escalation sweep reads the same instants.
 *
 * The instants are worked out at the end of the incident's history (its last clock event): from then until the
 * next event only time passes, and a running clock's due instant does not depend on when it is looked at.
 */
export const DUE_STATES = ['on_track', 'at_risk', 'breached', 'paused', 'met', 'none'] as const;
export type DueState = (typeof DUE_STATES)[number];
export const DUE_STATE_LABELS: Record<DueState, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  breached: 'Breached',
  paused: 'Paused',
  met: 'Met',
  none: 'No SLA',
};

/**
 * What the incident's clocks are doing, apart from time: `running` while any clock runs, `paused` while the
 * owed clocks wait on a pause status, `met` when every clock was met, `none` without a policy or once cancelled.
 */
export const DUE_PHASES = ['running', 'paused', 'met', 'none'] as const;
export type DuePhase = (typeof DUE_PHASES)[number];

/** The stored form, instants in epoch milliseconds. */
export interface IncidentDueFigures {
  readonly phase: DuePhase;
  /** The next clock to breach (a breached one first); null when nothing is owed. */
  readonly clock: SlaClockName | null;
  /** That clock's due instant: past when it is overdue, null while it is paused on time. */
  readonly dueAt: number | null;
  /** From this instant on some running clock is at risk (75 % of its target), until something happens. */
  readonly atRiskAt: number | null;
  /** From this instant on some owed clock is breached (its elapsed time exceeds its target). */
  readonly breachAt: number | null;
  /**
   * Each running clock's due instant; for a breached one, the later of when it breached and when it last started
   * running again; null for clocks met, paused or absent.
   */
  readonly clockDueAt: Readonly<Record<SlaClockName, number | null>>;
}

export const NO_DUE: IncidentDueFigures = {
  phase: 'none',
  clock: null,
  dueAt: null,
  atRiskAt: null,
  breachAt: null,
  clockDueAt: { firstResponse: null, nextUpdate: null, resolution: null },
};

/** The queue's form: the same as IncidentDueFigures for the incident as a whole, instants as ISO text. */
export interface DueSummary {
  readonly phase: DuePhase;
  readonly clock: SlaClockName | null;
  readonly dueAt: string | null;
  readonly atRiskAt: string | null;
  readonly breachAt: string | null;
}

/** The state at `nowMs` of an incident whose due instants are these. */
export function dueStateAt(
  due: { readonly phase: DuePhase; readonly atRiskAt: number | null; readonly breachAt: number | null },
  nowMs: number,
): DueState {
  if (due.breachAt !== null && nowMs >= due.breachAt) return 'breached';
  if (due.phase === 'running') return due.atRiskAt !== null && nowMs >= due.atRiskAt ? 'at_risk' : 'on_track';
  return due.phase;
}

/** The state at `nowMs` of a queue row's due summary. */
export function dueSummaryState(due: DueSummary, nowMs: number): DueState {
  const ms = (text: string | null) => (text === null ? null : instantMs(text));
  return dueStateAt({ phase: due.phase, atRiskAt: ms(due.atRiskAt), breachAt: ms(due.breachAt) }, nowMs);
}

interface Owed {
  readonly clock: SlaClockName;
  readonly rank: number;
  readonly key: number;
  readonly dueAt: number | null;
}

/**
 * The due instants of an incident whose history ends at `input.now` (its last clock event, or its creation).
 *
 * Per clock, at that instant: a clock already breached is due at the instant it breached; a running clock is due
 * when its elapsed time reaches the target, and breaches from the first millisecond of business time after
 * that (a clock due at closing time breaches when the calendar opens again); a paused clock on time has no due
 * instant. The next clock to breach is a breached one (the longest overdue), else the running one due soonest,
 * else the paused one furthest along: the order `mostUrgentClock` uses, which time alone cannot change.
 */
export function projectIncidentDue(input: SlaInput): IncidentDueFigures {
  return dueOfFigures(evaluateSlaFigures(input), compileCalendar(input.calendar));
}

/**
 * The due instants from clocks already evaluated (see projectIncidentDue): a recompute of every incident
 * evaluates each history once and reads its due instants and its KPI verdicts from the same figures.
 */
export function dueOfFigures(figures: SlaFigures, calendar: CompiledCalendar): IncidentDueFigures {
  const clockDueAt: Record<SlaClockName, number | null> = { firstResponse: null, nextUpdate: null, resolution: null };
  const owed: Owed[] = [];
  let [running, paused, met, total] = [false, false, 0, 0];
  let atRiskAt: number | null = null;
  let breachAt: number | null = null;
  const earliest = (a: number | null, b: number) => (a === null || b < a ? b : a);
  for (const clock of SLA_CLOCKS) {
    const f: ClockFigures | undefined = figures[clock];
    if (!f) continue;
    total++;
    if (f.metAt !== null) {
      met++;
      continue;
    }
    if (f.state === 'stopped') continue;
    const runs = f.runningSince !== null;
    running ||= runs;
    paused ||= !runs;
    if (f.breached) {
      // An escalation "overdue by N minutes" falls due N business minutes after the later of the breach and the
      // clock's last resumption (a breached clock that waited on the customer counts on from where it stopped):
      // storing that instant keeps the sweep's indexed window exact however long the wait.
      clockDueAt[clock] = runs ? Math.max(f.breachedAt!, f.runningSince!) : null;
      breachAt = earliest(breachAt, f.breachedAt!);
      owed.push({ clock, rank: 0, key: f.breachedAt!, dueAt: f.breachedAt });
    } else if (runs) {
      const dueAt = f.dueAt!;
      clockDueAt[clock] = dueAt;
      atRiskAt = earliest(atRiskAt, f.atRiskAt!);
      // Breached means more than the target has elapsed: the first business millisecond after the due instant.
      breachAt = earliest(breachAt, nextBusinessMs(calendar, dueAt) + 1);
      owed.push({ clock, rank: 1, key: dueAt, dueAt });
    } else {
      owed.push({ clock, rank: 2, key: -f.elapsedMs / f.targetMs, dueAt: null });
    }
  }
  owed.sort((a, b) => a.rank - b.rank || a.key - b.key);
  const next = owed[0] ?? null;
  const phase: DuePhase = running ? 'running' : paused ? 'paused' : total > 0 && met === total ? 'met' : 'none';
  return {
    phase,
    clock: next?.clock ?? null,
    dueAt: next?.dueAt ?? null,
    atRiskAt: running ? atRiskAt : null,
    breachAt,
    clockDueAt,
  };
}

/**
 * The queue's sort key for "Due": the due instant (overdue first, as the earliest), then paused incidents, then
 * met, then those without a policy. The store's `sla_due_rank` column is the same expression in SQL.
 */
export const DUE_RANK_PAUSED = 8_000_000_000_000_000;
export function dueRank(due: { readonly phase: DuePhase; readonly dueAt: number | null }): number {
  if (due.dueAt !== null) return due.dueAt;
  return DUE_RANK_PAUSED + (due.phase === 'paused' ? 0 : due.phase === 'met' ? 1 : 2);
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The queue's summary of stored due instants. */
export function toDueSummary(due: {
  readonly phase: DuePhase;
  readonly clock: SlaClockName | null;
  readonly dueAt: number | null;
  readonly atRiskAt: number | null;
  readonly breachAt: number | null;
}): DueSummary {
  return {
    phase: due.phase,
    clock: due.clock,
    dueAt: iso(due.dueAt),
    atRiskAt: iso(due.atRiskAt),
    breachAt: iso(due.breachAt),
  };
}
