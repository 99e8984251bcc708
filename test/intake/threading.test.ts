import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactEntityId } from '#core/messages/message-ids.ts';
import { call } from '../helpers/invoke.ts';
import { bouncesAvailable, corpusAvailable, readBounce, readCorpus } from './corpus.ts';
import { ANNA, STEPS, STRANGER, email, openIntakeDesk, walk } from './intake-desk.ts';
import type { IntakeDesk } from './intake-desk.ts';

/**
 * Threading and replies through the real import path (.eml and .mbox files into a workspace on a real SQLite
 * file), the way an agent meets them: what goes onto which incident, what stays in the inbox and why, and
 * what a reply does to the incident's status. Automatic mail attaches where it refers to an incident, but
 * never reopens or creates one.
 */
let desk: IntakeDesk;

beforeEach(async () => {
  desk = await openIntakeDesk();
});

afterEach(async () => {
  await desk.dispose();
});

describe('threading onto incidents', () => {
  it('[INC-n] from the reporter adds the reply to the incident', async () => {
    const { detail } = await desk.reportedIncident();
    const number = detail.incident.number!;
    const summary = await desk.importMail(
      email({
        from: ANNA,
        subject: `Re: [INC-${number}] Printer prints blank pages`,
        messageId: '<r1@northwind.example>',
        body: 'Still blank.',
      }),
    );
    expect(summary).toMatchObject({ threaded: 1, imported: 0 });
    const reply = await desk.messageWithId('<r1@northwind.example>');
    expect(reply).toMatchObject({ state: 'threaded', incident_id: detail.incident.id });
    expect(reply.note).toBe(`Added to INC-${number} by the number in its subject.`);
    const timeline = (await desk.incident(detail.incident.id)).timeline;
    expect(timeline.at(-1)).toMatchObject({
      type: 'message',
      message: expect.objectContaining({ subject: `Re: [INC-${number}] Printer prints blank pages` }),
    });
  });

  it('[INC-n] from a stranger does not: it waits in the inbox with a note saying why', async () => {
    const { detail } = await desk.reportedIncident();
    const number = detail.incident.number!;
    const summary = await desk.importMail(
      email({ from: STRANGER, subject: `[INC-${number}] give me access`, messageId: '<s1@elsewhere.example>' }),
    );
    expect(summary).toMatchObject({ imported: 1, threaded: 0 });
    const message = await desk.messageWithId('<s1@elsewhere.example>');
    expect(message).toMatchObject({ state: 'untriaged', incident_id: null });
    expect(message.note).toBe(
      `The subject names INC-${number}, but the sender is not part of it, so it waits for triage.`,
    );
    expect((await desk.incident(detail.incident.id)).timeline.filter((e) => e.type === 'message')).toHaveLength(1);
  });

  it('a number that names no incident waits too, and says so', async () => {
    await desk.importMail(email({ from: ANNA, subject: '[INC-4711] old ticket', messageId: '<o1@northwind.example>' }));
    expect((await desk.messageWithId('<o1@northwind.example>')).note).toBe(
      'The subject names INC-4711, which does not exist here, so it waits for triage.',
    );
  });

  it('In-Reply-To and References thread, even from someone new on the thread', async () => {
    const { detail, messageId } = await desk.reportedIncident();
    const summary = await desk.importMail(
      email({
        from: 'Carl <carl@northwind.example>',
        subject: 'Re: Printer prints blank pages',
        messageId: '<x1@northwind.example>',
        inReplyTo: messageId,
      }),
      email({
        from: ANNA,
        subject: 'Printer (also the scanner)',
        messageId: '<x2@northwind.example>',
        references: ['<unknown@example.com>', messageId],
      }),
    );
    expect(summary).toMatchObject({ threaded: 2 });
    for (const id of ['<x1@northwind.example>', '<x2@northwind.example>']) {
      expect(await desk.messageWithId(id)).toMatchObject({
        state: 'threaded',
        incident_id: detail.incident.id,
        note: 'Added to the incident it replies to.',
      });
    }
  });

  it('a reply to a reply in the same mbox follows it onto the incident', async () => {
    const { detail, messageId } = await desk.reportedIncident();
    await desk.importMail(
      email({ from: ANNA, subject: 'Re: Printer', messageId: '<y1@northwind.example>', inReplyTo: messageId }),
      email({
        from: ANNA,
        subject: 'Re: Re: Printer',
        messageId: '<y2@northwind.example>',
        inReplyTo: '<y1@northwind.example>',
      }),
    );
    expect((await desk.messageWithId('<y2@northwind.example>')).incident_id).toBe(detail.incident.id);
  });
});

describe('what a reply does to the incident', () => {
  it('a reply to a resolved incident reopens it', async () => {
    const { detail, messageId } = await desk.reportedIncident('resolved');
    await desk.importMail(
      email({
        from: ANNA,
        subject: 'Re: Printer prints blank pages',
        messageId: '<re1@northwind.example>',
        inReplyTo: messageId,
        body: 'It is blank again.',
      }),
    );
    const after = await desk.incident(detail.incident.id);
    expect(after.incident.status).toBe('in_progress');
    expect(after.incident.resolvedAt).toBeNull();
    expect(after.timeline.find((e) => e.action === 'reopen')?.body).toBe('Reopened by a reply from Anna Berg.');
    // The timeline reads as it happened: the reply arrives, then the incident reopens because of it.
    const reply = after.timeline.findIndex((e) => e.message?.subject === 'Re: Printer prints blank pages');
    const reopened = after.timeline.findIndex((e) => e.action === 'reopen');
    expect(reply).toBeGreaterThanOrEqual(0);
    expect(reopened).toBe(reply + 1);
  });

  it('a reply to an incident waiting on the customer shows before the work resumes', async () => {
    const { detail, messageId } = await desk.reportedIncident('waiting_on_customer');
    await desk.importMail(
      email({
        from: ANNA,
        subject: 'Re: Printer prints blank pages',
        messageId: '<re-wait@northwind.example>',
        inReplyTo: messageId,
        body: 'Here is the photo you asked for.',
      }),
    );
    const after = await desk.incident(detail.incident.id);
    expect(after.incident.status).toBe('in_progress');
    const types = after.timeline.slice(-2).map((e) => (e.type === 'message' ? 'message' : e.action));
    expect(types).toEqual(['message', 'resume']);
  });

  it("an agent's own mail on the thread goes onto the incident without reopening it", async () => {
    const { detail, messageId } = await desk.reportedIncident('resolved');
    const summary = await desk.importMail(
      email({
        from: 'Alex Morgan <Alex@desk.example>',
        to: ANNA,
        subject: 'Re: Printer prints blank pages',
        messageId: '<agent1@desk.example>',
        inReplyTo: messageId,
        headers: ['Cc: support@desk.example'],
      }),
    );
    expect(summary).toMatchObject({ threaded: 1 });
    expect((await desk.incident(detail.incident.id)).incident.status).toBe('resolved');
  });

  it('a reply to an incident waiting on the customer resumes it', async () => {
    const { detail, messageId } = await desk.reportedIncident('waiting_on_customer');
    await desk.importMail(
      email({
        from: ANNA,
        subject: 'Re: Printer prints blank pages',
        messageId: '<re2@northwind.example>',
        inReplyTo: messageId,
      }),
    );
    const after = await desk.incident(detail.incident.id);
    expect(after.incident.status).toBe('in_progress');
    expect(after.timeline.find((e) => e.action === 'resume')?.body).toBe('Anna Berg replied.');
  });

  it('a reply to a closed incident starts a new incident linked to the old one', async () => {
    const { detail, messageId } = await desk.reportedIncident('closed');
    const summary = await desk.importMail(
      email({
        from: ANNA,
        subject: 'Re: Printer prints blank pages',
        messageId: '<re3@northwind.example>',
        inReplyTo: messageId,
        body: 'Blank pages again, a month later.',
      }),
    );
    expect(summary).toMatchObject({ threaded: 1 });
    const reply = await desk.messageWithId('<re3@northwind.example>');
    expect(reply.state).toBe('incident');
    expect(reply.incident_id).not.toBe(detail.incident.id);
    const started = await desk.incident(reply.incident_id!);
    expect(started.incident).toMatchObject({
      status: 'new',
      channel: 'email',
      relatedIncidentIds: [detail.incident.id],
      title: 'Re: Printer prints blank pages',
    });
    expect(started.incident.reporterId).toBe(contactEntityId('anna.berg@northwind.example'));
    const old = await desk.incident(detail.incident.id);
    expect(old.incident.status).toBe('closed');
    expect(old.timeline.at(-1)?.body).toBe(
      'A reply from Anna Berg arrived after this incident was closed; it started a new incident.',
    );
    // A second reply to the old thread goes onto the new incident, not a third one.
    await desk.importMail(
      email({
        from: ANNA,
        subject: 'Re: Printer',
        messageId: '<re4@northwind.example>',
        inReplyTo: '<re3@northwind.example>',
      }),
    );
    expect((await desk.messageWithId('<re4@northwind.example>')).incident_id).toBe(reply.incident_id);
    expect(await desk.countOf('incident')).toBe(2);
  });
});

describe('automatic replies and bounces', () => {
  it('an out-of-office reply attaches to the incident it answers but does not reopen it', async () => {
    const { detail } = await desk.reportedIncident('resolved');
    const number = detail.incident.number!;
    const summary = await desk.importMail(
      email({
        from: ANNA,
        subject: `Automatic reply: [INC-${number}] Printer prints blank pages`,
        messageId: '<oof1@northwind.example>',
        headers: ['Auto-Submitted: auto-replied', 'X-Auto-Response-Suppress: All'],
        body: 'I am out of the office until Monday.',
      }),
    );
    expect(summary).toMatchObject({ automatic: 1, threaded: 0, imported: 0 });
    expect(await desk.messageWithId('<oof1@northwind.example>')).toMatchObject({
      kind: 'auto_reply',
      state: 'threaded',
      incident_id: detail.incident.id,
    });
    expect((await desk.incident(detail.incident.id)).incident.status).toBe('resolved');
  });

  it.runIf(corpusAvailable)(
    'a real bounce of our reply attaches through the message it returns, closed or not, and creates nothing',
    async () => {
      // mail053 returns our reply to <92a8…@www.example.com>, a customer's message that is on an incident.
      const customer = '<92a8950479d35e18cb39263e9a35de3b@www.example.com>';
      await desk.importMail(
        email({
          from: 'John <john_example@example.com>',
          subject: 'Feedback after Uninstallation',
          messageId: customer,
        }),
      );
      const { incidentIds } = await call(desk.core, 'inbox/createIncident', {
        ids: [(await desk.messageWithId(customer)).id],
      });
      const id = incidentIds[0]!;
      await walk(desk.core, id, STEPS.closed);
      const incidents = await desk.countOf('incident');
      const summary = await desk.importMail(readCorpus('zammad/mail053.box'));
      expect(summary).toMatchObject({ automatic: 1 });
      const bounce = await desk.core.store.db
        .selectFrom('message')
        .selectAll()
        .where('kind', '=', 'bounce')
        .executeTakeFirstOrThrow();
      expect(bounce).toMatchObject({ incident_id: id, state: 'threaded', from_address: 'mailer-daemon' });
      expect(bounce.note).toMatch(
        /^Delivery to john_example@example\.com failed .* Added to the incident it replies to\.$/,
      );
      expect((await desk.incident(id)).incident.status).toBe('closed');
      expect(await desk.countOf('incident')).toBe(incidents);
    },
  );

  it.runIf(bouncesAvailable)(
    'a real abuse report about our mail on an incident stays in the inbox, on no incident, and creates none',
    async () => {
      // arf-20 reports the message <000000000eee@example.net>; here it is a customer's message on an incident.
      const reported = '<000000000eee@example.net>';
      await desk.importMail(email({ from: ANNA, subject: 'Nyaan', messageId: reported }));
      await call(desk.core, 'inbox/createIncident', { ids: [(await desk.messageWithId(reported)).id] });
      const incidents = await desk.countOf('incident');
      expect(await desk.importMail(readBounce('bsd/arf-20.eml'))).toMatchObject({ automatic: 1, threaded: 0 });
      expect(await desk.messageWithId('<20150429233445.0022FFEE0000@example.net>')).toMatchObject({
        kind: 'abuse_report',
        state: 'untriaged',
        incident_id: null,
      });
      expect(await desk.countOf('incident')).toBe(incidents);
    },
  );

  it('a bounce finds its incident by the number in the returned subject when it went to a participant', async () => {
    const { detail } = await desk.reportedIncident();
    const number = detail.incident.number!;
    const returned = email({
      from: 'IT Service Desk <support@desk.example>',
      to: ANNA,
      subject: `[INC-${number}] We are on it`,
      messageId: '<out-1@desk.example>',
    });
    const bounce = Buffer.from(
      [
        'From: Mail Delivery System <MAILER-DAEMON@mx.northwind.example>',
        'To: support@desk.example',
        'Subject: Undelivered Mail Returned to Sender',
        'Date: Mon, 02 Mar 2026 08:20:00 +0000',
        'Message-ID: <bounce-1@mx.northwind.example>',
        'Auto-Submitted: auto-replied',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'Your message could not be delivered.',
        '--b',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.northwind.example',
        '',
        'Final-Recipient: rfc822; anna.berg@northwind.example',
        'Action: failed',
        'Status: 5.2.2',
        'Diagnostic-Code: smtp; 552 5.2.2 Mailbox full',
        '--b',
        'Content-Type: message/rfc822',
        '',
        returned.toString('utf8'),
        '--b--',
        '',
      ].join('\r\n'),
    );
    await desk.importMail(bounce);
    const found = await desk.messageWithId('<bounce-1@mx.northwind.example>');
    expect(found).toMatchObject({ kind: 'bounce', incident_id: detail.incident.id });
    expect(found.note).toBe(
      'Delivery to anna.berg@northwind.example failed (5.2.2: 552 5.2.2 Mailbox full). Added to the incident whose mail it returns.',
    );
  });

  it("a stranger's mail with an attached message naming an incident does not reach it", async () => {
    const { detail } = await desk.reportedIncident('resolved');
    const number = detail.incident.number!;
    // The attachment is whatever the stranger made it: our subject, sent to the reporter and to an agent.
    const attached = email({
      from: 'IT Service Desk <support@desk.example>',
      to: `${ANNA}, Alex Morgan <alex@desk.example>`,
      subject: `[INC-${number}] We are on it`,
      messageId: '<forged-1@desk.example>',
    });
    const forged = Buffer.from(
      [
        `From: ${STRANGER}`,
        'To: support@desk.example',
        'Subject: Have a look at this',
        'Date: Mon, 02 Mar 2026 08:20:00 +0000',
        'Message-ID: <forged-outer@elsewhere.example>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="m"',
        '',
        '--m',
        'Content-Type: text/plain',
        '',
        'See the attached mail.',
        '--m',
        'Content-Type: message/rfc822',
        '',
        attached.toString('utf8'),
        '--m--',
        '',
      ].join('\r\n'),
    );
    const summary = await desk.importMail(forged);
    expect(summary).toMatchObject({ imported: 1, threaded: 0 });
    expect(await desk.messageWithId('<forged-outer@elsewhere.example>')).toMatchObject({
      kind: 'message',
      incident_id: null,
      state: 'untriaged',
    });
    expect((await desk.incident(detail.incident.id)).incident.status).toBe('resolved');
  });

  it('our own notification coming back (X-Loop: incident-desk) goes onto its incident and changes nothing', async () => {
    const { detail } = await desk.reportedIncident('waiting_on_customer');
    const number = detail.incident.number!;
    const summary = await desk.importMail(
      email({
        from: 'Alex Morgan <alex@desk.example>',
        to: ANNA,
        subject: `[INC-${number}] Printer prints blank pages`,
        messageId: '<loop1@desk.example>',
        headers: ['X-Loop: incident-desk', 'Auto-Submitted: auto-replied'],
      }),
    );
    expect(summary).toMatchObject({ automatic: 1, threaded: 0 });
    expect(await desk.messageWithId('<loop1@desk.example>')).toMatchObject({
      kind: 'loop',
      incident_id: detail.incident.id,
    });
    expect((await desk.incident(detail.incident.id)).incident.status).toBe('waiting_on_customer');
  });

  it('automatic mail that refers to nothing is set aside as noise, not left to triage, and never becomes an incident', async () => {
    const before = await desk.countOf('incident');
    const summary = await desk.importMail(
      email({
        from: 'Newsletter <news@vendor.example>',
        subject: 'Our March offers',
        messageId: '<n1@vendor.example>',
        headers: ['Precedence: bulk', 'List-Unsubscribe: <mailto:leave@vendor.example>'],
      }),
      email({
        from: 'Mail Delivery Subsystem <mailer-daemon@vendor.example>',
        subject: 'Returned mail',
        messageId: '<n2@vendor.example>',
      }),
    );
    expect(summary).toMatchObject({ automatic: 2, imported: 0 });
    expect(await desk.countOf('incident')).toBe(before);
    // The import summary counts them as automatic, not new: the inbox agrees and does not offer them for triage.
    for (const id of ['<n1@vendor.example>', '<n2@vendor.example>']) {
      const message = await desk.messageWithId(id);
      expect(message.state, id).toBe('noise');
      expect(message.note, id).toMatch(/Set aside as noise: automatic mail that answers no incident\.$/);
    }
    const waiting = await call(desk.core, 'inbox/list', {});
    expect(waiting.items.map((item) => item.subject)).not.toContain('Our March offers');
    // Nor does a newsletter make its sender a contact.
    expect((await desk.messageWithId('<n1@vendor.example>')).contact_id).toBeNull();
  });
});
