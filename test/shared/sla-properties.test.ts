import { describe, expect, it } from 'vitest';
import { businessMsBetween, compileCalendar } from '#shared/domain/business-time.ts';
import type { BusinessCalendar } from '#shared/domain/calendar.ts';
import { formatInstant } from '#shared/domain/instant.ts';
import {
  DEFAULT_PAUSE_STATUSES,
  evaluateSla,
  evaluateSlaClocks,
  evaluateSlaFigures,
  SLA_CLOCKS,
} from '#shared/domain/sla.ts';
import type { SlaEvent, SlaInput, SlaInstant, SlaStatus, SlaTargets } from '#shared/domain/sla.ts';
import { prng } from '../helpers/prng.ts';
import type { Prng } from '../helpers/prng.ts';
import { randomCalendar, randomInstantMs } from '../helpers/random-calendar.ts';

const SEED = Number(process.env.DESK_TEST_SEED ?? 4_711);
const MINUTE = 60_000;
const RUNNING: SlaStatus[] = ['new', 'assigned', 'in_progress'];
const OTHER: SlaStatus[] = ['waiting_on_customer', 'resolved', 'closed'];

function randomTargets(random: Prng): SlaTargets {
  return {
    firstResponseMinutes: random.int(1, 600),
    nextUpdateMinutes: random.int(1, 900),
    resolutionMinutes: random.int(30, 5_000),
  };
}

/** A random history: statuses (cancel rarely), replies, customer messages and now and then a policy re-match. */
function randomIncident(random: Prng, calendar: BusinessCalendar): SlaInput {
  const createdAt = randomInstantMs(random);
  let at = createdAt;
  const events: SlaEvent[] = [];
  for (let n = random.int(0, 14); n > 0; n--) {
    at += random.int(0, 2 * 24 * 60) * MINUTE;
    const roll = random.next();
    const iso = formatInstant(at);
    if (roll < 0.45) {
      const status = random.next() < 0.03 ? 'cancelled' : random.pick(random.next() < 0.5 ? RUNNING : OTHER);
      events.push({ at: iso, type: 'status', status });
    } else if (roll < 0.7) events.push({ at: iso, type: 'agent_reply' });
    else if (roll < 0.92) events.push({ at: iso, type: 'customer_message' });
    else events.push({ at: iso, type: 'targets', targets: randomTargets(random) });
  }
  return {
    calendar,
    targets: randomTargets(random),
    createdAt: formatInstant(createdAt),
    initialStatus: random.pick(RUNNING),
    events,
    now: formatInstant(at + random.int(0, 3 * 24 * 60) * MINUTE),
  };
}

function histories(seed: number, count: number): { input: SlaInput; random: Prng; round: number }[] {
  const random = prng(seed);
  const calendars = Array.from({ length: 6 }, () => randomCalendar(random));
  return Array.from({ length: count }, (_, round) => ({
    input: randomIncident(random, random.pick(calendars)),
    random,
    round,
  }));
}

const later = (iso: string, ms: number) => formatInstant(Date.parse(iso) + ms);
/** An event's instant as epoch milliseconds: these histories write ISO text, the desk's own write numbers. */
const msOf = (at: SlaInstant) => (typeof at === 'number' ? at : Date.parse(at));
const isoOf = (at: SlaInstant) => (typeof at === 'number' ? formatInstant(at) : at);

/** First response from intervals: business time while the status runs, from creation to the first reply. */
function firstResponseOracle(input: SlaInput): number {
  const calendar = compileCalendar(input.calendar);
  const end = Math.min(
    Date.parse(input.now),
    ...input.events.filter((e) => e.type === 'agent_reply').map((e) => msOf(e.at)),
  );
  let status = input.initialStatus;
  let from = Date.parse(input.createdAt);
  let total = 0;
  const runs = () => status !== 'cancelled' && !(DEFAULT_PAUSE_STATUSES as string[]).includes(status);
  for (const event of input.events) {
    if (event.type !== 'status') continue;
    const at = Math.min(msOf(event.at), end);
    if (runs()) total += businessMsBetween(calendar, from, at);
    from = at;
    status = event.status;
    if (status === 'cancelled') return total;
  }
  return runs() ? total + businessMsBetween(calendar, from, end) : total;
}

describe(`SLA clock properties over random histories (seed ${SEED})`, () => {
  it('agrees with an interval oracle on first response', () => {
    for (const { input, round } of histories(SEED, 300)) {
      const clock = evaluateSlaClocks(input).firstResponse;
      if (clock) expect(clock.elapsedMs, `round ${round}`).toBe(firstResponseOracle(input));
    }
  });

  it('never loses elapsed time as now moves on, and ignores events after now', () => {
    for (const { input, random, round } of histories(SEED + 1, 200)) {
      const at = [input.createdAt, ...input.events.map((e) => isoOf(e.at)), input.now];
      const cut = random.pick(at);
      const before = evaluateSlaClocks({ ...input, now: cut });
      const truncated = evaluateSlaClocks({
        ...input,
        now: cut,
        events: input.events.filter((e) => isoOf(e.at) <= cut),
      });
      expect(before, `round ${round}`).toEqual(truncated);
      const after = evaluateSlaClocks(input);
      for (const clock of SLA_CLOCKS) {
        const [a, b] = [before[clock], after[clock]];
        if (a && b && a.cycle === b.cycle && a.targetMinutes === b.targetMinutes) {
          expect(b.elapsedMs, `round ${round} ${clock}`).toBeGreaterThanOrEqual(a.elapsedMs);
        }
      }
    }
  });

  it('keeps its word: a running clock is on time at its due instant, breached just after, and at risk at 75 %', () => {
    let checked = 0;
    for (const { input, round } of histories(SEED + 2, 300)) {
      for (const [name, clock] of Object.entries(evaluateSlaClocks(input))) {
        if (clock.state !== 'running') continue;
        checked++;
        const context = `round ${round} ${name}`;
        const atDue = evaluateSlaClocks({ ...input, now: clock.dueAt! })[name as 'resolution']!;
        expect(atDue.elapsedMs, context).toBe(clock.targetMinutes * MINUTE);
        expect(atDue.breached, context).toBe(false);
        const breachedAt = evaluateSlaClocks({ ...input, now: later(clock.dueAt!, 1) })[name as 'resolution']!;
        const firstLate = evaluateSlaClocks({ ...input, now: later(breachedAt.breachedAt ?? clock.dueAt!, 1) });
        expect(firstLate[name as 'resolution']!.breached, context).toBe(true);
        if (clock.atRiskAt! > input.now) {
          const atRisk = evaluateSlaClocks({ ...input, now: clock.atRiskAt! })[name as 'resolution']!;
          expect(atRisk.elapsedMs, context).toBe(Math.ceil(clock.targetMinutes * MINUTE * 0.75));
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('does not move a paused or stopped clock, however long nothing happens', () => {
    for (const { input, round } of histories(SEED + 3, 300)) {
      const now = evaluateSlaClocks(input);
      const muchLater = evaluateSlaClocks({ ...input, now: later(input.now, 90 * 24 * 60 * MINUTE) });
      for (const [name, clock] of Object.entries(now)) {
        if (clock.state !== 'paused' && clock.state !== 'stopped' && clock.state !== 'met') continue;
        const context = `round ${round} ${name}`;
        expect(muchLater[name as 'resolution']!.elapsedMs, context).toBe(clock.elapsedMs);
        expect(muchLater[name as 'resolution']!.breached, context).toBe(clock.breached);
      }
    }
  });

  it('measures elapsed time whatever the targets, and reads open and pending as the desk statuses', () => {
    const words: Record<string, SlaStatus> = { in_progress: 'open', waiting_on_customer: 'pending' };
    for (const { input, random, round } of histories(SEED + 4, 200)) {
      const base = evaluateSlaClocks(input);
      const retargeted = evaluateSlaClocks({
        ...input,
        targets: randomTargets(random),
        events: input.events.filter((e) => e.type !== 'targets'),
      });
      const plain = evaluateSlaClocks({ ...input, events: input.events.filter((e) => e.type !== 'targets') });
      for (const clock of SLA_CLOCKS) {
        expect(retargeted[clock]?.elapsedMs, `round ${round} ${clock}`).toBe(plain[clock]?.elapsedMs);
      }
      const reworded = input.events.map((e) =>
        e.type === 'status' ? { ...e, status: words[e.status] ?? e.status } : e,
      );
      expect(evaluateSlaClocks({ ...input, events: reworded }), `round ${round}`).toEqual(base);
    }
  });

  it('tells the same story in every form: figures, full clocks and the reference format', () => {
    const iso = (ms: number | null) => (ms === null ? null : formatInstant(ms));
    for (const { input, round } of histories(SEED + 5, 200)) {
      const clocks = evaluateSlaClocks(input);
      const figures = evaluateSlaFigures(input);
      const outcome = evaluateSla(input);
      expect(Object.keys(figures), `round ${round}`).toEqual(Object.keys(clocks));
      expect(Object.keys(outcome), `round ${round}`).toEqual(Object.keys(clocks));
      for (const [name, clock] of Object.entries(clocks)) {
        const f = figures[name as 'resolution']!;
        const context = `round ${round} ${name}`;
        expect([iso(f.dueAt) ?? undefined, iso(f.metAt), iso(f.breachedAt), iso(f.atRiskAt)], context).toEqual([
          clock.dueAt,
          clock.metAt,
          clock.breachedAt,
          clock.atRiskAt,
        ]);
        expect(outcome[name as 'resolution'], context).toStrictEqual({
          elapsedMinutes: clock.elapsedMinutes,
          ...(clock.dueAt === undefined ? {} : { dueAt: clock.dueAt }),
          metAt: clock.metAt,
          breached: clock.breached,
        });
      }
    }
  });
});
