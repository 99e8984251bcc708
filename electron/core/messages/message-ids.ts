import { v5 as uuidv5 } from 'uuid';

/**
 * Ids of imported things are derived from what they came from (DESIGN §3), so two workstations importing the
 * same email make the same message, contact and incident, and converge when they sync.
 */
export const INTAKE_NAMESPACE = '6f1c5b1e-2f55-4c52-9a3f-3c1f0d6a2b71';

/**
 * An email's id: its Message-ID together with its content key (email/mail-identity.ts), or the content key alone
 * when it has no Message-ID. Two copies of one mail are one message; two mails that share a Message-ID are two.
 */
export function emailEntityId(messageId: string | null, contentKey: string): string {
  const content = `content:${contentKey}`;
  return uuidv5(messageId ? `message-id:${messageId.toLowerCase()}|${content}` : content, INTAKE_NAMESPACE);
}

/**
 * The id an email had before its content counted (its Message-ID alone, or its raw bytes): what workspaces
 * imported earlier hold, and what a message set aside on the IMAP server (only its envelope known) still gets.
 */
export function messageEntityId(messageId: string | null, rawHash: string): string {
  return uuidv5(messageId ? `message-id:${messageId.toLowerCase()}` : `raw:${rawHash}`, INTAKE_NAMESPACE);
}

/** A contact made from an email address. */
export function contactEntityId(address: string): string {
  return uuidv5(`contact:${address.toLowerCase()}`, INTAKE_NAMESPACE);
}

/** The incident a reply to a closed incident starts. */
export function incidentFromMessageId(messageEntity: string): string {
  return uuidv5(`incident-from:${messageEntity}`, INTAKE_NAMESPACE);
}
