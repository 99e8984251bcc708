import type { MailboxView } from '#shared/domain/mailbox.ts';

export type HealthTone = 'ok' | 'failing' | 'waiting' | 'off';

export interface HealthWords {
  readonly tone: HealthTone;
  /** "Working", "Failing", "Not fetched yet", "Switched off". */
  readonly status: string;
  /** Who reads it, and what this workstation needs to read it. */
  readonly reader: string;
}

/** How a mailbox stands, in words, from the health this workstation knows of. */
export function describeMailboxHealth(mailbox: MailboxView): HealthWords {
  const { health } = mailbox;
  const reader =
    health.readBy === 'here'
      ? health.passwordStored
        ? 'Read by this workstation.'
        : 'This workstation should read it, but has no password for it: edit the mailbox and type it here.'
      : health.readBy === 'elsewhere'
        ? 'Read by the workstation that runs the team’s automation; what it has seen shows there.'
        : 'Not read while it is switched off.';
  if (!mailbox.enabled || health.readBy === 'off') return { tone: 'off', status: 'Switched off', reader };
  if (health.failing) return { tone: 'failing', status: 'Failing', reader };
  if (health.lastSuccessAt) return { tone: 'ok', status: 'Working', reader };
  return { tone: 'waiting', status: 'Not fetched yet', reader };
}
