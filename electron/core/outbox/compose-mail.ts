import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutgoingSettings } from '#shared/domain/mailbox.ts';
import type { OutgoingMail } from '#shared/domain/outbox.ts';
import { formatIncidentNumber } from '#shared/domain/incident.ts';
import { fillIncidentNumber } from '#shared/domain/templates.ts';
import { OUR_LOOP_MARK, OUR_MAIL_HEADER } from '#core/email/classify.ts';

/** The `[INC-n]` token that threads the reporter's answer back (core/email/threading.ts reads it). */
export function subjectWithToken(subject: string, incidentNumber: number | null): string {
  if (incidentNumber === null) return subject;
  const token = `[INC-${incidentNumber}]`;
  return subject.toUpperCase().includes(token) ? subject : `${token} ${subject}`.trim();
}

export interface ComposeInput {
  readonly mail: OutgoingMail;
  readonly outgoing: OutgoingSettings;
  /** The incident's number as known when the mail is built (a new incident may get it from the hub late). */
  readonly incidentNumber: number | null;
  /** The content of each attachment, by hash. */
  readonly attachments: ReadonlyMap<string, Buffer>;
}

/**
 * The raw message, built once and kept as sent (a resend sends the same bytes). Names and subjects are
 * encoded by RFC 2047 where they are not ASCII; the marks that make it recognisable go in every mail: X-Loop
 * and our own header (so it is known if it comes back), and Auto-Submitted where no person wrote it (RFC 3834:
 * `auto-replied` when it answers a message, `auto-generated` otherwise), so well-behaved systems do not answer
 * it automatically.
 */
export async function composeMail(input: ComposeInput): Promise<Buffer> {
  const { mail, outgoing, incidentNumber } = input;
  const number = incidentNumber === null ? 'your incident' : formatIncidentNumber(incidentNumber);
  const headers: Record<string, string> = { 'X-Loop': OUR_LOOP_MARK };
  if (incidentNumber !== null) headers[OUR_MAIL_HEADER] = `INC-${incidentNumber}`;
  if (mail.automatic) {
    headers['Auto-Submitted'] = mail.inReplyTo ? 'auto-replied' : 'auto-generated';
    headers['X-Auto-Response-Suppress'] = 'All';
  }
  const composer = new MailComposer({
    from: { name: outgoing.displayName, address: outgoing.address },
    to: mail.to.map((r) => ({ name: r.name, address: r.address })),
    ...(mail.cc.length ? { cc: mail.cc.map((r) => ({ name: r.name, address: r.address })) } : {}),
    subject: subjectWithToken(fillIncidentNumber(mail.subject, number), incidentNumber),
    messageId: mail.messageId,
    date: new Date(mail.createdAt),
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
    ...(mail.references.length ? { references: [...mail.references] } : {}),
    // A template rendered before the hub numbered the incident left the number's placeholder for now.
    text: fillIncidentNumber(mail.text, number),
    textEncoding: 'quoted-printable',
    headers,
    attachments: mail.attachments.map((attachment) => ({
      filename: attachment.name,
      contentType: attachment.contentType,
      content: input.attachments.get(attachment.hash) ?? Buffer.alloc(0),
    })),
    // Nothing in a mail may make the desk read a file or fetch a URL: content comes from the store only.
    disableFileAccess: true,
    disableUrlAccess: true,
    baseBoundary: mail.id.replace(/-/g, ''),
    // As it goes on the wire: what is kept is byte for byte what the server received.
    newline: '\r\n',
    xMailer: false,
  });
  return composer.compile().build();
}
