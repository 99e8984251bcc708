import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '#shared/domain/incident.ts';
import { formatFieldValue } from '../../renderer/src/common/field-value.ts';
import type { NameLookup } from '../../renderer/src/common/field-value.ts';
import { describeTimeline } from '../../renderer/src/incident/timeline-entries.ts';

const names: NameLookup = {
  agent: (id) => ({ a1: 'Alex Morgan' })[id],
  group: (id) => ({ g1: 'Service Desk' })[id],
  category: (id) => ({ c1: 'Printing' })[id],
  service: (id) => ({ s1: 'Email' })[id],
  contact: (id) => ({ p1: 'Grace Obi' })[id],
};

const event = (fields: Partial<TimelineEvent>): TimelineEvent => ({
  id: 'e',
  at: '2026-01-01T10:00:00.000Z',
  actorId: 'a1',
  type: 'changed',
  action: null,
  changes: [],
  body: null,
  message: null,
  ...fields,
});

describe('timeline entries', () => {
  it('shows names for every id a change can hold', () => {
    expect(formatFieldValue('assigneeId', 'a1', names)).toBe('Alex Morgan');
    expect(formatFieldValue('groupId', 'g1', names)).toBe('Service Desk');
    expect(formatFieldValue('categoryId', 'c1', names)).toBe('Printing');
    expect(formatFieldValue('serviceId', 's1', names)).toBe('Email');
    expect(formatFieldValue('reporterId', 'p1', names)).toBe('Grace Obi');
    expect(formatFieldValue('assigneeId', 'zz', names)).toBe('Unknown agent');
    expect(formatFieldValue('groupId', null, names)).toBe('—');
  });

  it('uses the words agents use for codes', () => {
    expect(formatFieldValue('status', 'waiting_on_customer', names)).toBe('Waiting on customer');
    expect(formatFieldValue('priority', 1, names)).toBe('1 - Critical');
    expect(formatFieldValue('urgency', 2, names)).toBe('2 - Medium');
    expect(formatFieldValue('resolutionCode', 'solved_workaround', names)).toBe('Solved (workaround)');
    expect(formatFieldValue('priorityOverride', { priority: 2, reason: 'VIP' }, names)).toBe('2 - High (VIP)');
  });

  it('names the action and the reason, and leaves out the bookkeeping fields', () => {
    const [entry] = describeTimeline(
      [
        event({
          action: 'resolve',
          body: 'Replaced the toner.',
          changes: [
            { field: 'status', from: 'in_progress', to: 'resolved' },
            { field: 'resolvedAt', from: null, to: '2026-01-01T10:00:00.000Z' },
          ],
        }),
      ],
      names,
    );
    expect(entry).toMatchObject({
      actor: 'Alex Morgan',
      headline: 'resolved the incident',
      bodyLabel: 'Resolution notes',
    });
    expect(entry!.changes).toEqual([{ field: 'status', label: 'Status', from: 'In progress', to: 'Resolved' }]);
  });

  it('keeps the order oldest first, notes included', () => {
    const entries = describeTimeline(
      [
        event({ id: 'b', at: '2026-01-02T00:00:00.000Z', type: 'note', body: 'later' }),
        event({ id: 'a', at: '2026-01-01T00:00:00.000Z', type: 'created', actorId: null }),
      ],
      names,
    );
    expect(entries.map((e) => [e.id, e.actor, e.headline])).toEqual([
      ['a', 'System', 'created the incident'],
      ['b', 'Alex Morgan', 'added an internal note'],
    ]);
  });
});

describe('message entries', () => {
  const message = (fields: Partial<NonNullable<TimelineEvent['message']>> = {}) => ({
    id: 'm1',
    channel: 'email',
    kind: 'message',
    from: { address: 'grace@example.com', name: 'Grace Obi' },
    subject: 'Printer offline again',
    ...fields,
  });

  it('says what arrived by itself, and who put the rest there', () => {
    const entries = describeTimeline(
      [
        event({ id: 'a', type: 'message', actorId: null, message: message() }),
        event({ id: 'b', type: 'message', message: message({ channel: 'phone', subject: 'Calls about it' }) }),
        event({ id: 'c', type: 'message', message: message({ from: null }) }),
      ],
      names,
    );
    expect(entries.map((e) => `${e.actor} ${e.headline}`)).toEqual([
      'Received email from Grace Obi: Printer offline again',
      'Alex Morgan logged a call from Grace Obi: Calls about it',
      'Alex Morgan added an email: Printer offline again',
    ]);
    expect(entries[0]!.message).toEqual({
      id: 'm1',
      channel: 'email',
      automatic: null,
      subject: 'Printer offline again',
      openLabel: 'Open the email',
    });
    expect(entries[1]!.message?.openLabel).toBe('Open the call');
  });

  it('names automatic messages for what they are', () => {
    const [entry] = describeTimeline(
      [event({ type: 'message', actorId: null, message: message({ kind: 'auto_reply', subject: 'Out of office' }) })],
      names,
    );
    expect(entry!.headline).toBe('automatic message from Grace Obi: Out of office');
    expect(entry!.message?.automatic).toBe('Automatic reply');
    expect(entry!.message?.openLabel).toBe('Open the message');
  });
});

describe('reply entries', () => {
  const reply = (state: string, lastError: string | null, automatic = false) =>
    event({
      type: 'reply',
      actorId: automatic ? null : 'a1',
      body: 'We are on it.',
      reply: {
        outboxId: 'o1',
        automatic,
        to: ['grace@northwind.example'],
        cc: [],
        subject: 'Re: Printer offline',
        state,
        lastError,
        sentAt: null,
      },
    });

  it('says who wrote to whom, and where the mail stands', () => {
    const [sent] = describeTimeline([reply('sent', null)], names);
    expect(sent).toMatchObject({
      actor: 'Alex Morgan',
      headline: 'replied to grace@northwind.example: Re: Printer offline',
      delivery: { state: 'sent', label: 'Sent', error: null },
      bodyLabel: null,
    });
    const [failed] = describeTimeline([reply('failed', 'The server refused the recipient.')], names);
    expect(failed!.delivery).toEqual({
      state: 'failed',
      label: 'Not sent',
      error: 'The server refused the recipient.',
    });
    const [waiting] = describeTimeline([reply('queued', 'Nothing answers at smtp.example.com:587.', true)], names);
    expect(waiting).toMatchObject({
      actor: 'System',
      headline: 'sent an automatic mail to grace@northwind.example: Re: Printer offline',
      delivery: { label: 'Waiting to be sent', error: 'Nothing answers at smtp.example.com:587.' },
    });
  });
});
