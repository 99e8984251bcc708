import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIRST_RETRY_MS } from '#shared/domain/outbox.ts';
import { queueOutgoingMail } from '#core/outbox/outgoing-mail.service.ts';
import { call } from '../helpers/invoke.ts';
import { closedPort, startTestSmtp } from '../helpers/smtp-server.ts';
import type { TestSmtp } from '../helpers/smtp-server.ts';
import {
  addMailbox,
  customerMail,
  incidentFromMail,
  mailboxWithOutgoing,
  openSendingDesk,
  outgoing,
  parse,
} from './outbox-desk.ts';
import type { SendingDesk } from './outbox-desk.ts';

/**
 * What goes wrong on the way out (DESIGN §6, issue 11): each case leaves a clear state and words on the outbox
 * entry, and the rest of the queue keeps moving: a second mailbox on a good server sends its mail in the same
 * pass.
 */
describe('mail that cannot go out as it is', () => {
  let desk: SendingDesk;
  let good: TestSmtp;
  const servers: TestSmtp[] = [];

  beforeEach(async () => {
    desk = await openSendingDesk();
    good = await startTestSmtp();
    servers.push(good);
  });
  afterEach(async () => {
    await desk.dispose();
    for (const server of servers.splice(0)) await server.close();
  });

  /** A reply through the mailbox under test, and one through the good mailbox; answers both outbox ids. */
  async function replyThroughBoth(badMailboxId: string, to = 'dana@northwind.example') {
    const { core } = desk;
    const other = await addMailbox(
      core,
      mailboxWithOutgoing(good, { address: 'it@desk.test' }, { name: 'IT', username: 'it' }),
    );
    const incidentId = await incidentFromMail(desk, customerMail());
    const bad = await call(core, 'incident/reply', {
      incidentId,
      text: 'First reply.',
      mailboxId: badMailboxId,
      to: [{ address: to, name: '' }],
    });
    const fine = await call(core, 'incident/reply', { incidentId, text: 'Second reply.', mailboxId: other.id });
    const ids = [bad, fine].map((d) => d.timeline.filter((e) => e.type === 'reply').at(-1)!.reply!.outboxId);
    return { bad: ids[0]!, fine: ids[1]!, incidentId };
  }

  it('waits and retries later when the server is unreachable', async () => {
    const { core, clock } = desk;
    const mailbox = await addMailbox(core, mailboxWithOutgoing({ host: '127.0.0.1', port: await closedPort() }));
    const { bad, fine } = await replyThroughBoth(mailbox.id);
    expect(await core.sendOutbox()).toEqual({ sent: 1, failed: 0, retrying: 1 });
    const waiting = await outgoing(core, bad);
    expect(waiting).toMatchObject({
      state: 'queued',
      attempts: 1,
      lastError: expect.stringMatching(/Nothing answers at 127\.0\.0\.1:\d+/),
    });
    expect(Date.parse(waiting.nextAttemptAt!) - clock.now()).toBe(FIRST_RETRY_MS);
    expect((await outgoing(core, fine)).state).toBe('sent');

    // Not due yet: nothing is tried. Then the next attempt, after a longer wait (backoff).
    expect(await core.sendOutbox()).toEqual({ sent: 0, failed: 0, retrying: 0 });
    clock.advance(FIRST_RETRY_MS);
    expect(await core.sendOutbox()).toEqual({ sent: 0, failed: 0, retrying: 1 });
    const again = await outgoing(core, bad);
    expect(again.attempts).toBe(2);
    expect(Date.parse(again.nextAttemptAt!) - clock.now()).toBe(2 * FIRST_RETRY_MS);

    // The server comes back on that port: the mail goes, with the Message-ID it was given when made.
    const back = await startTestSmtp();
    servers.push(back);
    await addMailbox(core, { ...mailboxWithOutgoing(back), id: mailbox.id, password: undefined });
    clock.advance(2 * FIRST_RETRY_MS);
    expect(await core.sendOutbox()).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect((await parse(back.received[0]!.raw)).messageId).toBe(waiting.messageId);
  });

  it('says so when the server refuses the login, and keeps the mail for when it is fixed', async () => {
    const { core } = desk;
    const strict = await startTestSmtp({ users: { support: 'right-password' } });
    servers.push(strict);
    const mailbox = await addMailbox(
      core,
      mailboxWithOutgoing(strict, { username: 'support', password: 'wrong-password' }),
    );
    const { bad, fine } = await replyThroughBoth(mailbox.id);
    await core.sendOutbox();
    const refused = await outgoing(core, bad);
    expect(refused).toMatchObject({
      state: 'queued',
      lastError: expect.stringMatching(/refused the user name or password/),
    });
    expect(refused.lastError).not.toContain('wrong-password');
    expect((await outgoing(core, fine)).state).toBe('sent');
    expect(await call(core, 'mailbox/sendTest', { id: mailbox.id, to: 'sam@desk.test' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/refused the user name or password/),
    });

    await addMailbox(core, {
      ...mailboxWithOutgoing(strict, { username: 'support', password: 'right-password' }),
      id: mailbox.id,
      password: undefined,
    });
    expect(await call(core, 'mailbox/sendTest', { id: mailbox.id, to: 'sam@desk.test' })).toMatchObject({ ok: true });
    await call(core, 'outbox/retry', { id: bad });
    expect(await core.sendOutbox()).toMatchObject({ sent: 1 });
    expect(strict.received.map((m) => m.user)).toEqual(['support', 'support']);
  });

  it('fails a mail whose recipient the server refuses, and sends the next one', async () => {
    const { core } = desk;
    const picky = await startTestSmtp({ refuse: /^nobody@/ });
    servers.push(picky);
    const mailbox = await addMailbox(core, mailboxWithOutgoing(picky));
    const { bad, incidentId } = await replyThroughBoth(mailbox.id, 'nobody@northwind.example');
    const next = await call(core, 'incident/reply', { incidentId, text: 'To Dana.', mailboxId: mailbox.id });
    await core.sendOutbox();
    expect(await outgoing(core, bad)).toMatchObject({
      state: 'failed',
      nextAttemptAt: null,
      lastError: expect.stringMatching(/refused the recipient.*User unknown/),
    });
    const nextId = next.timeline.filter((e) => e.type === 'reply').at(-1)!.reply!.outboxId;
    expect((await outgoing(core, nextId)).state).toBe('sent');
    const timeline = (await call(core, 'incident/get', { id: incidentId })).timeline;
    expect(timeline.find((e) => e.reply?.outboxId === bad)!.reply).toMatchObject({ state: 'failed' });
  });

  it('fails a mail over the server’s SIZE limit, and sends the next one', async () => {
    const { core } = desk;
    const small = await startTestSmtp({ size: 4_000 });
    servers.push(small);
    const mailbox = await addMailbox(core, mailboxWithOutgoing(small));
    const incidentId = await incidentFromMail(desk, customerMail());
    const big = await call(core, 'incident/reply', {
      incidentId,
      text: 'Log:\n'.concat('x'.repeat(70), '\n').repeat(100),
    });
    const smallReply = await call(core, 'incident/reply', { incidentId, text: 'Short.' });
    const [bigId, smallId] = [big, smallReply].map(
      (d) => d.timeline.filter((e) => e.type === 'reply').at(-1)!.reply!.outboxId,
    );
    await core.sendOutbox();
    expect(await outgoing(core, bigId!)).toMatchObject({
      state: 'failed',
      lastError: expect.stringMatching(/larger than/),
    });
    expect((await outgoing(core, smallId!)).state).toBe('sent');
    expect(small.received).toHaveLength(1);
    void mailbox;
  });

  it('puts non-ASCII names, subjects and addresses in encoded words and SMTPUTF8, and line breaks nowhere', async () => {
    const { core } = desk;
    const mailbox = await addMailbox(core, mailboxWithOutgoing(good, { displayName: 'Équipe Support' }));
    const incidentId = await incidentFromMail(desk, customerMail({ subject: 'Drucker im 2. Stock — kaputt' }));
    await call(core, 'incident/reply', {
      incidentId,
      text: 'Grüße.',
      to: [{ address: 'jürgen@bücher.example', name: 'Jürgen Müller' }],
      cc: [],
    });
    // A subject made elsewhere (a rule quoting a customer's decoded subject) with a line break in it.
    const automatic = await desk.core.store.command(null, (tx, rec) =>
      queueOutgoingMail(tx, rec, {
        incidentId,
        mailboxId: mailbox.id,
        automatic: true,
        authorId: null,
        to: [{ address: 'dana@northwind.example', name: 'Dana\r\nBcc: victim@evil.example' }],
        subject: 'Received\r\nBcc: victim@evil.example',
        text: 'We have it.',
        inReplyTo: '<jam-1@northwind.example>',
      }),
    );
    expect(await core.sendOutbox()).toEqual({ sent: 2, failed: 0, retrying: 0 });
    const [unicode, injected] = good.received;
    expect(unicode!.to).toEqual(['jürgen@bücher.example']);
    expect(unicode!.mailFromArgs.SMTPUTF8).toBe(true);
    const head = unicode!.raw.toString('utf8').split('\r\n\r\n')[0]!;
    expect(head).toMatch(/^From: =\?UTF-8\?Q\?=C3=89quipe_Support\?= <support@desk\.test>$/m);
    const parsed = await parse(unicode!.raw);
    expect(parsed.subject).toMatch(/^\[INC-\d+\] Re: Drucker im 2\. Stock — kaputt$/);
    expect(parsed.to).toMatchObject({ value: [{ name: 'Jürgen Müller' }] });

    expect(injected!.to).toEqual(['dana@northwind.example']);
    const injectedMail = await parse(injected!.raw);
    expect(injectedMail.bcc).toBeUndefined();
    expect(injectedMail.subject).toMatch(/Received Bcc: victim@evil\.example$/);
    expect(injectedMail.headers.get('auto-submitted')).toBe('auto-replied');
    expect(injected!.raw.toString('latin1')).not.toMatch(/^Bcc:/im);
    void automatic;
  });
});
