import type { Handlers } from '#shared/contract.ts';
import { DeskError } from '#shared/errors.ts';
import type { CoreContext } from '../context.ts';
import { hubAnswer } from './hub-result.ts';
import { recentOverwriteNotices } from './sync-notice.repository.ts';

type SyncHandlers = Pick<
  Handlers,
  | 'sync/status'
  | 'sync/connect'
  | 'sync/disconnect'
  | 'sync/now'
  | 'sync/notices'
  | 'team/agents'
  | 'team/addAgent'
  | 'team/issueToken'
>;

export function syncHandlers({ store, sync, session }: Pick<CoreContext, 'store' | 'sync' | 'session'>): SyncHandlers {
  return {
    'sync/status': async () => sync.status,
    'sync/connect': async ({ hubUrl, token }) => {
      const account = await sync.connect(hubUrl, token);
      // The first round brings the team's data, this agent among it; a failed round is in the status.
      await sync.syncNow().catch(() => {});
      // On this workstation the agent is now their hub account: nobody was signed in yet, or they had
      // registered here under the same email before joining.
      const current = await session.agent();
      if (!current || current.email === account.email) await session.signIn(account.accountId).catch(() => {});
      return sync.status;
    },
    'sync/disconnect': async () => {
      await sync.disconnect();
      return sync.status;
    },
    'sync/now': async () => {
      if (!sync.connected) throw new DeskError('invalid_input', 'This workspace is not connected to a team hub.');
      // The outcome of the round is in the status; a failed round is not an error of this call.
      await sync.syncNow().catch(() => {});
      return sync.status;
    },
    'team/agents': async () => hubAnswer(await (await sync.adminClient()).adminAccounts()).accounts,
    'team/addAgent': async (input) => hubAnswer(await (await sync.adminClient()).adminAddAccount(input)).account,
    'team/issueToken': async ({ email, label }) =>
      hubAnswer(await (await sync.adminClient()).adminIssueToken(email, label)),
    'sync/notices': () => recentOverwriteNotices(store.db),
  };
}
