import { describe, expect, it } from 'vitest';
import { incidentKpiFacts } from '#shared/domain/kpi-facts.ts';
import {
  AGENT_A,
  AGENT_B,
  callBack,
  changed,
  customerMessage,
  DAY,
  escalation,
  GROUP_1,
  GROUP_2,
  HOUR,
  MINUTE,
  MONDAY,
  note,
  record,
  reply,
  statusMoves,
} from '../helpers/kpi-histories.ts';

const T0 = MONDAY + 9 * HOUR;

describe('an incident’s KPI facts, read from its timeline', () => {
  it('a plain life: assigned, worked, resolved, closed', () => {
    const facts = incidentKpiFacts(
      record({
        reportedAt: T0,
        status: 'closed',
        assigneeId: AGENT_A,
        acknowledgedAt: T0 + 20 * MINUTE,
        entries: statusMoves(
          ['new', 'assigned', T0 + 10 * MINUTE],
          ['assigned', 'in_progress', T0 + 20 * MINUTE],
          ['in_progress', 'resolved', T0 + 2 * HOUR],
          ['resolved', 'closed', T0 + DAY],
        ),
      }),
    );
    expect(facts).toMatchObject({
      reportedAt: T0,
      acknowledgedAt: T0 + 20 * MINUTE,
      resolvedAt: T0 + 2 * HOUR,
      closedAt: T0 + DAY,
      reopens: 0,
      escalations: 0,
      firstContact: true,
      firstResponseAt: null,
      openSpans: [[T0, T0 + 2 * HOUR]],
      activeUntil: T0 + DAY,
    });
  });

  it('a reopen opens a second stretch and the latest resolution is the one counted', () => {
    const facts = incidentKpiFacts(
      record({
        reportedAt: T0,
        status: 'resolved',
        entries: statusMoves(
          ['new', 'in_progress', T0 + HOUR],
          ['in_progress', 'resolved', T0 + 2 * HOUR],
          ['resolved', 'in_progress', T0 + 5 * HOUR],
          ['in_progress', 'resolved', T0 + 8 * HOUR],
        ),
      }),
    );
    expect(facts.resolvedAt).toBe(T0 + 8 * HOUR);
    expect(facts.reopens).toBe(1);
    expect(facts.firstContact).toBe(false);
    expect(facts.openSpans).toEqual([
      [T0, T0 + 2 * HOUR],
      [T0 + 5 * HOUR, T0 + 8 * HOUR],
    ]);
  });

  it('one reopened and still open keeps its earlier resolution and stays open', () => {
    const facts = incidentKpiFacts(
      record({
        reportedAt: T0,
        status: 'in_progress',
        entries: statusMoves(['new', 'resolved', T0 + 2 * HOUR], ['resolved', 'in_progress', T0 + 5 * HOUR]),
      }),
    );
    expect(facts.resolvedAt).toBe(T0 + 2 * HOUR);
    expect(facts.reopens).toBe(1);
    expect(facts.openSpans).toEqual([
      [T0, T0 + 2 * HOUR],
      [T0 + 5 * HOUR, null],
    ]);
    expect(facts.activeUntil).toBeNull();
  });

  it('a reopen from closed counts, and closing again is the latest close', () => {
    const facts = incidentKpiFacts(
      record({
        reportedAt: T0,
        status: 'closed',
        entries: statusMoves(
          ['new', 'resolved', T0 + HOUR],
          ['resolved', 'closed', T0 + 2 * HOUR],
          ['closed', 'new', T0 + 3 * HOUR],
          ['new', 'resolved', T0 + 4 * HOUR],
          ['resolved', 'closed', T0 + 6 * HOUR],
        ),
      }),
    );
    expect(facts).toMatchObject({ reopens: 1, resolvedAt: T0 + 4 * HOUR, closedAt: T0 + 6 * HOUR });
  });

  it('a close straight from an open status is a resolution too', () => {
    const facts = incidentKpiFacts(
      record({ reportedAt: T0, status: 'closed', entries: statusMoves(['in_progress', 'closed', T0 + 3 * HOUR]) }),
    );
    expect(facts).toMatchObject({ resolvedAt: T0 + 3 * HOUR, closedAt: T0 + 3 * HOUR });
  });

  it('a cancelled incident leaves the backlog without a resolution', () => {
    const facts = incidentKpiFacts(
      record({ reportedAt: T0, status: 'cancelled', entries: statusMoves(['new', 'cancelled', T0 + 30 * MINUTE]) }),
    );
    expect(facts).toMatchObject({ resolvedAt: null, closedAt: null, openSpans: [[T0, T0 + 30 * MINUTE]] });
  });

  it('a timeline that does not end in the status the incident has now ends with a move to it', () => {
    // A concurrent change won the status field without its own entry: the incident is resolved now.
    const facts = incidentKpiFacts(
      record({
        reportedAt: T0,
        status: 'resolved',
        entries: [...statusMoves(['new', 'in_progress', T0 + HOUR]), note(T0 + 3 * HOUR)],
      }),
    );
    expect(facts.resolvedAt).toBe(T0 + 3 * HOUR);
    expect(facts.openSpans).toEqual([[T0, T0 + 3 * HOUR]]);
  });

  it('an incident never moved is open in the status it was created in', () => {
    expect(incidentKpiFacts(record({ reportedAt: T0, status: 'new' })).openSpans).toEqual([[T0, null]]);
  });

  it('the first public response: a reply by a person or a call back, never automatic mail', () => {
    const automaticFirst = incidentKpiFacts(
      record({
        reportedAt: T0,
        status: 'in_progress',
        entries: [reply(T0 + 5 * MINUTE, true), callBack(T0 + 40 * MINUTE), reply(T0 + HOUR)],
      }),
    );
    expect(automaticFirst.firstResponseAt).toBe(T0 + 40 * MINUTE);
    const byMail = incidentKpiFacts(record({ reportedAt: T0, status: 'new', entries: [reply(T0 + 15 * MINUTE)] }));
    expect(byMail.firstResponseAt).toBe(T0 + 15 * MINUTE);
  });

  it('a message from the reporter after the incident was logged is a follow-up: no first-contact resolution', () => {
    const createdAt = T0 + 10 * MINUTE;
    const fromTheMessageItCameFrom = incidentKpiFacts(
      record({ reportedAt: T0, createdAt, status: 'resolved', entries: [customerMessage(createdAt)] }),
    );
    expect(fromTheMessageItCameFrom.firstContact).toBe(true);
    const chased = incidentKpiFacts(
      record({ reportedAt: T0, createdAt, status: 'resolved', entries: [customerMessage(createdAt + HOUR)] }),
    );
    expect(chased.firstContact).toBe(false);
  });

  it('a hand-over to another agent or group is no first-contact resolution; the first assignment is not one', () => {
    const firstAssignment = incidentKpiFacts(
      record({
        reportedAt: T0,
        status: 'resolved',
        assigneeId: AGENT_A,
        groupId: GROUP_1,
        entries: [changed(T0 + MINUTE, ['assigneeId', null, AGENT_A], ['groupId', null, GROUP_1])],
      }),
    );
    expect(firstAssignment.firstContact).toBe(true);
    const toAnotherAgent = incidentKpiFacts(
      record({
        reportedAt: T0,
        status: 'resolved',
        assigneeId: AGENT_B,
        entries: [
          changed(T0 + MINUTE, ['assigneeId', null, AGENT_A]),
          changed(T0 + HOUR, ['assigneeId', AGENT_A, AGENT_B]),
        ],
      }),
    );
    expect(toAnotherAgent.firstContact).toBe(false);
    const toAnotherGroup = incidentKpiFacts(
      record({
        reportedAt: T0,
        status: 'resolved',
        groupId: GROUP_2,
        entries: [changed(T0 + HOUR, ['groupId', GROUP_1, GROUP_2])],
      }),
    );
    expect(toAnotherGroup.firstContact).toBe(false);
  });

  it('counts escalations, and reads instants before the report as the report', () => {
    const facts = incidentKpiFacts(
      record({
        reportedAt: T0,
        status: 'in_progress',
        acknowledgedAt: T0 - 5 * MINUTE,
        entries: [
          ...statusMoves(['new', 'in_progress', T0 - MINUTE]),
          escalation(T0 + HOUR),
          escalation(T0 + 2 * HOUR),
        ],
      }),
    );
    expect(facts.escalations).toBe(2);
    expect(facts.acknowledgedAt).toBe(T0);
    expect(facts.openSpans).toEqual([[T0, null]]);
  });
});
