import { DEFAULT_CALENDAR } from '#shared/domain/calendar.ts';
import type { Incident } from '#shared/domain/incident.ts';
import { hlcWallMs } from '#shared/hlc.ts';
import { conditionsHold } from '#shared/domain/rule-conditions.ts';
import { describeTrigger, triggerDue } from '#shared/domain/rule-triggers.ts';
import type { TriggerContext, TriggerHistory } from '#shared/domain/rule-triggers.ts';
import type { RuleIncident } from '#shared/domain/rule-conditions.ts';
import type { Db, Store } from '#core/store/store.ts';
import { loadSlaConfig } from '#core/sla/sla-config.ts';
import type { CandidateWindow } from './escalation-candidates.ts';
import {
  isEscalation,
  loadFiringIncidents,
  loadRuleIncidents,
  NO_SLA_CONFIG,
  triggerContexts,
  unspent,
} from './escalation-context.ts';
import { sweepEscalations } from './escalation-sweep.ts';
import type { Candidate } from './escalation-sweep.ts';
import { fireRule, firingId, spentFirings } from './firing.ts';
import { activeRules } from './rule.repository.ts';
import type { StoredRule } from './rule.repository.ts';
import { timeRuleCandidates } from './time-rule-candidates.ts';

/**
 * How late a time rule still fires: an occasion that fell due longer ago than this is let go. A workspace that
 * gets the rules (an upgrade, the demo) must not send reminders for every incident that waited since long
 * before; a lease holder away for less than this catches up, and one that kept the duties while it was away
 * (asleep, offline) catches up from where its last sweep got to (SweepOptions.since).
 */
export const MAX_LATE_MS = 24 * 60 * 60_000;

/** Incidents read per query while sweeping. */
const CHUNK = 500;
/** The timeline entries time triggers read: creation and changes (the status moves). */
const HISTORY_TYPES = ['created', 'changed'];

/** Durations count in this calendar: the default 24×7 one until business calendars are team data. */
export const TRIGGER_CONTEXT: TriggerContext = { calendar: DEFAULT_CALENDAR };

/** Whole incidents (as a firing's actions read them) with the timeline entries time triggers read, oldest first. */
export async function loadHistories(db: Db, ids: readonly string[]): Promise<TriggerHistory[]> {
  return historiesOf(db, await loadFiringIncidents(db, ids));
}

/** The timeline entries time triggers read, for incidents already loaded (a sweep read them for the conditions). */
async function historiesOf(db: Db, incidents: readonly RuleIncident[]): Promise<TriggerHistory[]> {
  if (!incidents.length) return [];
  const entries = await db
    .selectFrom('timeline_event')
    .select(['id', 'entity_id', 'hlc', 'type', 'payload'])
    .where('entity', '=', 'incident')
    .where(
      'entity_id',
      'in',
      incidents.map((incident) => incident.id),
    )
    .where('type', 'in', HISTORY_TYPES)
    .orderBy('entity_id')
    .orderBy('hlc')
    .orderBy('device')
    .orderBy('id')
    .execute();
  const byIncident = new Map<string, TriggerHistory['entries'][number][]>();
  for (const entry of entries) {
    const list = byIncident.get(entry.entity_id) ?? [];
    list.push({ id: entry.id, at: hlcWallMs(entry.hlc), type: entry.type, payload: JSON.parse(entry.payload) });
    byIncident.set(entry.entity_id, list);
  }
  return incidents.map((incident) => ({ incident, entries: byIncident.get(incident.id) ?? [] }));
}

export interface SweepSummary {
  readonly fired: number;
  /** How many (rule, incident) pairs were worked out: those the narrowing queries left, a beat's real work. */
  readonly considered: number;
  /** The earliest instant a rule falls due later, to wake then. */
  readonly nextDueAt: string | null;
  /** Agents told that a service level turned at risk or breached. */
  readonly notified?: number;
}

export interface SweepOptions {
  readonly now: number;
  /**
   * Where this workstation's previous sweep got to, while it has run the duties since: occasions that fell due
   * after it are caught up however long ago (a laptop asleep over the weekend), beyond MAX_LATE_MS.
   */
  readonly since?: number | null;
  /** After each firing is committed (tests stop a sweep in the middle there). */
  readonly afterFiring?: () => Promise<void>;
}

/** How far back a sweep fires occasions: the last day, or back to where the previous sweep got to. */
export function catchUpMs(options: Pick<SweepOptions, 'now' | 'since'>): number {
  return Math.max(MAX_LATE_MS, options.since == null ? 0 : options.now - options.since);
}

/**
 * Inside a firing's own transaction: the incident is read again, and the rule fires only if the same occasion
 * is still due and its conditions still hold (the incident may have moved on since the sweep read it).
 */
async function fireIfStillDue(store: Store, rule: StoredRule, incidentId: string, occasion: string, now: string) {
  const { value } = await store.command(null, async (tx, recorder) => {
    const [history] = await loadHistories(tx, [incidentId]);
    if (!history) return false;
    const context = (await triggerContexts(tx, rule.trigger, [incidentId])).get(incidentId) ?? TRIGGER_CONTEXT;
    const due = triggerDue(rule.trigger, history, context);
    if (!due || due.occasion !== occasion || due.at > now) return false;
    if (!conditionsHold(rule.conditions, history.incident)) return false;
    const reason = isEscalation(rule.trigger) ? describeTrigger(rule.trigger) : undefined;
    return fireRule(tx, recorder, rule, history.incident as Incident, occasion, reason);
  });
  return value;
}

/**
 * One pass of the time rules (on the automation lease holder, or a workspace without a hub): for each enabled
 * time rule, every candidate incident is asked when it falls due; those due now whose occasion is not spent,
 * and whose conditions hold, are fired, each in its own transaction, so a holder stopped in the middle has
 * committed whole firings only, and the next holder fires the rest (the same occasions, the same ids).
 */
export async function sweepTimeRules(store: Store, options: SweepOptions): Promise<SweepSummary> {
  const rules = await activeRules(store.db, 'time');
  const escalations = rules.filter((rule) => isEscalation(rule.trigger));
  const pass: Pass = {
    store,
    options,
    now: new Date(options.now).toISOString(),
    window: {
      now: options.now,
      lateMs: catchUpMs(options),
      config: escalations.length ? await loadSlaConfig(store.db) : NO_SLA_CONFIG,
    },
    fired: 0,
    considered: 0,
    nextDueAt: null,
  };
  const candidates = timeRuleCandidates(
    store.db,
    pass.window,
    rules.map((rule) => rule.trigger),
  );
  for (const rule of rules) {
    if (isEscalation(rule.trigger)) continue;
    const ids = await unspent(store.db, rule, await candidates(rule.trigger));
    for (let i = 0; i < ids.length; i += CHUNK) {
      // The conditions read the incident's fields only: checked first, the timelines of incidents the rule
      // leaves out are never read, beat after beat.
      const held = (await loadRuleIncidents(store.db, ids.slice(i, i + CHUNK))).filter((incident) =>
        conditionsHold(rule.conditions, incident),
      );
      const histories = await historiesOf(store.db, held);
      await consider(
        pass,
        histories.map((history) => ({ rule, history, context: TRIGGER_CONTEXT })),
      );
    }
  }
  await sweepEscalations(store.db, escalations, pass.window, (candidates) => consider(pass, candidates));
  return { fired: pass.fired, considered: pass.considered, nextDueAt: pass.nextDueAt };
}

/** One sweep under way: what it fires by, and what it found so far. */
interface Pass {
  readonly store: Store;
  readonly options: SweepOptions;
  readonly now: string;
  readonly window: CandidateWindow;
  fired: number;
  considered: number;
  nextDueAt: string | null;
}

/**
 * Fires each rule on its incident if it is due now, not spent and its conditions hold, else notes when it will
 * be. Whether the occasions are spent is asked for all of them at once; each firing then checks again in its
 * own transaction.
 */
async function consider(pass: Pass, candidates: readonly Candidate[]) {
  const dueNow: { candidate: Candidate; occasion: string; id: string }[] = [];
  pass.considered += candidates.length;
  for (const candidate of candidates) {
    const { rule, history, context } = candidate;
    const due = triggerDue(rule.trigger, history, context);
    if (!due) continue;
    if (due.at > pass.now) {
      if (pass.nextDueAt === null || due.at < pass.nextDueAt) pass.nextDueAt = due.at;
      continue;
    }
    if (Date.parse(due.at) < pass.options.now - pass.window.lateMs) continue;
    if (!conditionsHold(rule.conditions, history.incident)) continue;
    dueNow.push({ candidate, occasion: due.occasion, id: firingId(rule.id, history.incident.id, due.occasion) });
  }
  const spent = await spentFirings(
    pass.store.db,
    dueNow.map((due) => due.id),
  );
  for (const { candidate, occasion, id } of dueNow) {
    if (spent.has(id)) continue;
    if (await fireIfStillDue(pass.store, candidate.rule, candidate.history.incident.id, occasion, pass.now)) {
      pass.fired++;
      await pass.options.afterFiring?.();
    }
  }
}
