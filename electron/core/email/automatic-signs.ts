/**
 * The words and marks by which mail servers, mailing-list managers and feedback loops give themselves away, in
 * the forms real systems send: the mail system's own sender names, the subjects of delivery failures in the
 * languages the big providers write them in, and the sentences of a failure report's body. They are read only
 * together with other evidence (classify.ts): a person may well write "undeliverable" in a subject.
 */

/** Local parts the mail system sends from: the null sender's stand-in (RFC 5321 §4.5.5) and its relatives. */
export const DAEMON_ADDRESS =
  /^(mailer[-_.]?daemon|mail[-_.]?daemon|mdaemon|mail\.?delivery\.?(sub)?system|double-bounce)(@|$)/i;

/**
 * How a mail system names itself in From: "Mail Delivery Subsystem", "Mailer Daemon", "MAILER-DAEMON <>". Not
 * "System Administrator" or "Postmaster": people answer to those names too.
 */
export const DAEMON_NAME =
  /\bmail(er)?[ _-]?daemon\b|^\s*"?(mail delivery (sub)?system|mail deliver system|mail delivery service|internet mail delivery)"?\s*$|\bndr administrator\b/i;

export const POSTMASTER_ADDRESS = /^(post_?master|poostmaster|mailadmin|mail-admin)(@|$)/i;

/** Who runs a mailing list: its admin, owner and request addresses, and the list managers' own names. */
export const LIST_MANAGER_ADDRESS =
  /^([^@]+-(admin|owner|request|bounces?)|owner-[^@]+|listserv|majordomo|mailman|sympa|ezmlm|fml)(@|$)/i;

/** A reply or a forward: a person writing about a failure, not the failure report itself. */
const REPLY_PREFIX = /^\s*(re|fwd?|aw|wg|tr|sv|vs|rv|antw|doorst|r|i)\s*(\[\d+\])?\s*:/i;

/**
 * Subjects of delivery failures and delays, as the mail servers in use write them: Postfix, Sendmail, Exim,
 * qmail, Exchange and Microsoft 365 in their languages, Gmail, Yahoo, Lotus Notes, OpenSMTPD, DragonFly, Trend
 * Micro, mail.ru, Yandex, the Japanese carriers.
 */
const FAILURE_SUBJECT = new RegExp(
  [
    'undeliver(able|ed)',
    '^\\s*\\[bounce\\]',
    'returned mail',
    'mail returned',
    'returning (message )?to sender',
    'mail (delivery )?fail(ed|ure)',
    '(message |email )?delivery (has )?(failed|failure)',
    'delivery (status )?notification( ?:)? *(\\((failure|delay|mail delivery delayed)\\)|:? *(error|failed|delayed))',
    'failure (notice|delivery)',
    'failed delivery',
    'non[- ]?deliver(y|able)',
    'could ?(not|n.t) be delivered',
    'not (been )?delivered',
    '(unable|not able|was not able|wasn.t able) to deliver',
    'could not send message',
    'delivery (has been )?delayed',
    'delayed mail',
    'message .{0,60}delayed',
    'mail system error',
    'error sending your mail',
    'postmaster notify',
    'unzustellbar',
    'nicht zustellbar',
    'non remis',
    'non distribu',
    'onbestelbaar',
    'no se (puede|pudo) entregar',
    'impossibile recapitare',
    'não (foi )?entregue',
    'не доставлен',
    'недоставленное',
    '配信できません',
    '配信不能',
    '送信エラー',
    '送信不能',
    '退信',
    '投递失败',
    '无法投递',
  ].join('|'),
  'i',
);

/** Subjects of a notice that mail went through (Exchange's "Delivered:", DSN "(Success)" or "(Relay)"). */
const SUCCESS_SUBJECT =
  /^\s*(delivered|relayed|zugestellt|remis)\s*:|delivery status notification \((success|relay)\)|successful mail delivery|delivery (has )?succeeded/i;

export function isFailureSubject(subject: string): boolean {
  return !REPLY_PREFIX.test(subject) && FAILURE_SUBJECT.test(subject);
}

export function isSuccessSubject(subject: string): boolean {
  return !REPLY_PREFIX.test(subject) && SUCCESS_SUBJECT.test(subject);
}

/**
 * What a failure report's text says, in the sentences the servers use: the message could not be delivered,
 * the recipient is unknown or their mailbox full, an SMTP reply of the 5xx class with its enhanced status code
 * (RFC 3463).
 */
const FAILURE_TEXT = new RegExp(
  [
    'could ?(not|n.t) be delivered',
    'was not delivered',
    '(unable|not able|was not able|wasn.t able) to deliver',
    'undeliverable',
    'delivery (to the following recipients? )?(has )?failed',
    'permanent(ly)? (fatal )?error',
    'fatal errors',
    'user unknown',
    'unknown user',
    'no such (user|mailbox|recipient)',
    'mailbox (is )?(full|unavailable|not found|disabled)',
    'recipient address rejected',
    'host unknown',
    'message (was )?rejected',
    'delivery (to .{1,120})?(has been )?delayed',
    '\\b[45]\\.\\d{1,3}\\.\\d{1,3}\\b',
    '\\b5[05][0-9][ -]',
  ].join('|'),
  'i',
);

export function saysDeliveryFailed(text: string): boolean {
  return FAILURE_TEXT.test(text.slice(0, 8_192));
}

/**
 * A delivery report written into the text rather than as its own part (RFC 3464's fields, one recipient
 * block at least): how some servers and gateways send one.
 */
export function deliveryFieldsInText(text: string): boolean {
  const head = text.slice(0, 16_384);
  return /^(final|original)-recipient\s*:/im.test(head) && /^(action|status)\s*:/im.test(head);
}

/** Where a failure report starts the copy of the message it returns, inline (qmail, Exim, DragonFly, Domino). */
const RETURNED_INLINE =
  /^\s*(-+ ?)?(original message follows|message headers follow|below this line is a copy of the message|this is a copy of the (message|headers)|the original message was received|original message:)/im;

export function quotesReturnedMessage(text: string): boolean {
  return RETURNED_INLINE.test(text);
}

/** A feedback loop that does not use ARF: the complaint formats of big mailbox providers. */
export const COMPLAINT_SUBJECT = /^\s*(complaint about message from|client tos notification|\[spamcop\b)/i;

/**
 * Amazon SES's notifications through SNS: a JSON body whose type says what happened to a message SES sent
 * (https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html).
 */
const SES_NOTIFICATION = /\\?"(notificationType|eventType)\\?"\s*:\s*\\?"(Bounce|Complaint|Delivery)\\?"/;

export function sesNotification(text: string): 'Bounce' | 'Complaint' | 'Delivery' | null {
  // The notification's own JSON, or SNS's around it, which escapes its quotes.
  const found = SES_NOTIFICATION.exec(text.slice(0, 4_096));
  return (found?.[2] as 'Bounce' | 'Complaint' | 'Delivery' | undefined) ?? null;
}
