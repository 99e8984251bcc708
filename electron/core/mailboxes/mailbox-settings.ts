import { v7 as uuidv7 } from 'uuid';
import { DeskError } from '#shared/errors.ts';
import type {
  MailboxSettings,
  MailboxSyncOutcome,
  MailboxTestResult,
  MailboxView,
  SaveMailboxCommand,
  TestMailboxCommand,
} from '#shared/domain/mailbox.ts';
import type { SecretStore } from '../secrets/secrets.ts';
import type { Store } from '../store/store.ts';
import { findMailbox, forgetMailboxState, listMailboxes } from './mailbox.repository.ts';
import type { MailboxDuties } from './mailbox-duties.ts';
import { forgetPassword, lookUpPassword, storePassword } from './mailbox-password.ts';
import { forgetOutgoingPassword, storeOutgoingPassword } from './outgoing-password.ts';
import { checkMailboxSave, mailboxView, recordMailbox, recordMailboxDeleted } from './mailbox.service.ts';
import { testConnection } from './test-connection.ts';

export interface MailboxSettingsDeps {
  readonly store: Store;
  readonly secrets: SecretStore;
  readonly mailboxes: MailboxDuties;
}

/**
 * The team's mailboxes as settings: saved with their password kept apart from the synced fields, removed with
 * what this workstation knew of them, tested, and read on demand. Callers check who may do what.
 */
export class MailboxSettingsService {
  readonly #deps: MailboxSettingsDeps;

  constructor(deps: MailboxSettingsDeps) {
    this.#deps = deps;
  }

  async list(): Promise<MailboxView[]> {
    return Promise.all((await listMailboxes(this.#deps.store.db)).map((mailbox) => this.#view(mailbox)));
  }

  async save(actorId: string, input: SaveMailboxCommand): Promise<MailboxView> {
    const { store, secrets, mailboxes } = this.#deps;
    const current = await checkMailboxSave(store.db, input);
    const id = input.id ?? uuidv7();
    // Stored before the settings, so the poller they start finds it.
    if (input.password !== undefined) await storePassword(secrets, id, input, input.password);
    const outgoingPassword = input.outgoing?.password;
    if (input.outgoing && outgoingPassword !== undefined) {
      await storeOutgoingPassword(secrets, id, input.outgoing, outgoingPassword);
    }
    let changed: boolean;
    try {
      const { applied } = await store.command(actorId, async (tx, rec) =>
        recordMailbox(rec, id, await findMailbox(tx, id), input),
      );
      changed = applied.fresh.length > 0;
    } catch (error) {
      if (!current) {
        await forgetPassword(secrets, id);
        await forgetOutgoingPassword(secrets, id);
      }
      throw error;
    }
    // Changed settings restart the poller by themselves; a new password alone changes none, so its poller
    // is restarted by name.
    await mailboxes.refresh(input.password !== undefined && !changed ? id : undefined);
    return this.#view(await this.#existing(id));
  }

  async remove(actorId: string, id: string): Promise<void> {
    const { store, secrets, mailboxes } = this.#deps;
    await this.#existing(id);
    await store.command(actorId, async (_tx, rec) => recordMailboxDeleted(rec, id));
    // The poller stops before what it wrote is removed.
    await mailboxes.refresh();
    await forgetPassword(secrets, id);
    await forgetOutgoingPassword(secrets, id);
    await forgetMailboxState(store.db, id);
  }

  async test({ id, password, ...server }: TestMailboxCommand): Promise<MailboxTestResult> {
    if (password !== undefined) return testConnection({ ...server, password });
    if (id === undefined) throw new DeskError('invalid_input', 'Enter the password to test the connection.');
    await this.#existing(id);
    // The stored password is only offered to the server and user it was typed for.
    const stored = await lookUpPassword(this.#deps.secrets, id, server);
    if (stored.kind !== 'found') return { ok: false, message: stored.reason };
    return testConnection({ ...server, password: stored.password });
  }

  async readNow(id: string): Promise<MailboxSyncOutcome> {
    const mailbox = await this.#existing(id);
    if (!mailbox.enabled) {
      return {
        kind: 'disabled',
        message: 'This mailbox is switched off; switch it on to read it.',
        mailbox: await this.#view(mailbox),
      };
    }
    if (!(await this.#deps.mailboxes.checkNow(id))) {
      return {
        kind: 'elsewhere',
        message: 'This mailbox is read by the workstation that runs the team’s automation, not by this one.',
        mailbox: await this.#view(mailbox),
      };
    }
    return { kind: 'checked', mailbox: await this.#view(await this.#existing(id)) };
  }

  async #existing(id: string): Promise<MailboxSettings> {
    const mailbox = await findMailbox(this.#deps.store.db, id);
    if (!mailbox) throw new DeskError('not_found', `No mailbox with id ${id}.`);
    return mailbox;
  }

  #view(mailbox: MailboxSettings): Promise<MailboxView> {
    return mailboxView(this.#deps.store.db, this.#deps.secrets, this.#deps.mailboxes, mailbox);
  }
}
