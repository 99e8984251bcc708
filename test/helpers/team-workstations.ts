import { createCore } from '#core/index.ts';
import type { Core, CoreOptions } from '#core/index.ts';
import { startTestHub } from './hub.ts';
import type { TestHub } from './hub.ts';
import { call } from './invoke.ts';
import { tempDir } from './temp-workspace.ts';
import type { TempDir } from './temp-workspace.ts';

/** One team's hub and the workstations that join it; `close` stops them all and removes their workspaces. */
export interface TeamWorkstations {
  readonly hub: TestHub;
  /** A new supervisor's workstation: its own workspace, connected to the hub, synced once and signed in. */
  join(agentName: string, options?: Omit<CoreOptions, 'dataDir'>): Promise<Core>;
  close(): Promise<void>;
}

export async function startTeamWorkstations(): Promise<TeamWorkstations> {
  const hub = await startTestHub();
  const dirs: TempDir[] = [];
  const cores: Core[] = [];
  return {
    hub,
    join: async (agentName, options = {}) => {
      const agent = await hub.addAgent(agentName, 'supervisor');
      const dir = await tempDir('desk-team-');
      dirs.push(dir);
      const core = await createCore({ ...options, dataDir: dir.path });
      cores.push(core);
      await call(core, 'sync/connect', { hubUrl: hub.url, token: agent.token });
      await core.sync.syncNow();
      await core.session.signIn(agent.id);
      return core;
    },
    close: async () => {
      for (const core of cores) await core.close();
      await hub.close();
      for (const dir of dirs) await dir.remove();
    },
  };
}
