import { DeskError } from '#shared/errors.ts';
import type { JsonValue } from '#shared/change.ts';
import type { MailboxSettings, MailboxView, OutgoingSettings, SaveMailboxCommand } from '#shared/domain/mailbox.ts';
import { recordFieldChanges } from '#core/store/record-fields.ts';
import type { ChangeRecorder, Db } from '#core/store/store.ts';
import type { SecretStore } from '#core/secrets/secrets.ts';
import { findMailbox, listMailboxes, readHealth } from './mailbox.repository.ts';
import type { MailboxDuties } from './mailbox-duties.ts';
import { lookUpPassword } from './mailbox-password.ts';
import { lookUpOutgoingPassword } from './outgoing-password.ts';

const sameServer = (a: Pick<MailboxSettings, 'host' | 'port' | 'username'>, b: typeof a) =>
  a.host === b.host && a.port === b.port && a.username === b.username;

/**
 * Checks a save against the mailboxes there are: the id must exist when given, names are unique, a folder
 * is read by one mailbox only, and a changed server or user needs the password typed again (a stored
 * password is never sent to a server it was not typed for). Runs before the password is stored.
 */
export async function checkMailboxSave(db: Db, input: SaveMailboxCommand): Promise<MailboxSettings | null> {
  const current = input.id === undefined ? null : await findMailbox(db, input.id);
  if (input.id !== undefined && !current) throw new DeskError('not_found', `No mailbox with id ${input.id}.`);
  for (const other of await listMailboxes(db)) {
    if (other.id === input.id) continue;
    if (other.name.toLowerCase() === input.name.toLowerCase()) {
      throw new DeskError('conflict', `Another mailbox is already called ${other.name}. Choose another name.`, {
        field: 'name',
      });
    }
    if (sameServer(other, input) && other.folder === input.folder) {
      throw new DeskError('conflict', `${other.name} already reads “${input.folder}” for ${input.username}.`);
    }
  }
  if (current && input.password === undefined && !sameServer(current, input)) {
    throw new DeskError(
      'invalid_input',
      'Enter the password again: the server or user name changed, and the stored password is only sent to the server it was typed for.',
    );
  }
  checkOutgoingSave(current, input);
  return current;
}

/** A new SMTP server or user needs its password typed, unless it signs in with the IMAP one or with none. */
function checkOutgoingSave(current: MailboxSettings | null, input: SaveMailboxCommand): void {
  const outgoing = input.outgoing;
  if (!outgoing || !outgoing.username || outgoing.sameAsImap || outgoing.password !== undefined) return;
  const before = current?.outgoing;
  const unchanged =
    before &&
    !before.sameAsImap &&
    before.username === outgoing.username &&
    before.host === outgoing.host &&
    before.port === outgoing.port;
  if (!unchanged) {
    throw new DeskError(
      'invalid_input',
      'Enter the SMTP password (or choose “same as IMAP”): the stored one is only sent to the server and user it was typed for.',
    );
  }
}

/** The outgoing settings as the team shares them: everything but the password. */
export function sharedOutgoing(input: NonNullable<SaveMailboxCommand['outgoing']>): OutgoingSettings {
  const { password: _password, ...shared } = input;
  return shared;
}

/** Records the settings as changes (only the fields that changed); passwords are not among them. */
export function recordMailbox(
  recorder: ChangeRecorder,
  id: string,
  current: MailboxSettings | null,
  input: SaveMailboxCommand,
): void {
  const { id: _id, password: _password, outgoing, incidentPerMail, ...rest } = input;
  const fields: Record<string, unknown> = { ...rest };
  // Left out, they keep what is saved: a form that does not show them cannot take them away.
  if (outgoing !== undefined) fields.outgoing = outgoing && (sharedOutgoing(outgoing) as unknown as JsonValue);
  if (incidentPerMail !== undefined) fields.incidentPerMail = incidentPerMail;
  recordFieldChanges(recorder, 'mailbox', id, current, current ? fields : { ...fields, deleted: false });
}

export function recordMailboxDeleted(recorder: ChangeRecorder, id: string): void {
  recorder.set('mailbox', id, 'deleted', true);
}

/** A mailbox's settings with its health as this workstation sees it. */
export async function mailboxView(
  db: Db,
  secrets: SecretStore,
  duties: MailboxDuties,
  settings: MailboxSettings,
): Promise<MailboxView> {
  // Asked before the stored health is read: a poller counts a failure only once it has stored its words, so
  // "failing" never comes without the error that says why.
  const failingHere = duties.failing(settings.id);
  const [health, password, outgoing] = await Promise.all([
    readHealth(db, settings.id),
    lookUpPassword(secrets, settings.id, settings),
    settings.outgoing ? lookUpOutgoingPassword(secrets, settings, settings.outgoing) : null,
  ]);
  const lastErrorLater =
    health.lastErrorAt !== null && (health.lastSuccessAt === null || health.lastErrorAt > health.lastSuccessAt);
  return {
    ...settings,
    health: {
      readBy: !settings.enabled ? 'off' : duties.active ? 'here' : 'elsewhere',
      passwordStored: password.kind === 'found',
      outgoingPasswordStored: outgoing?.kind === 'found' || outgoing?.kind === 'none_needed',
      lastSuccessAt: health.lastSuccessAt,
      lastError: health.lastError,
      lastErrorAt: health.lastErrorAt,
      failing: failingHere ?? lastErrorLater,
      imported: health.imported,
      notices: health.notices,
    },
  };
}
