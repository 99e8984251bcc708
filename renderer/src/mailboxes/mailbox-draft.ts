import { DEFAULT_MAX_MESSAGE_BYTES } from '#shared/domain/mailbox.ts';
import type { MailboxMode, MailboxSettings, SaveMailboxInput, TestMailboxInput } from '#shared/domain/mailbox.ts';

/** What the mailbox form holds: numbers as typed (Mantine's number inputs give '' when empty). */
export interface MailboxDraft {
  readonly name: string;
  readonly host: string;
  readonly port: number | '';
  readonly tls: boolean;
  readonly username: string;
  /** Empty for a saved mailbox: the password stored on this workstation stays. */
  readonly password: string;
  readonly folder: string;
  readonly mode: MailboxMode;
  readonly pollSeconds: number | '';
  /** Megabytes, the unit agents think of message sizes in. */
  readonly maxMessageMb: number | '';
  readonly enabled: boolean;
}

const MB = 1024 * 1024;
export const IMAPS_PORT = 993;
export const IMAP_PORT = 143;

export function mailboxDraft(mailbox: MailboxSettings | null): MailboxDraft {
  if (!mailbox) {
    return {
      name: '',
      host: '',
      port: IMAPS_PORT,
      tls: true,
      username: '',
      password: '',
      folder: 'INBOX',
      mode: 'idle',
      pollSeconds: 60,
      maxMessageMb: DEFAULT_MAX_MESSAGE_BYTES / MB,
      enabled: true,
    };
  }
  const { name, host, port, tls, username, folder, mode, pollSeconds, enabled } = mailbox;
  const maxMessageMb = Math.round((mailbox.maxMessageBytes / MB) * 10) / 10;
  return { name, host, port, tls, username, password: '', folder, mode, pollSeconds, maxMessageMb, enabled };
}

/** Switching TLS moves the port along with it, unless the agent chose another port. */
export function withTls(draft: MailboxDraft, tls: boolean): MailboxDraft {
  const port =
    tls && draft.port === IMAP_PORT ? IMAPS_PORT : !tls && draft.port === IMAPS_PORT ? IMAP_PORT : draft.port;
  return { ...draft, tls, port };
}

/** Empty number fields, said in words before the schema would say "expected number". */
export function missingNumbers(draft: MailboxDraft): Record<string, string> {
  const missing: Record<string, string> = {};
  if (draft.port === '') missing.port = 'Port is required';
  if (draft.pollSeconds === '') missing.pollSeconds = 'How often to check is required';
  if (draft.maxMessageMb === '') missing.maxMessageBytes = 'Largest message is required';
  return missing;
}

const number = (value: number | ''): number => (value === '' ? Number.NaN : value);

export function saveMailboxInputOf(draft: MailboxDraft, id: string | undefined): SaveMailboxInput {
  return {
    ...(id ? { id } : {}),
    name: draft.name,
    host: draft.host,
    port: number(draft.port),
    tls: draft.tls,
    username: draft.username,
    ...(draft.password ? { password: draft.password } : {}),
    folder: draft.folder,
    mode: draft.mode,
    pollSeconds: number(draft.pollSeconds),
    maxMessageBytes: Math.round(number(draft.maxMessageMb) * MB),
    enabled: draft.enabled,
  };
}

export function testMailboxInputOf(draft: MailboxDraft, id: string | undefined): TestMailboxInput {
  return {
    ...(id ? { id } : {}),
    host: draft.host,
    port: number(draft.port),
    tls: draft.tls,
    username: draft.username,
    folder: draft.folder,
    ...(draft.password ? { password: draft.password } : {}),
  };
}

/** The form field each error is about (the schema names bytes; the form asks for megabytes). */
function draftField(errorKey: string): keyof MailboxDraft | null {
  if (errorKey === 'maxMessageBytes') return 'maxMessageMb';
  return errorKey in DRAFT_FIELDS ? (errorKey as keyof MailboxDraft) : null;
}

const DRAFT_FIELDS: Record<keyof MailboxDraft, true> = {
  name: true,
  host: true,
  port: true,
  tls: true,
  username: true,
  password: true,
  folder: true,
  mode: true,
  pollSeconds: true,
  maxMessageMb: true,
  enabled: true,
};

/** The errors whose field is as it was when they were found: one the agent has since changed is theirs to retry. */
export function stillWrong(
  errors: Readonly<Record<string, string>>,
  checked: MailboxDraft,
  draft: MailboxDraft,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).filter(([key]) => {
      const field = draftField(key);
      return field === null || checked[field] === draft[field];
    }),
  );
}
