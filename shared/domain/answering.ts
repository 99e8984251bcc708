import type { IntakeChannel, MailAddress, MessageKind } from './intake.ts';

/**
 * Whether the desk may ever answer a message on its own (an acknowledgement, a follow-up): the one question
 * every rule that sends mail asks first (DESIGN §5). An answer to a machine is a mail loop with a mailer daemon
 * or an acknowledgement sent to an abuse desk; RFC 3834 §2 forbids automatic answers to automatic mail.
 *
 * What it reads is kept on the message when it arrives, so nothing has to read the raw mail again: its kind,
 * its sender, and `neverAnswer`, the sign the importer found that no automatic answer may go there (messages
 * stored before that field existed have none, and are judged by their kind and sender alone).
 */
export interface AnswerCandidate {
  readonly channel: IntakeChannel;
  readonly kind: MessageKind;
  readonly from: MailAddress | null;
  readonly neverAnswer: string | null;
}

/**
 * Senders nobody reads: the no-reply addresses of notification systems, the mail system itself (RFC 5321's
 * MAILER-DAEMON, the postmaster) and mailing-list software (RFC 3834 §2: owner-*, *-request).
 */
export const NO_REPLY_ADDRESS =
  /^(no[-_.]?reply|do[-_.]?not[-_.]?reply|no[-_.]?response|noreply[-+.][^@]*|[^@]*[-_.]no[-_.]?reply)(@|$)/i;
const SYSTEM_ADDRESS =
  /^(mailer[-_.]?daemon|mail[-_.]?daemon|post_?master|[^@]*-(request|owner|bounces?)|owner-[^@]*|listserv|majordomo|mailman)(@|$)/i;

export function isNoReplyAddress(address: string): boolean {
  return NO_REPLY_ADDRESS.test(address) || SYSTEM_ADDRESS.test(address);
}

export function mayAnswerAutomatically(message: AnswerCandidate): boolean {
  if (message.channel !== 'email' || message.kind !== 'message') return false;
  if (message.neverAnswer !== null) return false;
  const address = message.from?.address ?? '';
  return address.includes('@') && !isNoReplyAddress(address);
}
