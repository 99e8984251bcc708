import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailboxSettings, MailboxTestResult } from '#shared/domain/mailbox.ts';
import { OUR_LOOP_MARK } from '#core/email/classify.ts';
import { lookUpOutgoingPassword } from '#core/mailboxes/outgoing-password.ts';
import type { SecretStore } from '#core/secrets/secrets.ts';
import { createSmtpTransport, describeSmtpFailure } from './smtp-transport.ts';

/**
 * "Send test mail": a short mail from the mailbox's outgoing settings, straight to the server (not through the
 * outbox: nothing about it belongs to the team), answered in words: what the server said, or what went wrong.
 */
export async function sendTestMail(
  secrets: SecretStore,
  mailbox: MailboxSettings,
  to: string,
  now: Date,
): Promise<MailboxTestResult> {
  const outgoing = mailbox.outgoing;
  if (!outgoing) return { ok: false, message: `${mailbox.name} has no outgoing (SMTP) settings to test.` };
  const found = await lookUpOutgoingPassword(secrets, mailbox, outgoing);
  if (found.kind === 'missing' || found.kind === 'other_server') return { ok: false, message: found.reason };
  const target = { ...outgoing, password: found.kind === 'found' ? found.password : null };
  const raw = await new MailComposer({
    from: { name: outgoing.displayName, address: outgoing.address },
    to,
    subject: `Test mail from Incident Desk (${mailbox.name})`,
    date: now,
    text: `This is a test of the outgoing settings of the mailbox “${mailbox.name}”. If it reached you, replies from the desk will too.\n`,
    headers: { 'X-Loop': OUR_LOOP_MARK, 'Auto-Submitted': 'auto-generated' },
    disableFileAccess: true,
    disableUrlAccess: true,
    xMailer: false,
  })
    .compile()
    .build();
  const transport = createSmtpTransport(target);
  try {
    const info = (await transport.sendMail({ envelope: { from: outgoing.address, to: [to] }, raw })) as {
      response?: string;
    };
    const clear =
      outgoing.security === 'none' ? ' The connection is not encrypted, which is allowed only to this computer.' : '';
    return {
      ok: true,
      messages: 1,
      message: `${outgoing.host} took the test mail for ${to}${info.response ? ` (“${info.response.slice(0, 200)}”)` : ''}.${clear}`,
    };
  } catch (error) {
    return { ok: false, message: describeSmtpFailure(error, target).message };
  } finally {
    transport.close();
  }
}
