import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '#shared/domain/calendar.ts';
import { DEFAULT_CALENDAR } from '#shared/domain/calendar.ts';
import { STATUSES } from '#shared/domain/enums.ts';
import { clockCrossingAt, evaluateSla, evaluateSlaClocks, mostUrgentClock } from '#shared/domain/sla.ts';
import type { SlaEvent, SlaInput } from '#shared/domain/sla.ts';
import { DeskError } from '#shared/errors.ts';
import { businessTimeCases, slaCases } from '../helpers/reference-cases.ts';

describe('the shared SLA reference cases', () => {
  const { calendars } = businessTimeCases();
  for (const c of slaCases().cases) {
    it(c.id, () => {
      const input = { ...c, calendar: calendars[c.calendar]! } as unknown as SlaInput;
      // toStrictEqual: which keys appear (dueAt only while running) is part of the format.
      expect(evaluateSla(input)).toStrictEqual(c.expect);
    });
  }
});

/** Monday to Friday, 09:00–17:00 UTC, so the arithmetic below can be checked by eye. Monday is 3 June 2024. */
const OFFICE: BusinessCalendar = {
  timeZone: 'UTC',
  hours: {
    mon: [['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '17:00']],
  },
};
const MON = '2024-06-03';
const TUE = '2024-06-04';
const FRI = '2024-06-07';
const NEXT_MON = '2024-06-10';

function incident(overrides: Partial<SlaInput> & Pick<SlaInput, 'targets' | 'now'>): SlaInput {
  return { calendar: OFFICE, createdAt: `${MON}T09:00:00Z`, initialStatus: 'new', events: [], ...overrides };
}
const status = (at: string, value: string): SlaEvent => ({ at, type: 'status', status: value as 'new' });

describe('pause and reopen', () => {
  it('continues the resolution clock after a reopen, accumulating elapsed time', () => {
    const events = [status(`${MON}T10:00:00Z`, 'resolved'), status(`${TUE}T09:30:00Z`, 'in_progress')];
    const resolved = evaluateSla(incident({ targets: { resolutionMinutes: 240 }, events, now: `${TUE}T09:00:00Z` }));
    expect(resolved.resolution).toStrictEqual({ elapsedMinutes: 60, metAt: `${MON}T10:00:00Z`, breached: false });
    const reopened = evaluateSlaClocks(
      incident({ targets: { resolutionMinutes: 240 }, events, now: `${TUE}T10:00:00Z` }),
    );
    expect(reopened.resolution).toMatchObject({
      state: 'running',
      cycle: 1,
      elapsedMinutes: 90,
      dueAt: `${TUE}T12:30:00Z`,
      metAt: null,
      breached: false,
    });
  });

  it('cannot breach while paused, and breaches once it runs again', () => {
    const events = [status(`${MON}T09:30:00Z`, 'waiting_on_customer'), status(`${NEXT_MON}T09:00:00Z`, 'in_progress')];
    const paused = evaluateSlaClocks(incident({ targets: { resolutionMinutes: 60 }, events, now: `${FRI}T16:00:00Z` }));
    expect(paused.resolution).toMatchObject({ state: 'paused', elapsedMinutes: 30, breached: false, running: null });
    expect(paused.resolution).not.toHaveProperty('dueAt');
    const later = evaluateSlaClocks(
      incident({ targets: { resolutionMinutes: 60 }, events, now: `${NEXT_MON}T09:45:00Z` }),
    );
    expect(later.resolution).toMatchObject({
      state: 'breached',
      elapsedMinutes: 75,
      breached: true,
      breachedAt: `${NEXT_MON}T09:30:00Z`,
    });
    expect(later.resolution).not.toHaveProperty('dueAt');
  });

  it('pauses on the policy’s statuses, whatever they are', () => {
    const events = [status(`${MON}T10:00:00Z`, 'waiting_on_customer')];
    const now = `${MON}T12:00:00Z`;
    const byDefault = evaluateSla(incident({ targets: { firstResponseMinutes: 240 }, events, now }));
    expect(byDefault.firstResponse?.elapsedMinutes).toBe(60);
    const notPausing = evaluateSla(
      incident({ targets: { firstResponseMinutes: 240 }, events, now, pauseStatuses: [] }),
    );
    expect(notPausing.firstResponse).toStrictEqual({
      elapsedMinutes: 180,
      dueAt: `${MON}T13:00:00Z`,
      metAt: null,
      breached: false,
    });
  });

  it('runs in every running status of the desk and reads the reference’s open and pending alike', () => {
    for (const running of ['new', 'assigned', 'in_progress', 'open']) {
      const events = [status(`${MON}T10:00:00Z`, running), status(`${MON}T11:00:00Z`, 'pending')];
      const clocks = evaluateSla(incident({ targets: { resolutionMinutes: 600 }, events, now: `${MON}T16:00:00Z` }));
      expect(clocks.resolution?.elapsedMinutes, running).toBe(120);
    }
    const pending = evaluateSla(
      incident({ initialStatus: 'pending', targets: { resolutionMinutes: 600 }, now: `${MON}T16:00:00Z` }),
    );
    expect(pending.resolution?.elapsedMinutes).toBe(0);
  });

  it('starts counting at the next opening for an incident raised out of hours', () => {
    const clocks = evaluateSla(
      incident({ createdAt: '2024-06-01T20:00:00Z', targets: { firstResponseMinutes: 60 }, now: `${MON}T08:00:00Z` }),
    );
    expect(clocks.firstResponse).toStrictEqual({
      elapsedMinutes: 0,
      dueAt: `${MON}T10:00:00Z`,
      metAt: null,
      breached: false,
    });
  });
});

describe('breach at the edge', () => {
  const targets = { firstResponseMinutes: 480 };

  it('is on time at exactly the target, also when the target runs out at closing time', () => {
    for (const now of [`${MON}T17:00:00Z`, `${MON}T20:00:00Z`, `${TUE}T09:00:00Z`]) {
      expect(evaluateSlaClocks(incident({ targets, now })).firstResponse, now).toMatchObject({
        state: 'running',
        elapsedMinutes: 480,
        dueAt: `${MON}T17:00:00Z`,
        breached: false,
      });
    }
    const answeredAfterHours = evaluateSla(
      incident({ targets, events: [{ at: `${MON}T19:00:00Z`, type: 'agent_reply' }], now: `${TUE}T12:00:00Z` }),
    );
    expect(answeredAfterHours.firstResponse).toStrictEqual({
      elapsedMinutes: 480,
      metAt: `${MON}T19:00:00Z`,
      breached: false,
    });
  });

  it('breaches the moment business time passes the target, from the next opening', () => {
    const clock = evaluateSlaClocks(incident({ targets, now: `${TUE}T09:00:30Z` })).firstResponse!;
    // Half a minute past: whole minutes still read 480, the verdict reads the exact time.
    expect(clock).toMatchObject({ state: 'breached', elapsedMinutes: 480, breached: true });
    expect(clock.breachedAt).toBe(`${TUE}T09:00:00Z`);
    expect(clock.elapsedMs).toBe(480 * 60_000 + 30_000);
  });
});

describe('first response and next update', () => {
  const targets = { firstResponseMinutes: 60, nextUpdateMinutes: 120 };

  it('has no next-update cycle until the customer writes', () => {
    const clocks = evaluateSla(
      incident({ targets, events: [{ at: `${MON}T09:20:00Z`, type: 'agent_reply' }], now: `${MON}T11:00:00Z` }),
    );
    expect(clocks).toStrictEqual({ firstResponse: { elapsedMinutes: 20, metAt: `${MON}T09:20:00Z`, breached: false } });
  });

  it('starts the next-update clock at a customer message and meets it with the next public response', () => {
    const history: SlaEvent[] = [
      { at: `${MON}T09:20:00Z`, type: 'agent_reply' },
      { at: `${MON}T10:00:00Z`, type: 'customer_message' },
      { at: `${MON}T10:30:00Z`, type: 'customer_message' },
    ];
    const waiting = evaluateSlaClocks(incident({ targets, events: history, now: `${MON}T11:00:00Z` }));
    expect(waiting.nextUpdate).toMatchObject({
      state: 'running',
      cycle: 1,
      startedAt: `${MON}T10:00:00Z`,
      elapsedMinutes: 60,
      dueAt: `${MON}T12:00:00Z`,
    });
    const answered = [...history, { at: `${MON}T11:30:00Z`, type: 'agent_reply' } as const];
    expect(evaluateSla(incident({ targets, events: answered, now: `${MON}T12:00:00Z` })).nextUpdate).toStrictEqual({
      elapsedMinutes: 90,
      metAt: `${MON}T11:30:00Z`,
      breached: false,
    });
    const again = [...answered, { at: `${MON}T16:00:00Z`, type: 'customer_message' } as const];
    const second = evaluateSlaClocks(incident({ targets, events: again, now: `${TUE}T09:30:00Z` })).nextUpdate!;
    expect(second).toMatchObject({ cycle: 2, elapsedMinutes: 90, dueAt: `${TUE}T10:00:00Z`, metAt: null });
  });

  it('meets first response only once, with the first public response', () => {
    const events: SlaEvent[] = [
      { at: `${MON}T11:00:00Z`, type: 'agent_reply' },
      { at: `${MON}T09:30:00Z`, type: 'agent_reply' },
    ];
    const clocks = evaluateSla(incident({ targets, events, now: `${MON}T12:00:00Z` }));
    expect(clocks.firstResponse).toStrictEqual({ elapsedMinutes: 30, metAt: `${MON}T09:30:00Z`, breached: false });
  });
});

describe('target changes', () => {
  it('breaches a running clock at the change when the new target is already exceeded', () => {
    const events: SlaEvent[] = [{ at: `${MON}T12:00:00Z`, type: 'targets', targets: { resolutionMinutes: 120 } }];
    const clock = evaluateSlaClocks(
      incident({ targets: { resolutionMinutes: 480 }, events, now: `${MON}T13:00:00Z` }),
    ).resolution!;
    expect(clock).toMatchObject({
      state: 'breached',
      elapsedMinutes: 240,
      targetMinutes: 120,
      breachedAt: `${MON}T12:00:00Z`,
    });
  });

  it('keeps the elapsed time and judges against the raised target', () => {
    const events: SlaEvent[] = [{ at: `${MON}T10:30:00Z`, type: 'targets', targets: { resolutionMinutes: 480 } }];
    const clock = evaluateSla(incident({ targets: { resolutionMinutes: 60 }, events, now: `${MON}T11:00:00Z` }));
    expect(clock.resolution).toStrictEqual({
      elapsedMinutes: 120,
      dueAt: `${MON}T17:00:00Z`,
      metAt: null,
      breached: false,
    });
  });

  it('with only today’s targets, judges the whole history against them', () => {
    const clock = evaluateSlaClocks(
      incident({ targets: { resolutionMinutes: 120 }, now: `${MON}T13:00:00Z` }),
    ).resolution!;
    expect(clock).toMatchObject({ elapsedMinutes: 240, breached: true, breachedAt: `${MON}T11:00:00Z` });
  });

  it('leaves the verdict of a clock met before the change alone', () => {
    const events: SlaEvent[] = [
      { at: `${MON}T09:40:00Z`, type: 'agent_reply' },
      { at: `${MON}T10:00:00Z`, type: 'targets', targets: { firstResponseMinutes: 30 } },
    ];
    const clocks = evaluateSla(incident({ targets: { firstResponseMinutes: 60 }, events, now: `${MON}T12:00:00Z` }));
    expect(clocks.firstResponse).toStrictEqual({ elapsedMinutes: 40, metAt: `${MON}T09:40:00Z`, breached: false });
  });

  it('answers only the clocks the targets in force name', () => {
    const events: SlaEvent[] = [{ at: `${MON}T10:00:00Z`, type: 'targets', targets: { resolutionMinutes: 600 } }];
    const clocks = evaluateSla(incident({ targets: { firstResponseMinutes: 60 }, events, now: `${MON}T11:00:00Z` }));
    expect(Object.keys(clocks)).toEqual(['resolution']);
    expect(clocks.resolution?.elapsedMinutes).toBe(120);
  });
});

describe('cancelled incidents', () => {
  it('stop every clock for good: later replies, messages and statuses do not move them', () => {
    const events: SlaEvent[] = [
      { at: `${MON}T10:00:00Z`, type: 'status', status: 'cancelled' },
      { at: `${MON}T11:00:00Z`, type: 'agent_reply' },
      { at: `${MON}T11:30:00Z`, type: 'customer_message' },
      { at: `${MON}T12:00:00Z`, type: 'status', status: 'in_progress' },
    ];
    const targets = { firstResponseMinutes: 30, nextUpdateMinutes: 30, resolutionMinutes: 600 };
    const clocks = evaluateSlaClocks(incident({ targets, events, now: `${FRI}T12:00:00Z` }));
    expect(Object.keys(clocks)).toEqual(['firstResponse', 'resolution']);
    for (const clock of Object.values(clocks)) {
      expect(clock).toMatchObject({ state: 'stopped', elapsedMinutes: 60, metAt: null, running: null });
      expect(clock).not.toHaveProperty('dueAt');
    }
    // First response had a 30-minute target and was breached before the cancel; that stays said.
    expect(clocks.firstResponse?.breached).toBe(true);
    expect(clocks.resolution?.breached).toBe(false);
  });
});

describe('at risk, crossings and the most urgent clock', () => {
  it('says when a running clock reaches a share of its target, ahead or already behind', () => {
    const input = incident({ targets: { resolutionMinutes: 240 }, now: `${MON}T10:00:00Z` });
    const clock = evaluateSlaClocks(input).resolution!;
    expect(clock.percentElapsed).toBe(25);
    expect(clock.atRiskAt).toBe(`${MON}T12:00:00Z`);
    expect(clockCrossingAt(OFFICE, clock, 90)).toBe(`${MON}T12:36:00Z`);
    expect(clockCrossingAt(OFFICE, clock, 10)).toBe(`${MON}T09:24:00Z`);
    expect(clockCrossingAt(OFFICE, clock, 200)).toBe(`${MON}T17:00:00Z`);
  });

  it('has no crossing for a clock that does not run', () => {
    const paused = evaluateSlaClocks(
      incident({
        targets: { resolutionMinutes: 240 },
        events: [status(`${MON}T10:00:00Z`, 'pending')],
        now: `${TUE}T10:00:00Z`,
      }),
    ).resolution!;
    expect(paused.atRiskAt).toBeNull();
    expect(clockCrossingAt(OFFICE, paused, 75)).toBeNull();
  });

  it('puts a breached clock first, then the running one due soonest, then a paused one', () => {
    const targets = { firstResponseMinutes: 30, nextUpdateMinutes: 600, resolutionMinutes: 240 };
    const events: SlaEvent[] = [{ at: `${MON}T09:10:00Z`, type: 'customer_message' }];
    const late = evaluateSlaClocks(incident({ targets, events, now: `${MON}T10:00:00Z` }));
    expect(mostUrgentClock(late)?.clock).toBe('firstResponse');
    const answered = [
      ...events,
      { at: `${MON}T09:20:00Z`, type: 'agent_reply' } as const,
      { at: `${MON}T09:30:00Z`, type: 'customer_message' } as const,
    ];
    expect(
      mostUrgentClock(evaluateSlaClocks(incident({ targets, events: answered, now: `${MON}T10:00:00Z` })))?.clock,
    ).toBe('resolution');
    const resolved = [
      ...answered,
      { at: `${MON}T09:40:00Z`, type: 'agent_reply' } as const,
      status(`${MON}T09:50:00Z`, 'resolved'),
    ];
    expect(
      mostUrgentClock(evaluateSlaClocks(incident({ targets, events: resolved, now: `${MON}T10:00:00Z` }))),
    ).toBeNull();
  });
});

describe('bad input', () => {
  const ok = incident({ targets: { resolutionMinutes: 60 }, now: `${MON}T10:00:00Z` });
  const cases: [string, Partial<SlaInput> | Record<string, unknown>, RegExp][] = [
    ['an unknown status', { initialStatus: 'sleeping' }, /initialStatus "sleeping" is not a status/],
    ['an unknown event', { events: [{ at: `${MON}T09:30:00Z`, type: 'note' }] }, /events\[0\]\.type "note"/],
    ['a bad event instant', { events: [{ at: 'yesterday', type: 'agent_reply' }] }, /events\[0\]\.at "yesterday"/],
    ['a bad creation instant', { createdAt: '2024-06-31T09:00:00Z' }, /createdAt/],
    ['a zero target', { targets: { resolutionMinutes: 0 } }, /resolutionMinutes must be a positive number/],
    ['a pause status that is none', { pauseStatuses: ['lunch'] }, /pauseStatuses\[0\]/],
    ['a calendar without hours', { calendar: { timeZone: 'UTC', hours: {} } }, /no opening hours/],
  ];
  for (const [why, change, message] of cases) {
    it(`refuses ${why}`, () => {
      const input = { ...ok, ...change } as SlaInput;
      expect(() => evaluateSla(input)).toThrow(DeskError);
      expect(() => evaluateSla(input)).toThrow(message);
    });
  }

  it('reads every desk status', () => {
    for (const value of STATUSES) {
      expect(() => evaluateSla({ ...ok, calendar: DEFAULT_CALENDAR, initialStatus: value })).not.toThrow();
    }
  });
});
