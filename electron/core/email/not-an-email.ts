import { withLineFeeds } from './line-endings.ts';

/**
 * Whether a file handed in as one email is one at all. A message starts with its header fields (RFC 5322
 * §2.1); a program, a PDF, a JSON file named .eml or a file of white space does not, and importing it would
 * make an empty inbox item with no sender and no subject. Such a file is refused with the reason instead.
 *
 * Lenient where real mail is: an mbox envelope line ("From sender date") may come first, and so may one stray
 * line before the fields (a client that saved "---- Original email message ----" above the headers).
 */

/** A field name as mail writers use them (RFC 5322 allows any printable character; no real mailer does). */
const FIELD = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,75}[ \t]*:/;
/** How much of the start is looked at: the first fields of any message are well inside it. */
const LOOK_AT = 64 * 1024;
const STRAY_LINES = 1;

function firstLines(head: Buffer, count: number): string[] {
  const text = head.toString('latin1');
  const lines = text.split(/\r?\n/, count + 1);
  return text.startsWith('From ') ? lines.slice(1) : lines.slice(0, count);
}

function shown(line: string): string {
  // eslint-disable-next-line no-control-regex
  const printable = line.replace(/[\u0000-\u001f\u007f-\u00ff]/g, '?').trim();
  return printable.length > 60 ? `${printable.slice(0, 60)}…` : printable;
}

/** Why `raw` is not an email ("it holds binary data …"), or null when it starts as one does. */
export function whyNotAnEmail(raw: Buffer): string | null {
  const head = withLineFeeds(raw.subarray(0, LOOK_AT));
  if (!head.toString('latin1').trim()) return 'there is nothing in it but white space';
  const lines = firstLines(head, STRAY_LINES + 1);
  if (lines.some((line) => FIELD.test(line))) return null;
  if (head.includes(0)) return 'it holds binary data, not the header fields an email starts with';
  return `it does not start with header fields (From:, Subject: …); its first line is “${shown(lines[0] ?? '')}”`;
}
