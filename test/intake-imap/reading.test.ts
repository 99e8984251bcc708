import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { getBlob } from '#core/blobs/blob.repository.ts';
import { startDovecot } from '../helpers/dovecot.ts';
import type { Dovecot } from '../helpers/dovecot.ts';
import { call } from '../helpers/invoke.ts';
import { openTempCore } from '../helpers/temp-workspace.ts';
import type { TempCore } from '../helpers/temp-workspace.ts';
import { largeMail, mail, malformedMail } from './mail.ts';
import {
  eventually,
  inboxItems,
  inboxMessages,
  mailboxById,
  mailboxInput,
  signInSupervisor,
  waitForInbox,
} from './mail-desk.ts';

const { binary, skipReason } = inject('dovecot');

describe.skipIf(!binary)(`reading a mailbox on a real Dovecot${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let dovecot: Dovecot;
  let desk: TempCore;

  beforeAll(async () => {
    dovecot = await startDovecot(binary!);
  });
  afterAll(async () => {
    await dovecot?.stop();
  });
  // Each test reads a folder of its own, on a fresh workspace.
  beforeEach(async () => {
    desk = await openTempCore();
    await signInSupervisor(desk.core);
  });
  afterEach(async () => {
    await desk.dispose();
  });

  it('brings a whole folder into the inbox on first sync, and nothing twice after', async () => {
    await dovecot.deliver(
      'First',
      [1, 2, 3, 4, 5].map((n) => mail(n)),
    );
    const mailbox = await call(desk.core, 'mailbox/save', mailboxInput(dovecot, { folder: 'First' }));

    const items = await waitForInbox(desk.core, 5);
    expect(items.map((i) => i.subject).sort()).toEqual([1, 2, 3, 4, 5].map((n) => `Printer ${n} is jammed`));
    expect(items.every((i) => i.kind === 'message' && i.channel === 'email')).toBe(true);
    const first = (await inboxMessages(desk.core)).find((m) => m.subject === 'Printer 1 is jammed')!;
    expect(first.from).toEqual({ address: 'customer1@northwind.example', name: 'Customer 1' });
    expect(first.messageId).toBe('<msg-1@northwind.example>');

    // Another pass finds nothing new, and the health says how it went.
    const checked = await call(desk.core, 'mailbox/syncNow', { id: mailbox.id });
    expect(checked.kind).toBe('checked');
    expect(await inboxItems(desk.core)).toHaveLength(5);
    expect(checked.mailbox.health).toMatchObject({
      readBy: 'here',
      passwordStored: true,
      imported: 5,
      lastError: null,
      failing: false,
    });
    expect(checked.mailbox.health.lastSuccessAt).not.toBeNull();
  });

  it('hears of new mail at once while idling, long before any poll would', async () => {
    await dovecot.deliver('Idle', [mail(10)]);
    const mailbox = await call(
      desk.core,
      'mailbox/save',
      mailboxInput(dovecot, { folder: 'Idle', mode: 'idle', pollSeconds: 3_600 }),
    );
    await waitForInbox(desk.core, 1);
    // Give the poller a moment to enter IDLE, then deliver while it waits there.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const startedAt = Date.now();
    await dovecot.deliver('Idle', [mail(11), mail(12)]);
    const items = await waitForInbox(desk.core, 3, 5_000);
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect(items.map((i) => i.subject).sort()).toEqual([
      'Printer 10 is jammed',
      'Printer 11 is jammed',
      'Printer 12 is jammed',
    ]);
    expect((await mailboxById(desk.core, mailbox.id)).health.imported).toBe(3);
  });

  it('checks every pollSeconds in poll mode, and not in between', async () => {
    await dovecot.deliver('Polled', [mail(20)]);
    await call(desk.core, 'mailbox/save', mailboxInput(dovecot, { folder: 'Polled', mode: 'poll', pollSeconds: 5 }));
    await waitForInbox(desk.core, 1);
    const deliveredAt = Date.now();
    await dovecot.deliver('Polled', [mail(21)]);
    // No IDLE in poll mode: the new message waits for the next check.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await inboxItems(desk.core)).toHaveLength(1);
    await waitForInbox(desk.core, 2, 10_000);
    expect(Date.now() - deliveredAt).toBeLessThan(8_000);
  });

  it('rides out a server outage: says so in the health, reconnects by itself and reads on', async () => {
    await dovecot.deliver('Restarted', [mail(70)]);
    const mailbox = await call(desk.core, 'mailbox/save', mailboxInput(dovecot, { folder: 'Restarted' }));
    await waitForInbox(desk.core, 1);

    await dovecot.halt();
    try {
      const down = await eventually(
        () => mailboxById(desk.core, mailbox.id),
        (m) => m.health.failing,
        'the outage to show',
        // The reader notices when its connection drops and a reconnect is refused; a loaded machine takes longer.
        45_000,
      );
      // Never "failing" without the words that say why.
      expect(down.health.lastError).toMatch(/^Nothing answers at 127\.0\.0\.1:\d+ \(connection refused\)/);
    } finally {
      // Nobody presses anything: the poller's next try finds the server back.
      await dovecot.resume();
    }
    await dovecot.deliver('Restarted', [mail(71)]);
    await waitForInbox(desk.core, 2, 20_000);
    const up = await eventually(
      () => mailboxById(desk.core, mailbox.id),
      (m) => !m.health.failing,
      'the health to recover',
    );
    expect(up.health.imported).toBe(2);
  });

  it('notices a server that goes down while a pass is still finishing, not only one that goes down in IDLE', async () => {
    await dovecot.deliver('Finishing', [mail(75)]);
    // The moment the pass has stored the mail, before it records its success and goes back to IDLE, the
    // server dies: its connection's end arrives while nobody waits on it yet.
    let halted: Promise<void> | null = null;
    const stop = desk.core.store.onApplied((result) => {
      if (result.kinds.has('message')) halted ??= dovecot.halt();
    });
    const mailbox = await call(
      desk.core,
      'mailbox/save',
      mailboxInput(dovecot, { folder: 'Finishing', mode: 'idle', pollSeconds: 3_600 }),
    );
    try {
      await waitForInbox(desk.core, 1);
      await halted;
      // Replaced at once and refused, so the health says so, rather than waiting in IDLE on a closed connection.
      const down = await eventually(
        () => mailboxById(desk.core, mailbox.id),
        (m) => m.health.failing && m.health.lastError !== null,
        'the outage to show',
        20_000,
      );
      expect(down.health.lastError).toMatch(/^Nothing answers at 127\.0\.0\.1:\d+ \(connection refused\)/);
    } finally {
      stop();
      await dovecot.resume();
    }
  });

  it('reads a folder rebuilt with a new UIDVALIDITY from its start, adding only what is new', async () => {
    await dovecot.deliver(
      'Rebuilt',
      [1, 2, 3].map((n) => mail(30 + n)),
    );
    const mailbox = await call(desk.core, 'mailbox/save', mailboxInput(dovecot, { folder: 'Rebuilt' }));
    await waitForInbox(desk.core, 3);

    // The server's folder is rebuilt (a restore, a migration): same messages, new UIDs, new UIDVALIDITY.
    const { before, after } = await dovecot.rebuild('Rebuilt');
    expect(after).not.toBe(before);
    // The one new message comes first: UID 1 again, well behind where the cursor had got to.
    await dovecot.deliver(
      'Rebuilt',
      [4, 1, 2, 3].map((n) => mail(30 + n)),
    );
    await call(desk.core, 'mailbox/syncNow', { id: mailbox.id });

    const items = await waitForInbox(desk.core, 4);
    expect(items.map((i) => i.subject).sort()).toEqual([31, 32, 33, 34].map((n) => `Printer ${n} is jammed`));
    const health = await eventually(
      () => mailboxById(desk.core, mailbox.id),
      (m) => m.health.imported === 4,
      'the health to count the one new message',
    );
    expect(health.health.notices.map((n) => n.message).join('\n')).toContain(
      `UIDVALIDITY changed from ${before} to ${after}`,
    );
    expect(await inboxItems(desk.core)).toHaveLength(4);
  });

  it('keeps a message it cannot read raw, shows it as unparsed, and reads on past it', async () => {
    const broken = malformedMail(42);
    await dovecot.deliver('Mixed', [mail(41), broken, mail(43)]);
    const mailbox = await call(desk.core, 'mailbox/save', mailboxInput(dovecot, { folder: 'Mixed' }));

    await waitForInbox(desk.core, 3);
    const messages = await inboxMessages(desk.core);
    const unparsed = messages.filter((m) => m.kind === 'unparsed');
    expect(unparsed).toHaveLength(1);
    expect(unparsed[0]!.note).toMatch(/could not be read as an email/i);
    // The original bytes are kept whole, exactly as the server had them.
    const raw = await getBlob(desk.core.store.db, unparsed[0]!.rawHash!);
    expect(raw?.toString('latin1')).toBe(broken);
    expect(
      messages
        .filter((m) => m.kind === 'message')
        .map((m) => m.subject)
        .sort(),
    ).toEqual(['Printer 41 is jammed', 'Printer 43 is jammed']);

    // The cursor moved past it: new mail still arrives, and the bad one is not read again.
    await dovecot.deliver('Mixed', [mail(44)]);
    await waitForInbox(desk.core, 4);
    const view = await mailboxById(desk.core, mailbox.id);
    expect(view.health.imported).toBe(4);
    expect(view.health.notices.some((n) => /UID 2\b.*could not be read/i.test(n.message))).toBe(true);
  });

  it('sets aside a message the server fails on every time, and reads the rest', async () => {
    await dovecot.deliver('Damaged', [mail(61), mail(62), mail(63)]);
    await dovecot.makeUnreadable('Damaged', 2);
    const mailbox = await call(desk.core, 'mailbox/save', mailboxInput(dovecot, { folder: 'Damaged' }));

    // The server drops the connection whenever UID 2 is asked for: the poller narrows it down to that one
    // message over a few reconnects, then passes it over, keeping a note of where it is.
    const items = await waitForInbox(desk.core, 3, 45_000);
    const messages = await inboxMessages(desk.core);
    expect(
      messages
        .filter((m) => m.kind === 'message')
        .map((m) => m.subject)
        .sort(),
    ).toEqual(['Printer 61 is jammed', 'Printer 63 is jammed']);
    const setAside = messages.find((m) => m.kind === 'unparsed')!;
    expect(setAside.subject).toBe('(could not be read from the server)');
    expect(setAside.note).toContain('could not be read from the server');
    expect(setAside.note).toContain('folder “Damaged”, UID 2');
    expect(items).toHaveLength(3);

    const view = await mailboxById(desk.core, mailbox.id);
    expect(view.health.notices.some((n) => /UID 2\b/.test(n.message))).toBe(true);
    expect(view.health.lastError).toMatch(/closed unexpectedly|server/i);
    // It is behind the cursor now: the next message comes in at once.
    await dovecot.deliver('Damaged', [mail(64)]);
    await waitForInbox(desk.core, 4);
  });

  it('does not download a message over the size limit, and says where it is', async () => {
    const limit = 64 * 1024;
    const logFrom = (await dovecot.log()).length;
    await dovecot.deliver('Large', [
      mail(51),
      largeMail(52, 300 * 1024, { subject: 'Scan of the whole manual' }),
      mail(53),
    ]);
    const mailbox = await call(
      desk.core,
      'mailbox/save',
      mailboxInput(dovecot, { folder: 'Large', maxMessageBytes: limit }),
    );

    await waitForInbox(desk.core, 3);
    const messages = await inboxMessages(desk.core);
    const large = messages.find((m) => m.subject === 'Scan of the whole manual')!;
    expect(large).toMatchObject({ kind: 'unparsed', rawHash: null, from: { address: 'customer52@northwind.example' } });
    expect(large.note).toContain('not downloaded');
    expect(large.note).toContain('64 KB limit');
    expect(large.note).toContain(`folder “Large”, UID 2`);
    expect(messages.filter((m) => m.kind === 'message')).toHaveLength(2);
    expect((await mailboxById(desk.core, mailbox.id)).health.imported).toBe(3);

    // Not downloaded at all: no stored blob is anywhere near its size, and (once the session ends) the
    // server's own count of bytes it sent the desk is far below it.
    const biggest = await desk.core.store.db
      .selectFrom('blob')
      .select((eb) => eb.fn.max('size').as('size'))
      .executeTakeFirst();
    expect(Number(biggest?.size ?? 0)).toBeLessThan(limit);
    await desk.dispose();
    desk = await openTempCore();
    const sessions = await eventually(
      async () => (await dovecot.log()).slice(logFrom),
      // The delivery's session, and the desk's.
      (log) => [...log.matchAll(/Disconnected: .* in=\d+ out=\d+/g)].length >= 2,
      'the server to log both sessions',
    );
    const sent = [...sessions.matchAll(/Disconnected: .* in=\d+ out=(\d+)/g)].map((m) => Number(m[1]));
    expect(Math.max(...sent)).toBeLessThan(100 * 1024);
  });
});
