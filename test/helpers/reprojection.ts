import { vi } from 'vitest';
import { call } from './invoke.ts';
import type { TempCore } from './temp-workspace.ts';

/** A reader the core keeps beside a projection (the queue's, the KPIs'): refreshed as chunks are reprojected. */
interface ProjectionReader {
  start(): () => void;
  settled(): Promise<void>;
}

/** What the reader's index is refreshed through; spied on, never replaced: every refresh still runs. */
interface RefreshedIndex {
  refresh(source: never, ids: readonly string[]): Promise<void>;
}

/**
 * Three incidents reprojected as a chunk each (as a calendar or policy change does), the first chunk's refresh
 * held (as by the recompute's next chunk) while the other two are announced: answers the incidents and the lists
 * each refresh was given, in order.
 */
export async function refreshesWhileOneIsHeld(
  workspace: TempCore,
  reader: ProjectionReader,
  index: RefreshedIndex,
): Promise<{ ids: string[]; refreshed: string[][] }> {
  const { store } = workspace.core;
  const ids: string[] = [];
  for (const title of ['Printer jams', 'Mail is slow', 'VPN drops']) {
    const created = await call(workspace.core, 'incident/create', { title, channel: 'phone', impact: 2, urgency: 2 });
    ids.push(created.incident.id);
  }
  const stop = reader.start();
  await reader.settled();

  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const refresh = index.refresh;
  const refreshed: string[][] = [];
  const spy = vi.spyOn(index, 'refresh').mockImplementation(async function (this: RefreshedIndex, source, list) {
    refreshed.push([...list]);
    if (refreshed.length === 1) await gate;
    return refresh.call(this, source, list);
  });
  try {
    for (const id of ids) await store.reproject(async () => ({ incidentIds: [id], value: null }));
    release();
    await reader.settled();
  } finally {
    spy.mockRestore();
    stop();
  }
  return { ids, refreshed };
}
