import { z } from 'zod';
import { headerText, outgoingRecipientSchema } from './mail-header.ts';
import type { OutgoingRecipient } from './mail-header.ts';
import { idSchema, requiredText } from './schemas.ts';

/**
 * The outbox (DESIGN §6): every mail the desk sends is a record, made through the one write path so it syncs
 * and shows on the incident's timeline, with its Message-ID fixed when it is made. It is queued, then sending
 * (claimed by the one device that sends it), then sent or failed; a failure that may pass (a server away)
 * goes back to the queue with a later next attempt.
 */
export const OUTBOX_STATES = ['queued', 'sending', 'sent', 'failed'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];
export const OUTBOX_STATE_LABELS: Record<OutboxState, string> = {
  queued: 'Waiting to be sent',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Not sent',
};

export function isOutboxState(value: unknown): value is OutboxState {
  return typeof value === 'string' && (OUTBOX_STATES as readonly string[]).includes(value);
}

/**
 * Who sends a mail: the device of the agent who wrote it (a manual reply), or `automation`, whichever device
 * holds the team's automation lease (mail no person wrote).
 */
export const AUTOMATION_SENDER = 'automation';

export interface OutgoingAttachment {
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  /** The blob holding it, on the device that sends the mail. */
  readonly hash: string;
}

export interface OutgoingMail {
  readonly id: string;
  readonly incidentId: string | null;
  readonly mailboxId: string;
  /** No person wrote it (an acknowledgement, a follow-up, a rule's template). */
  readonly automatic: boolean;
  readonly authorId: string | null;
  /** A device id, or AUTOMATION_SENDER. */
  readonly sender: string;
  readonly to: readonly OutgoingRecipient[];
  readonly cc: readonly OutgoingRecipient[];
  readonly subject: string;
  readonly text: string;
  readonly attachments: readonly OutgoingAttachment[];
  readonly messageId: string;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  readonly state: OutboxState;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly nextAttemptAt: string | null;
  readonly sentAt: string | null;
  /** The device sending it now (state `sending`), and since when. */
  readonly claimedBy: string | null;
  readonly claimedAt: string | null;
  /** SHA-256 of the message as sent, kept as a blob on the device that sent it. */
  readonly rawHash: string | null;
  readonly createdAt: string;
}

/**
 * How long a mail that could not be sent for a passing reason waits before the next attempt: a minute, then
 * doubling, at most an hour; after MAX_ATTEMPTS it is failed and waits for an agent.
 */
export const FIRST_RETRY_MS = 60_000;
export const MAX_RETRY_MS = 3_600_000;
export const MAX_ATTEMPTS = 10;

export function retryDelayMs(attempts: number): number {
  const doublings = Math.max(0, Math.min(attempts - 1, 30));
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** doublings);
}

const recipients = z.array(outgoingRecipientSchema).max(50, { message: 'at most 50 recipients' });

/** An attachment of a reply: a file already on this workstation (an inbound attachment) or an upload. */
export const replyAttachmentInput = z.union([
  z.strictObject({
    hash: z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256' }),
    name: headerText('File name', 255).pipe(z.string().min(1, { message: 'File name is required' })),
    contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, { message: 'must be a content type' }),
  }),
  z.strictObject({
    uploadId: idSchema,
    contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, { message: 'must be a content type' }),
  }),
]);

/** A public reply to the reporter, written by the signed-in agent. */
export const sendReplyInput = z.strictObject({
  incidentId: idSchema,
  text: requiredText('Reply', 100_000),
  /** The reporter when left out. */
  to: recipients.min(1, { message: 'name at least one recipient, or leave To out for the reporter' }).optional(),
  /** The others on the thread (who the answered mail also went to) when left out; an empty list sends to none. */
  cc: recipients.optional(),
  /** The mailbox it goes out from; by default the one the incident's mail came in through. */
  mailboxId: idSchema.optional(),
  attachments: z.array(replyAttachmentInput).max(20, { message: 'at most 20 attachments' }).default([]),
});
export type SendReplyInput = z.input<typeof sendReplyInput>;
export type SendReplyCommand = z.output<typeof sendReplyInput>;

export const outboxListInput = z.strictObject({
  states: z.array(z.enum(OUTBOX_STATES)).max(4).optional(),
  incidentId: idSchema.optional(),
  limit: z.number().int().min(1).max(1_000).default(200),
});
export type OutboxListInput = z.input<typeof outboxListInput>;

export const outboxIdInput = z.strictObject({ id: idSchema });

/** Largest total of attachments a reply carries: most mail servers refuse more than 25 MB. */
export const MAX_REPLY_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** What the composer needs to write a public reply: who it goes to, from where, signed how, and what it answers. */
export interface ReplyContext {
  readonly to: readonly OutgoingRecipient[];
  /** The others on the thread (who the answered mail also went to); the agent may change them. */
  readonly cc: readonly OutgoingRecipient[];
  readonly mailbox: { readonly id: string; readonly name: string; readonly address: string } | null;
  /** How the reply is signed: the agent's name, then the mailbox's signature. */
  readonly signature: string;
  /** The newest mail a person sent about the incident, for quoting. */
  readonly quote: { readonly from: string; readonly at: string; readonly text: string } | null;
  /** Why a public reply cannot go now (no mailbox sends, nobody to write to); null when it can. */
  readonly problem: string | null;
}
