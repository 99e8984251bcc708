import { isNoReplyAddress } from '#shared/domain/answering.ts';
import type { Classification } from './classify.ts';
import type { ParsedEmail } from './parse-email.ts';

/**
 * Why no automatic answer may ever go to a message (shared/domain/answering.ts asks), found when it arrives and
 * kept on it. Automatic mail of every kind, by its classification; and a person's message that an answer would
 * still turn into a loop: its sender or reply address nobody reads, the desk's own mailbox, or another ticket
 * system or notifier that would file our acknowledgement and acknowledge it back.
 */

/** Headers other help desks and notifiers put on the mail they send, and whose they are. */
const OTHER_SYSTEMS: readonly [header: string, system: string][] = [
  ['x-otrs-loop', 'OTRS'],
  ['x-rt-loop-prevention', 'Request Tracker'],
  ['rt-ticket', 'Request Tracker'],
  ['x-jira-fingerprint', 'Jira'],
  ['x-github-reason', 'GitHub'],
  ['x-gitlab-project', 'GitLab'],
  ['x-redmine-host', 'Redmine'],
  ['x-zendesk-from-account-id', 'Zendesk'],
  ['x-servicenow-generated', 'ServiceNow'],
];

function otherSystem(headers: ReadonlyMap<string, string>): string | null {
  for (const [header, system] of OTHER_SYSTEMS) if (headers.has(header)) return system;
  for (const name of headers.keys()) if (name.startsWith('x-zammad-')) return 'Zammad';
  return null;
}

export function neverAnswerReason(
  email: ParsedEmail,
  classification: Classification,
  ownAddresses: ReadonlySet<string>,
): string | null {
  if (classification.kind !== 'message') return classification.reason ?? 'Sent by a program, not a person.';
  for (const sender of [email.from, email.replyTo]) {
    if (!sender) continue;
    if (ownAddresses.has(sender.address)) {
      return `Sent from the desk's own mailbox (${sender.address}): an answer would come straight back.`;
    }
    if (isNoReplyAddress(sender.address)) {
      return `Nobody reads replies to ${sender.address}: the address says so.`;
    }
  }
  const system = otherSystem(email.headers);
  return system ? `Sent by another ticket system (${system}), which would answer an answer.` : null;
}
