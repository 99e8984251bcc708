import { DeskError } from '#shared/errors.ts';
import { describeSync } from '#shared/domain/sync-status.ts';
import type { Core } from '#core/index.ts';
import type { RoundSummary } from '#core/index.ts';
import { ask, dataDir, dataOption, required, secretsLine, withCore } from './command.ts';
import type { Command } from './command.ts';

async function report(core: Core, round: RoundSummary): Promise<string> {
  const parts = [
    round.bootstrapped ? 'downloaded the team’s data' : null,
    `sent ${round.pushed} changes`,
    `received ${round.pulled}`,
    round.rejected ? `${round.rejected} refused by the hub` : null,
  ].filter(Boolean);
  return `${parts.join(', ')}. ${describeSync(await ask(core, 'sync/status', {}))}.`;
}

async function runRound(core: Core): Promise<RoundSummary> {
  try {
    return await core.syncRound();
  } catch (error) {
    if (error instanceof DeskError) throw error;
    throw new DeskError('internal', `${error instanceof Error ? error.message : String(error)}`);
  }
}

export const SYNC_COMMANDS: Record<string, Command> = {
  connect: {
    summary: 'connect a workspace to its team hub',
    usage: 'desk connect [--data DIR] --hub URL --token TOKEN',
    options: { ...dataOption, hub: { type: 'string' }, token: { type: 'string' } },
    async run(values) {
      const hubUrl = required(values, 'hub', 'the hub’s address');
      const token = required(values, 'token', 'the device token your admin issued');
      await withCore(dataDir(values), async (core) => {
        const outcome = await core.invoke('sync/connect', { hubUrl, token });
        if (!outcome.ok) throw new DeskError(outcome.error.code, outcome.error.message);
        console.log(`Connected to ${hubUrl}: ${await report(core, await runRound(core))}`);
        console.log(await secretsLine(core));
      });
    },
  },
  sync: {
    summary: 'run one sync round with the team hub and say what moved',
    usage: 'desk sync [--data DIR]',
    options: { ...dataOption },
    async run(values) {
      await withCore(dataDir(values), async (core) => {
        console.log(await report(core, await runRound(core)));
      });
    },
  },
};
