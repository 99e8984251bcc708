import { z } from 'zod';
import { headerText, outgoingAddressSchema } from './mail-header.ts';
import { idSchema, optionalText, requiredText } from './schemas.ts';

/**
 * IMAP mailboxes the desk reads (DESIGN §5). The settings are team data (a synced entity a supervisor
 * edits); the password is a secret of the workstation it was typed on, and the cursor and health are what
 * the workstation running the team's duties has seen.
 */
export const MAILBOX_MODES = ['idle', 'poll'] as const;
export type MailboxMode = (typeof MAILBOX_MODES)[number];
export const MAILBOX_MODE_LABELS: Record<MailboxMode, string> = {
  idle: 'Instant (IMAP IDLE)',
  poll: 'Check every few seconds',
};

export const DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
/** Polling faster than this is unkind to the mail server; IDLE is the way to hear of mail at once. */
export const MIN_POLL_SECONDS = 5;
export const MAX_POLL_SECONDS = 3_600;
export const MIN_MESSAGE_BYTES = 16 * 1024;
/** A message is held in memory while it is parsed: beyond this, it waits on the server for an agent. */
export const MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOSTNAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*\\.?$`, 'i');
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** A host name, an IPv4 address or an IPv6 address (brackets optional), as the agent typed it. */
export function isMailHost(value: string): boolean {
  const bare = value.replace(/^\[(.*)\]$/, '$1');
  if (IPV4.test(bare)) return true;
  if (bare.includes(':')) return z.ipv6().safeParse(bare).success;
  // A name made only of digits and dots is a mistyped address, not a host name.
  return HOSTNAME.test(bare) && !/^[\d.]+$/.test(bare);
}

/** This computer itself: the one place a password may travel without TLS (a local relay or test server). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

const hostSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, { message: 'Server is required' })
  .max(253)
  .refine(isMailHost, { message: 'must be a server name like imap.example.com, or an IP address' });

const portSchema = z
  .number()
  .int({ message: 'must be a whole number' })
  .min(1, { message: 'must be between 1 and 65535' })
  .max(65_535, { message: 'must be between 1 and 65535' });

/** Passwords are taken as typed: spaces at either end are part of them. */
const passwordSchema = z
  .string()
  .min(1, { message: 'Password is required' })
  .max(1_024, { message: 'Password must be at most 1024 characters' })
  // eslint-disable-next-line no-control-regex
  .refine((value) => !/[\u0000\r\n]/.test(value), { message: 'Password cannot contain line breaks' });

const folderSchema = requiredText('Folder', 200)
  // eslint-disable-next-line no-control-regex
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), { message: 'Folder cannot contain control characters' });

const serverFields = {
  host: hostSchema,
  port: portSchema,
  /** TLS from the first byte (port 993). Without it the connection must upgrade with STARTTLS. */
  tls: z.boolean(),
  username: requiredText('User name', 320),
  folder: folderSchema,
};

/**
 * How a mailbox sends (DESIGN §6): `tls` from the first byte (port 465), `starttls` upgrading a plain
 * connection (port 587), `none` only to this computer (a local relay), as for reading.
 */
export const SMTP_SECURITIES = ['tls', 'starttls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITIES)[number];
export const SMTP_SECURITY_LABELS: Record<SmtpSecurity, string> = {
  tls: 'TLS (usually port 465)',
  starttls: 'STARTTLS (usually port 587)',
  none: 'None (this computer only)',
};

const outgoingFields = {
  /** The From address replies carry; Message-IDs are made on its domain. */
  address: outgoingAddressSchema,
  displayName: headerText('Display name', 120).default(''),
  host: hostSchema,
  port: portSchema,
  security: z.enum(SMTP_SECURITIES),
  /** Empty: the server takes mail without signing in (a local relay). */
  username: optionalText('SMTP user name', 320).default(''),
  /** Sign in with the IMAP password (the same account), rather than one of its own. */
  sameAsImap: z.boolean().default(false),
  signature: optionalText('Signature', 4_000).default(''),
};

const noPlainAwayFromHere = (input: { host: string; security: SmtpSecurity }) =>
  input.security !== 'none' || isLoopbackHost(input.host);
const PLAIN_AWAY = {
  message: 'An unencrypted connection is allowed only to this computer (localhost): choose TLS or STARTTLS.',
  path: ['security'],
};

/** Outgoing settings as saved: the password (when typed) goes to this workstation's secret store only. */
export const outgoingSettingsInput = z
  .strictObject({ ...outgoingFields, password: passwordSchema.optional() })
  .refine(noPlainAwayFromHere, PLAIN_AWAY);
export type OutgoingSettingsInput = z.input<typeof outgoingSettingsInput>;

export interface OutgoingSettings {
  readonly address: string;
  readonly displayName: string;
  readonly host: string;
  readonly port: number;
  readonly security: SmtpSecurity;
  readonly username: string;
  readonly sameAsImap: boolean;
  readonly signature: string;
}

export const saveMailboxInput = z
  .strictObject({
    id: idSchema.optional(),
    name: requiredText('Name', 80),
    ...serverFields,
    /** Sending: null takes them away; left out keeps what is saved. */
    outgoing: outgoingSettingsInput.nullable().optional(),
    /** Make an incident from every new mail straight away (threading still comes first), skipping the inbox. */
    incidentPerMail: z.boolean().optional(),
    /** Only when it is new or changed; it goes to this workstation's secret store, never into a change. */
    password: passwordSchema.optional(),
    mode: z.enum(MAILBOX_MODES),
    pollSeconds: z
      .number()
      .int({ message: 'must be a whole number of seconds' })
      .min(MIN_POLL_SECONDS, { message: `must be at least ${MIN_POLL_SECONDS} seconds` })
      .max(MAX_POLL_SECONDS, { message: `must be at most ${MAX_POLL_SECONDS} seconds (an hour)` }),
    maxMessageBytes: z
      .number()
      .int({ message: 'must be a whole number of bytes' })
      .min(MIN_MESSAGE_BYTES, { message: `must be at least ${MIN_MESSAGE_BYTES} bytes` })
      .max(MAX_MESSAGE_BYTES, { message: `must be at most ${MAX_MESSAGE_BYTES} bytes (100 MB)` }),
    enabled: z.boolean(),
  })
  .refine((input) => input.id !== undefined || input.password !== undefined, {
    message: 'Password is required for a new mailbox',
    path: ['password'],
  });
export type SaveMailboxInput = z.input<typeof saveMailboxInput>;
export type SaveMailboxCommand = z.output<typeof saveMailboxInput>;

/** Test a connection: with the password typed in the form, or (for a saved mailbox) the one stored here. */
export const testMailboxInput = z
  .strictObject({
    id: idSchema.optional(),
    ...serverFields,
    password: passwordSchema.optional(),
  })
  .refine((input) => input.id !== undefined || input.password !== undefined, {
    message: 'Password is required to test a mailbox that is not saved yet',
    path: ['password'],
  });
export type TestMailboxInput = z.input<typeof testMailboxInput>;
export type TestMailboxCommand = z.output<typeof testMailboxInput>;

export const mailboxIdInput = z.strictObject({ id: idSchema });

/** "Send test mail": a short mail from a saved mailbox's outgoing settings to this address. */
export const sendTestMailInput = z.strictObject({ id: idSchema, to: outgoingAddressSchema });

/** The settings of one mailbox, as the team shares them (no password). */
export interface MailboxSettings {
  readonly id: string;
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly username: string;
  readonly folder: string;
  readonly mode: MailboxMode;
  readonly pollSeconds: number;
  readonly maxMessageBytes: number;
  readonly enabled: boolean;
  /** How it sends; null when it only reads. */
  readonly outgoing: OutgoingSettings | null;
  readonly incidentPerMail: boolean;
}

/** Something the agent should know about a mailbox that is not an error: a folder rebuilt, a message set aside. */
export interface MailboxNotice {
  readonly at: string;
  readonly message: string;
}

/** Who reads a mailbox, seen from this workstation. */
export const MAILBOX_READERS = ['here', 'elsewhere', 'off'] as const;
export type MailboxReader = (typeof MAILBOX_READERS)[number];

export interface MailboxHealth {
  /** `here`: this workstation reads it; `elsewhere`: the workstation holding the automation lease does; `off`: disabled. */
  readonly readBy: MailboxReader;
  /** Whether this workstation has a password for it (typed here; passwords never sync). */
  readonly passwordStored: boolean;
  /** Whether this workstation can sign in to its SMTP server (a password of its own, the IMAP one, or none needed). */
  readonly outgoingPasswordStored: boolean;
  readonly lastSuccessAt: string | null;
  /** The last failure in words an agent can act on, and when it happened. */
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  /** Whether the last attempt failed (the last error is newer than the last success). */
  readonly failing: boolean;
  /** Messages this workstation brought into the inbox from it. */
  readonly imported: number;
  readonly notices: readonly MailboxNotice[];
}

export interface MailboxView extends MailboxSettings {
  readonly health: MailboxHealth;
}

export type MailboxTestResult =
  | { readonly ok: true; readonly message: string; readonly messages: number }
  | { readonly ok: false; readonly message: string };

/** What "Check now" did: a pass ran here, or the mailbox is read elsewhere or switched off. */
export type MailboxSyncOutcome =
  | { readonly kind: 'checked'; readonly mailbox: MailboxView }
  | { readonly kind: 'elsewhere' | 'disabled'; readonly message: string; readonly mailbox: MailboxView };
