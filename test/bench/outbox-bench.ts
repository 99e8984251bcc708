import MailComposer from 'nodemailer/lib/mail-composer';
import { createCore } from '#core/index.ts';
import { queueOutgoingMail } from '#core/outbox/outgoing-mail.service.ts';
import { createSmtpTransport } from '#core/outbox/smtp-transport.ts';
import { call } from '../helpers/invoke.ts';
import { startTestSmtp } from '../helpers/smtp-server.ts';
import { tempDir } from '../helpers/temp-workspace.ts';

export interface OutboxBenchOptions {
  readonly mails: number;
  readonly log: (line: string) => void;
}

// As the app queues: a few at a time (a command of thousands would spend its time in the recorder).
const QUEUE_BATCH = 50;

function draftText(n: number): string {
  return `Hello,\n\nwe received your message and gave it the number ${n}. An agent will answer within a working day.\n\n-- \nService Desk\n`;
}

/**
 * The outbox draining `mails` automatic mails into a local SMTP server (smtp-server on loopback): queued
 * through the one write path, then sent by the core's sender (a claim and a record per mail, each its own
 * transaction), beside nodemailer alone sending the same mails over the same kind of connection in the same run.
 */
const AGENT = { name: 'Bench Supervisor', address: 'bench@desk.test' };

export async function benchOutbox({ mails, log }: OutboxBenchOptions) {
  const smtp = await startTestSmtp();
  const dir = await tempDir('desk-bench-outbox-');
  const core = await createCore({ dataDir: dir.path, autoSync: false, duties: true, queueIndex: false });
  try {
    await call(core, 'session/register', { name: AGENT.name, email: AGENT.address });
    const outgoing = {
      address: 'support@desk.test',
      displayName: 'Service Desk',
      host: smtp.host,
      port: smtp.port,
      security: 'none' as const,
      username: '',
    };
    const mailbox = await call(core, 'mailbox/save', {
      name: 'Bench',
      host: '127.0.0.1',
      port: 1,
      tls: false,
      username: 'bench',
      password: 'bench',
      folder: 'INBOX',
      mode: 'poll',
      pollSeconds: 60,
      maxMessageBytes: 25 * 1024 * 1024,
      enabled: false,
      outgoing,
    });
    log(`Outbox: queueing ${mails} mails …`);
    const queueStarted = performance.now();
    for (let start = 0; start < mails; start += QUEUE_BATCH) {
      await core.store.command(null, async (tx, rec) => {
        for (let n = start; n < Math.min(mails, start + QUEUE_BATCH); n++) {
          await queueOutgoingMail(tx, rec, {
            incidentId: null,
            mailboxId: mailbox.id,
            automatic: true,
            authorId: null,
            // Automatic mail without an incident goes only to the team's agents (a notice by mail).
            to: [{ address: AGENT.address, name: AGENT.name }],
            subject: `Your message was received (${n})`,
            text: draftText(n),
          });
        }
      });
    }
    const queueSeconds = (performance.now() - queueStarted) / 1000;
    log('Outbox: draining …');
    const drainStarted = performance.now();
    const summary = await core.sendOutbox();
    const drainSeconds = (performance.now() - drainStarted) / 1000;

    log('Outbox: nodemailer alone …');
    const transport = createSmtpTransport({ ...outgoing, signature: '', sameAsImap: false, password: null });
    const floorStarted = performance.now();
    for (let n = 0; n < mails; n++) {
      const raw = await new MailComposer({
        from: { name: outgoing.displayName, address: outgoing.address },
        to: { name: AGENT.name, address: AGENT.address },
        subject: `Your message was received (${n})`,
        text: draftText(n),
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Loop': 'incident-desk' },
      })
        .compile()
        .build();
      await transport.sendMail({ envelope: { from: outgoing.address, to: [AGENT.address] }, raw });
    }
    const floorSeconds = (performance.now() - floorStarted) / 1000;
    transport.close();
    return {
      mails,
      sent: summary.sent,
      received: smtp.received.length,
      queueSeconds: Number(queueSeconds.toFixed(2)),
      queuedPerSecond: Math.round(mails / queueSeconds),
      drainSeconds: Number(drainSeconds.toFixed(2)),
      sentPerSecond: Math.round(summary.sent / drainSeconds),
      nodemailerAlone: { seconds: Number(floorSeconds.toFixed(2)), sentPerSecond: Math.round(mails / floorSeconds) },
    };
  } finally {
    await core.close();
    await smtp.close();
    await dir.remove();
  }
}
