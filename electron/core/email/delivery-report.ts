/**
 * A delivery status report (RFC 3464, and RFC 6533's message/global-delivery-status): per recipient, what the
 * reporting mail server did with the message. "failed" and "delayed" are a delivery failure (a bounce);
 * "delivered", "relayed" and "expanded" are a notice that it went through.
 */
export interface RecipientStatus {
  readonly address: string;
  readonly action: 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded';
  readonly status: string | undefined;
  readonly diagnostic: string | undefined;
}

const SUCCESS_ACTIONS = new Set(['delivered', 'relayed', 'expanded']);
const MAX_RECIPIENTS = 1_000;

/**
 * What the Action field says, or else the Status code's class (RFC 3463: 2 success, 4 persistent transient
 * failure, 5 permanent failure); a recipient block that says neither reported a failure (the reason for most
 * reports, and what every server that omits the field means).
 */
function actionOf(action: string | undefined, status: string | undefined): RecipientStatus['action'] {
  const named = action?.toLowerCase().split(/[\s(]/)[0];
  if (named === 'failed' || named === 'delayed' || (named && SUCCESS_ACTIONS.has(named))) {
    return named as RecipientStatus['action'];
  }
  const statusClass = /^\s*([245])\./.exec(status ?? '')?.[1];
  if (statusClass === '2') return 'delivered';
  if (statusClass === '4') return 'delayed';
  return 'failed';
}

/** The recipients a report names, each with what happened. */
export function recipientStatuses(report: string): RecipientStatus[] {
  return report
    .split(/\r?\n[ \t]*\r?\n/)
    .slice(0, MAX_RECIPIENTS)
    .map((block) => {
      const field = (name: string) => new RegExp(`^${name}[ \\t]*:[ \\t]*(.+)$`, 'im').exec(block)?.[1]?.trim();
      const recipient = field('Final-Recipient') ?? field('Original-Recipient');
      if (!recipient) return null;
      const status = field('Status');
      return {
        address: recipient.replace(/^(rfc822|utf-8)[ \t]*;[ \t]*/i, ''),
        action: actionOf(field('Action'), status),
        status,
        diagnostic: field('Diagnostic-Code')?.replace(/^smtp[ \t]*;[ \t]*/i, ''),
      };
    })
    .filter((recipient) => recipient !== null);
}

/** Whether every recipient the report names went through: a delivery notice, not a bounce. */
export function reportsOnlySuccess(recipients: readonly RecipientStatus[]): boolean {
  return recipients.length > 0 && recipients.every((r) => SUCCESS_ACTIONS.has(r.action));
}

/**
 * What a report says failed, in a line for the agent: "Delivery to x@example.com failed (5.1.1: 550 User
 * unknown)." Only failed recipients count; a report of delays says so instead.
 */
export function deliveryFailure(report: string): string | null {
  const recipients = recipientStatuses(report);
  const failed = recipients.filter((r) => r.action === 'failed');
  const shown = failed.length ? failed : recipients.filter((r) => r.action === 'delayed');
  if (!shown.length) return null;
  const first = shown[0]!;
  const detail = [first.status, first.diagnostic].filter(Boolean).join(': ');
  const others = shown.length > 1 ? ` and ${shown.length - 1} more` : '';
  const verb = failed.length ? 'failed' : 'is delayed';
  return `Delivery to ${first.address}${others} ${verb}${detail ? ` (${detail.slice(0, 200)})` : ''}.`;
}

/** The same for a notice of success: "Delivered to x@example.com (2.0.0)." */
export function deliverySuccess(recipients: readonly RecipientStatus[]): string {
  const first = recipients[0];
  if (!first) return 'A delivery notice: the message was delivered.';
  const others = recipients.length > 1 ? ` and ${recipients.length - 1} more` : '';
  const verb = first.action === 'delivered' ? 'Delivered' : first.action === 'relayed' ? 'Relayed' : 'Expanded';
  return `${verb} to ${first.address}${others}${first.status ? ` (${first.status})` : ''}.`;
}
