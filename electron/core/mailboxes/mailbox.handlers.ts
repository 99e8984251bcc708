import type { Handlers } from '#shared/contract.ts';
import type { CoreContext } from '../context.ts';
import { MailboxSettingsService } from './mailbox-settings.ts';

type MailboxHandlers = Pick<
  Handlers,
  'mailbox/list' | 'mailbox/save' | 'mailbox/delete' | 'mailbox/test' | 'mailbox/syncNow'
>;

export function mailboxHandlers({
  store,
  session,
  secrets,
  mailboxes,
}: Pick<CoreContext, 'store' | 'session' | 'secrets' | 'mailboxes'>): MailboxHandlers {
  const settings = new MailboxSettingsService({ store, secrets, mailboxes });
  /** Mailboxes decide what reaches the whole team's inbox, and hold credentials: supervisors set them. */
  const supervisor = () => session.requireSupervisorId();

  return {
    'mailbox/list': () => settings.list(),
    'mailbox/save': async (input) => settings.save(await supervisor(), input),
    'mailbox/delete': async ({ id }) => {
      await settings.remove(await supervisor(), id);
      return { deleted: true };
    },
    'mailbox/test': async (input) => {
      await supervisor();
      return settings.test(input);
    },
    'mailbox/syncNow': async ({ id }) => {
      await session.requireAgentId();
      return settings.readNow(id);
    },
  };
}
