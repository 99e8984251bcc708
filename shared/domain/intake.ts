import { z } from 'zod';
import { levelSchema } from './enums.ts';
import { idSchema, optionalText, requiredText } from './schemas.ts';

/**
 * The multi-channel inbox (DESIGN §5): everything that arrives (an email, a logged call or walk-in, a
 * monitoring alert) is an inbound message, kept whole, and either threads onto an incident by itself or waits
 * in the inbox for an agent to triage.
 */
export const INTAKE_CHANNELS = ['email', 'phone', 'walk_in', 'monitoring', 'web'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

/**
 * What an inbound message turned out to be; only `message` may create, reopen or be answered. The others are
 * sent by machines: a delivery failure (bounce) or a notice that mail went through, an abuse report (a spam
 * complaint, an unsubscribe request), an automatic reply, a mailing list's mail, a loop with another system.
 */
export const MESSAGE_KINDS = [
  'message',
  'auto_reply',
  'bounce',
  'delivery_notice',
  'abuse_report',
  'mailing_list',
  'loop',
  'unparsed',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export const MESSAGE_KIND_LABELS: Record<MessageKind, string> = {
  message: 'Message',
  auto_reply: 'Automatic reply',
  bounce: 'Delivery failure',
  delivery_notice: 'Delivery notice',
  abuse_report: 'Abuse report',
  mailing_list: 'Mailing list',
  loop: 'Mail loop',
  unparsed: 'Could not be read',
};

export const INBOX_STATES = ['untriaged', 'incident', 'threaded', 'noise'] as const;
export type InboxState = (typeof INBOX_STATES)[number];
export const INBOX_STATE_LABELS: Record<InboxState, string> = {
  untriaged: 'Waiting for triage',
  incident: 'Made into an incident',
  threaded: 'Added to an incident',
  noise: 'Marked as noise',
};

export interface MailAddress {
  readonly address: string;
  readonly name: string;
}

export interface AttachmentInfo {
  /** A safe file name (no folders, no control characters). */
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  /** SHA-256 of the content: attachments are stored once, however many messages carry them. */
  readonly hash: string;
  /** For images shown inside the HTML body (cid: references). */
  readonly contentId: string | null;
  readonly inline: boolean;
}

/** One row of the inbox. */
export interface InboxItem {
  readonly id: string;
  readonly channel: IntakeChannel;
  readonly kind: MessageKind;
  readonly state: InboxState;
  readonly receivedAt: string;
  readonly from: MailAddress | null;
  readonly subject: string;
  readonly preview: string;
  readonly attachmentCount: number;
  readonly incidentId: string | null;
  readonly contactId: string | null;
}

export interface InboundMessage extends InboxItem {
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly messageId: string | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  readonly bodyText: string;
  /** Whether there is an HTML body to show (sanitised, in a sandboxed frame). */
  readonly hasHtml: boolean;
  readonly attachments: readonly AttachmentInfo[];
  /** SHA-256 of the raw bytes, kept whole whatever happened to the parse. */
  readonly rawHash: string | null;
  /** Why the message is what it is ("Auto-Submitted: auto-replied", "threaded by [INC-12]"). */
  readonly note: string | null;
  /** Why no automatic answer may ever go to it (shared/domain/answering.ts), or null. */
  readonly neverAnswer: string | null;
  /** It arrived cut short (the file it came in ended in the middle of it); what arrived is kept. */
  readonly truncated: boolean;
  /** For monitoring alerts: the alert's fingerprint and whether it is firing. */
  readonly alert: { readonly fingerprint: string; readonly status: 'firing' | 'resolved' } | null;
}

export const inboxListInput = z.strictObject({
  channels: z.array(z.enum(INTAKE_CHANNELS)).max(5).optional(),
  states: z.array(z.enum(INBOX_STATES)).max(4).optional(),
  text: optionalText('Search', 200).optional(),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type InboxListInput = z.input<typeof inboxListInput>;

export interface InboxPage {
  readonly items: readonly InboxItem[];
  readonly total: number;
  /** Untriaged items per channel, for the channel badges. */
  readonly untriaged: Readonly<Record<IntakeChannel, number>>;
}

const itemIds = z.array(idSchema).min(1, { message: 'choose at least one item' }).max(500);

export const triageCreateInput = z.strictObject({
  ids: itemIds,
  /** One incident per item (the default), or one incident for all of them. */
  together: z.boolean().default(false),
  title: optionalText('Title', 200).optional(),
  categoryId: idSchema.nullable().optional(),
  impact: levelSchema.optional(),
  urgency: levelSchema.optional(),
  groupId: idSchema.nullable().optional(),
});
export type TriageCreateInput = z.input<typeof triageCreateInput>;

export const triageAddInput = z.strictObject({ ids: itemIds, incidentId: idSchema });
export const triageNoiseInput = z.strictObject({ ids: itemIds });

/** What the inbox suggests for a new incident from an item, by simple rules an agent can override. */
export interface TriageSuggestion {
  readonly title: string;
  readonly categoryId: string | null;
  /** The group that usually takes the category, when it has one. */
  readonly groupId: string | null;
  readonly impact: 1 | 2 | 3;
  readonly urgency: 1 | 2 | 3;
  readonly reasons: readonly string[];
}

export const CONTACT_DIRECTIONS = ['inbound', 'outbound'] as const;
export type ContactDirection = (typeof CONTACT_DIRECTIONS)[number];

export const logContactInput = z
  .strictObject({
    channel: z.enum(['phone', 'walk_in']),
    contactId: idSchema.nullable(),
    subject: requiredText('Subject', 200),
    notes: optionalText('Notes', 20_000).default(''),
    /** Add to this incident, or (when null) make a new one from the call. */
    incidentId: idSchema.nullable(),
    impact: levelSchema.default(3),
    urgency: levelSchema.default(3),
    /**
     * `outbound`: the agent called the reporter back about an incident. It counts as a public response
     * (shared/domain/responses.ts), so it needs the incident.
     */
    direction: z.enum(CONTACT_DIRECTIONS).default('inbound'),
  })
  .refine((input) => input.direction === 'inbound' || input.incidentId !== null, {
    message: 'A call back is about an incident: choose the incident',
    path: ['incidentId'],
  });
export type LogContactInput = z.input<typeof logContactInput>;

export interface ImportFailure {
  readonly source: string;
  readonly reason: string;
}

/** What an import did, message by message, as `desk import --json` prints it. */
export interface ImportSummary {
  readonly messages: number;
  readonly imported: number;
  readonly threaded: number;
  readonly duplicate: number;
  readonly automatic: number;
  readonly failed: number;
  readonly failures: readonly ImportFailure[];
}

export const uploadChunkInput = z.strictObject({
  uploadId: idSchema,
  offset: z
    .number()
    .int()
    .min(0)
    .max(2 ** 40),
  /** Base64, at most 768 KiB of it (512 KiB of file) per chunk. */
  data: z
    .string()
    .max(786_432)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'must be base64' }),
});

export const importUploadInput = z.strictObject({ uploadId: idSchema });

/** An HTML body as stored (not yet sanitised: the renderer sanitises it), with its inline images. */
export interface MessageHtml {
  readonly html: string;
  /** Images the HTML refers to as cid:, as data URIs (only those under 5 MB). */
  readonly inlineImages: readonly { readonly contentId: string; readonly dataUri: string }[];
}

export interface AttachmentContent {
  readonly name: string;
  readonly contentType: string;
  readonly base64: string;
}

export const beginUploadInput = z.strictObject({
  name: requiredText('File name', 255),
  size: z
    .number()
    .int()
    .min(0)
    .max(2 ** 40),
});

export interface ImportProgress {
  readonly uploadId: string | null;
  readonly summary: ImportSummary;
}
