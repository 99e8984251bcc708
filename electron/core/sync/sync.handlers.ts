import type { Handlers } from '#shared/contract.ts';
import { DeskError } from '#shared/errors.ts';
import type { CoreContext } from '../context.ts';
import type { HubResult } from './hub-client.ts';

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

/** The hub's answer, or a DeskError an agent can act on. */
function answer<T>(result: HubResult<T>): T {
  if (result.kind === 'ok') return result.value;
  if (result.kind === 'offline') throw new DeskError('invalid_input', result.reason);
  const code =
    result.status === 403 || result.status === 401 ? 'forbidden' : result.status === 409 ? 'conflict' : 'invalid_input';
  throw new DeskError(code, `The hub refused: ${result.message}`);
}

export function syncHandlers({ store, sync, session }: CoreContext): SyncHandlers {
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
    'team/agents': async () => answer(await (await sync.adminClient()).adminAccounts()).accounts,
    'team/addAgent': async (input) => answer(await (await sync.adminClient()).adminAddAccount(input)).account,
    'team/issueToken': async ({ email, label }) =>
      answer(await (await sync.adminClient()).adminIssueToken(email, label)),
    'sync/notices': async () => {
      const rows = await store.db.selectFrom('sync_notice').selectAll().orderBy('id', 'desc').limit(50).execute();
      return rows.map((row) => ({
        entity: row.entity,
        entityId: row.entity_id,
        field: row.field,
        mine: JSON.parse(row.mine) as unknown,
        theirs: JSON.parse(row.theirs) as unknown,
        byAgentId: row.by_actor,
        at: row.at,
      }));
    },
  };
}
