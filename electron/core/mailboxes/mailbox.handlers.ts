import { v7 as uuidv7 } from 'uuid';
import type { Handlers } from '#shared/contract.ts';
import { DeskError } from '#shared/errors.ts';
import type { MailboxSettings } from '#shared/domain/mailbox.ts';
import type { CoreContext } from '../context.ts';
import { findMailbox, forgetMailboxState, listMailboxes } from './mailbox.repository.ts';
import { forgetPassword, lookUpPassword, storePassword } from './mailbox-password.ts';
import { checkMailboxSave, mailboxView, recordMailbox, recordMailboxDeleted } from './mailbox.service.ts';
import { testConnection } from './test-connection.ts';

type MailboxHandlers = Pick<
  Handlers,
  'mailbox/list' | 'mailbox/save' | 'mailbox/delete' | 'mailbox/test' | 'mailbox/syncNow'
>;

export function mailboxHandlers({ store, session, secrets, mailboxes }: CoreContext): MailboxHandlers {
  /** Mailboxes decide what reaches the whole team's inbox, and hold credentials: supervisors set them. */
  const supervisor = () => session.requireSupervisorId();
  const existing = async (id: string): Promise<MailboxSettings> => {
    const mailbox = await findMailbox(store.db, id);
    if (!mailbox) throw new DeskError('not_found', `No mailbox with id ${id}.`);
    return mailbox;
  };
  const view = (mailbox: MailboxSettings) => mailboxView(store.db, secrets, mailboxes, mailbox);

  return {
    'mailbox/list': async () => Promise.all((await listMailboxes(store.db)).map(view)),
    'mailbox/save': async (input) => {
      const actorId = await supervisor();
      const current = await checkMailboxSave(store.db, input);
      const id = input.id ?? uuidv7();
      // Stored before the settings, so the poller they start finds it.
      if (input.password !== undefined) await storePassword(secrets, id, input, input.password);
      let changed: boolean;
      try {
        const { applied } = await store.command(actorId, async (tx, rec) =>
          recordMailbox(rec, id, await findMailbox(tx, id), input),
        );
        changed = applied.fresh.length > 0;
      } catch (error) {
        if (!current) await forgetPassword(secrets, id);
        throw error;
      }
      // Changed settings restart the poller by themselves; a new password alone changes none, so its poller
      // is restarted by name.
      await mailboxes.refresh(input.password !== undefined && !changed ? id : undefined);
      return view(await existing(id));
    },
    'mailbox/delete': async ({ id }) => {
      const actorId = await supervisor();
      await existing(id);
      await store.command(actorId, async (_tx, rec) => recordMailboxDeleted(rec, id));
      // The poller stops before what it wrote is removed.
      await mailboxes.refresh();
      await forgetPassword(secrets, id);
      await forgetMailboxState(store.db, id);
      return { deleted: true };
    },
    'mailbox/test': async ({ id, password, ...server }) => {
      await supervisor();
      if (password !== undefined) return testConnection({ ...server, password });
      if (id === undefined) throw new DeskError('invalid_input', 'Enter the password to test the connection.');
      await existing(id);
      // The stored password is only offered to the server and user it was typed for.
      const stored = await lookUpPassword(secrets, id, server);
      if (stored.kind !== 'found') return { ok: false, message: stored.reason };
      return testConnection({ ...server, password: stored.password });
    },
    'mailbox/syncNow': async ({ id }) => {
      await session.requireAgentId();
      const mailbox = await existing(id);
      if (!mailbox.enabled) {
        return {
          kind: 'disabled',
          message: 'This mailbox is switched off; switch it on to read it.',
          mailbox: await view(mailbox),
        };
      }
      if (!(await mailboxes.checkNow(id))) {
        return {
          kind: 'elsewhere',
          message: 'This mailbox is read by the workstation that runs the team’s automation, not by this one.',
          mailbox: await view(mailbox),
        };
      }
      return { kind: 'checked', mailbox: await view(await existing(id)) };
    },
  };
}
