import type { Core } from '#core/index.ts';
import { stopOnSignals } from './shutdown.ts';
import { startWebHost } from './web-server.ts';
import type { WebHost } from './web-server.ts';

/**
 * What `desk web` runs once its renderer is built: the browser-mode host on the workspace, stopped in order on
 * SIGINT or SIGTERM (no new calls, those under way answered, the browser's socket closed, then the workspace),
 * with exit code 0.
 */
export async function serveInBrowser(core: Core, options: { staticDir: string; port: number }): Promise<WebHost> {
  const host = await startWebHost({ core, staticDir: options.staticDir, port: options.port });
  stopOnSignals(
    async () => {
      await host.close();
      await core.close();
    },
    { completed: true },
  );
  return host;
}
