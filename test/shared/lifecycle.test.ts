import { describe, expect, it } from 'vitest';
import { DeskError } from '#shared/errors.ts';
import { STATUSES } from '#shared/domain/enums.ts';
import type { Status } from '#shared/domain/enums.ts';
import { availableActions, planAssignment, planTransition, TRANSITION_ACTIONS } from '#shared/domain/lifecycle.ts';
import type { LifecycleState, TransitionAction } from '#shared/domain/lifecycle.ts';

const AGENT = '0190f000-0000-7000-8000-000000000001';
const OTHER_AGENT = '0190f000-0000-7000-8000-000000000002';
const GROUP = '0190f000-0000-7000-8000-0000000000aa';
const CATEGORY = '0190f000-0000-7000-8000-0000000000cc';
const NOW = '2026-03-02T09:30:00.000Z';
const EARLIER = '2026-03-01T08:00:00.000Z';
const actor = { actorId: AGENT, now: NOW };

/**
 * The lifecycle as the desk's users know it, written out independently of the rules table: for each action,
 * the statuses it is offered from and where it leads (reopen depends on whether somebody owns the incident).
 */
const EXPECTED: Record<TransitionAction, Partial<Record<Status, Status | 'new-or-in_progress'>>> = {
  start: { new: 'in_progress', assigned: 'in_progress' },
  wait: { in_progress: 'waiting_on_customer' },
  resume: { waiting_on_customer: 'in_progress' },
  resolve: { new: 'resolved', assigned: 'resolved', in_progress: 'resolved', waiting_on_customer: 'resolved' },
  close: { resolved: 'closed' },
  cancel: { new: 'cancelled', assigned: 'cancelled', in_progress: 'cancelled', waiting_on_customer: 'cancelled' },
  reopen: { resolved: 'new-or-in_progress', closed: 'new-or-in_progress' },
};

function stateIn(status: Status, overrides: Partial<LifecycleState> = {}): LifecycleState {
  const worked = status !== 'new';
  const ended = status === 'resolved' || status === 'closed';
  return {
    status,
    assigneeId: worked ? OTHER_AGENT : null,
    acknowledgedAt: worked ? EARLIER : null,
    resolvedAt: ended ? EARLIER : null,
    closedAt: status === 'closed' || status === 'cancelled' ? EARLIER : null,
    resolutionCode: ended ? 'solved_permanently' : null,
    resolutionNotes: ended ? 'Replaced the cable.' : null,
    cause: ended ? 'A cable worked loose.' : null,
    categoryId: CATEGORY,
    ...overrides,
  };
}

const fullInput = (action: TransitionAction) => ({
  action,
  notes: 'Customer confirmed it works again.',
  resolutionCode: 'solved_remotely' as const,
  cause: 'A full print queue.',
});

function deskError(run: () => unknown): DeskError {
  try {
    run();
  } catch (error) {
    if (error instanceof DeskError) return error;
    throw error;
  }
  throw new Error('expected a DeskError, but nothing was thrown');
}

describe('every status and action', () => {
  for (const status of STATUSES) {
    for (const action of TRANSITION_ACTIONS) {
      const expected = EXPECTED[action][status];
      if (expected === undefined) {
        it(`refuses ${action} from ${status}`, () => {
          const error = deskError(() => planTransition(stateIn(status), fullInput(action), actor));
          expect(error.code).toBe('invalid_transition');
          expect(availableActions(status)).not.toContain(action);
        });
      } else {
        it(`${action} from ${status} leads to ${expected}`, () => {
          const plan = planTransition(stateIn(status), fullInput(action), actor);
          const next = expected === 'new-or-in_progress' ? 'in_progress' : expected;
          expect(plan.fields.status).toBe(next);
          expect(availableActions(status)).toContain(action);
        });
      }
    }
  }

  it('offers exactly the allowed actions, in button order', () => {
    for (const status of STATUSES) {
      const allowed = TRANSITION_ACTIONS.filter((action) => EXPECTED[action][status] !== undefined);
      expect(availableActions(status), status).toEqual(allowed);
    }
    expect(availableActions('cancelled')).toEqual([]);
  });

  it('names the current status and what is possible when it refuses', () => {
    const error = deskError(() => planTransition(stateIn('closed'), fullInput('resolve'), actor));
    expect(error.message).toContain('Closed');
    expect(error.message).toContain('Reopen');
  });
});

describe('resolving', () => {
  for (const status of ['new', 'assigned', 'in_progress', 'waiting_on_customer'] as const) {
    it(`from ${status} records the resolution`, () => {
      const plan = planTransition(stateIn(status), fullInput('resolve'), actor);
      expect(plan.fields).toMatchObject({
        status: 'resolved',
        resolvedAt: NOW,
        resolutionCode: 'solved_remotely',
        resolutionNotes: 'Customer confirmed it works again.',
        cause: 'A full print queue.',
      });
      expect(plan.notes).toBe('Customer confirmed it works again.');
    });
  }

  for (const notes of [undefined, '', '   \n\t']) {
    it(`needs resolution notes (${JSON.stringify(notes)} is not enough)`, () => {
      const error = deskError(() =>
        planTransition(
          stateIn('in_progress'),
          { action: 'resolve', notes, resolutionCode: 'duplicate', cause: 'A double entry.' },
          actor,
        ),
      );
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(/Resolution notes/);
    });
  }

  it('needs a resolution code', () => {
    const error = deskError(() =>
      planTransition(stateIn('in_progress'), { action: 'resolve', notes: 'Fixed.', cause: 'A bug.' }, actor),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/Resolution code/);
  });

  for (const cause of [undefined, '', '  \n']) {
    it(`needs the cause besides the notes (${JSON.stringify(cause)} is not enough)`, () => {
      const error = deskError(() =>
        planTransition(
          stateIn('in_progress'),
          { action: 'resolve', notes: 'Fixed.', resolutionCode: 'solved_permanently', cause },
          actor,
        ),
      );
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(/cause/);
    });
  }

  it('trims the notes it keeps', () => {
    const plan = planTransition(
      stateIn('in_progress'),
      {
        action: 'resolve',
        notes: '  Rebooted the switch.  ',
        resolutionCode: 'solved_permanently',
        cause: ' A hung switch. ',
      },
      actor,
    );
    expect(plan.fields.resolutionNotes).toBe('Rebooted the switch.');
    expect(plan.fields.cause).toBe('A hung switch.');
  });

  it('makes the resolver the assignee of an unowned incident, and keeps an existing one', () => {
    expect(planTransition(stateIn('new'), fullInput('resolve'), actor).fields.assigneeId).toBe(AGENT);
    expect(planTransition(stateIn('in_progress'), fullInput('resolve'), actor).fields).not.toHaveProperty('assigneeId');
  });
});

describe('reasons', () => {
  for (const [action, status] of [
    ['cancel', 'in_progress'],
    ['reopen', 'resolved'],
    ['reopen', 'closed'],
  ] as const) {
    it(`${action} from ${status} needs a reason`, () => {
      for (const notes of [undefined, '', '  ']) {
        const error = deskError(() => planTransition(stateIn(status), { action, notes }, actor));
        expect(error.code).toBe('invalid_input');
      }
      expect(planTransition(stateIn(status), { action, notes: ' Customer called back ' }, actor).notes).toBe(
        'Customer called back',
      );
    });
  }

  it('close needs no notes, and keeps them when given', () => {
    expect(planTransition(stateIn('resolved'), { action: 'close' }, actor)).toEqual({
      fields: { status: 'closed', closedAt: NOW },
      notes: null,
    });
    expect(planTransition(stateIn('resolved'), { action: 'close', notes: 'Confirmed.' }, actor).notes).toBe(
      'Confirmed.',
    );
  });
});

describe('closing', () => {
  for (const [field, words] of [
    ['categoryId', 'the category'],
    ['resolutionCode', 'the resolution code'],
    ['resolutionNotes', 'the resolution notes'],
    ['cause', 'the cause'],
  ] as const) {
    it(`needs complete documentation: refused without ${words}`, () => {
      const error = deskError(() =>
        planTransition(
          stateIn('resolved', { [field]: field === 'resolutionNotes' ? '  ' : null }),
          { action: 'close' },
          actor,
        ),
      );
      expect(error.code).toBe('invalid_transition');
      expect(error.message).toBe(`Before closing, complete the documentation: ${words} is missing.`);
    });
  }

  it('names everything that is missing at once', () => {
    const error = deskError(() =>
      planTransition(stateIn('resolved', { cause: null, categoryId: null }), { action: 'close' }, actor),
    );
    expect(error.message).toBe('Before closing, complete the documentation: the category, the cause are missing.');
  });
});

describe('acknowledgement', () => {
  const acknowledging: [TransitionAction, Status][] = [
    ['start', 'new'],
    ['start', 'assigned'],
    ['wait', 'in_progress'],
    ['resume', 'waiting_on_customer'],
    ['resolve', 'new'],
    ['resolve', 'in_progress'],
    ['cancel', 'assigned'],
  ];
  for (const [action, status] of acknowledging) {
    it(`${action} from ${status} acknowledges an unacknowledged incident`, () => {
      const plan = planTransition(stateIn(status, { acknowledgedAt: null }), fullInput(action), actor);
      expect(plan.fields.acknowledgedAt).toBe(NOW);
    });
    it(`${action} from ${status} leaves an earlier acknowledgement alone`, () => {
      const plan = planTransition(stateIn(status, { acknowledgedAt: EARLIER }), fullInput(action), actor);
      expect(plan.fields).not.toHaveProperty('acknowledgedAt');
    });
  }

  for (const [action, status] of [
    ['close', 'resolved'],
    ['reopen', 'closed'],
  ] as const) {
    it(`${action} does not count as acknowledgement`, () => {
      const plan = planTransition(stateIn(status, { acknowledgedAt: null }), fullInput(action), actor);
      expect(plan.fields).not.toHaveProperty('acknowledgedAt');
    });
  }
});

describe('reopening', () => {
  for (const from of ['resolved', 'closed'] as const) {
    it(`from ${from} clears the resolution and goes back to work for the assignee`, () => {
      const plan = planTransition(stateIn(from), { action: 'reopen', notes: 'It broke again.' }, actor);
      expect(plan.fields).toEqual({
        status: 'in_progress',
        resolvedAt: null,
        closedAt: null,
        resolutionCode: null,
        resolutionNotes: null,
        cause: null,
      });
      expect(plan.notes).toBe('It broke again.');
    });

    it(`from ${from} goes back to New when nobody owns the incident`, () => {
      const plan = planTransition(stateIn(from, { assigneeId: null }), { action: 'reopen', notes: 'Again.' }, actor);
      expect(plan.fields.status).toBe('new');
    });
  }
});

describe('assignment', () => {
  it('moves New to Assigned and back when the assignee is cleared', () => {
    expect(planAssignment({ ...stateIn('new'), groupId: null }, { assigneeId: OTHER_AGENT }, actor)).toEqual({
      assigneeId: OTHER_AGENT,
      status: 'assigned',
    });
    expect(planAssignment({ ...stateIn('assigned'), groupId: GROUP }, { assigneeId: null }, actor)).toEqual({
      assigneeId: null,
      status: 'new',
    });
  });

  it('keeps the status of work in progress', () => {
    for (const status of ['in_progress', 'waiting_on_customer'] as const) {
      const fields = planAssignment(
        { ...stateIn(status), groupId: null },
        { assigneeId: AGENT, groupId: GROUP },
        actor,
      );
      expect(fields).toEqual({ assigneeId: AGENT, groupId: GROUP });
    }
  });

  it('acknowledges when agents take an incident themselves, and only then', () => {
    const fresh = { ...stateIn('new'), groupId: null };
    expect(planAssignment(fresh, { assigneeId: AGENT }, actor).acknowledgedAt).toBe(NOW);
    expect(planAssignment(fresh, { assigneeId: OTHER_AGENT }, actor)).not.toHaveProperty('acknowledgedAt');
  });

  for (const status of ['resolved', 'closed', 'cancelled'] as const) {
    it(`refuses to reassign a ${status} incident`, () => {
      const error = deskError(() =>
        planAssignment({ ...stateIn(status), groupId: null }, { assigneeId: AGENT }, actor),
      );
      expect(error.code).toBe('invalid_transition');
      expect(error.message).toMatch(/reopen/);
    });
  }
});
