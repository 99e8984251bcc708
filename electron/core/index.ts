import path from 'node:path';
import type { EventName, Events, Handlers, Outcome } from '#shared/contract.ts';
import type { CoreContext } from './context.ts';
import { dispatch } from './dispatch.ts';
import type { DispatchLogger } from './dispatch.ts';
import { incidentHandlers } from './incidents/incident.handlers.ts';
import { queueHandlers } from './queue/queue.handlers.ts';
import { QueueReader } from './queue/queue-reader.ts';
import { referenceHandlers } from './reference/reference.handlers.ts';
import { sessionHandlers } from './session/session.handlers.ts';
import { SessionState } from './session/session.ts';
import { Store } from './store/store.ts';

export interface CoreOptions {
  /** The workspace folder; the SQLite file lives inside it. */
  readonly dataDir: string;
  readonly now?: () => number;
  /** How many incidents "Create demo workspace" makes. */
  readonly demoIncidents?: number;
  readonly logger?: DispatchLogger;
  /**
   * Keep the queue in memory for fast pages at any depth (default). One-shot commands turn it off: loading
   * it costs more than the single query they run.
   */
  readonly queueIndex?: boolean;
}

export interface Core {
  readonly handlers: Handlers;
  readonly store: Store;
  readonly session: SessionState;
  /** The boundary: checks the name and the input, answers with an outcome. Every host calls this. */
  invoke(name: unknown, input: unknown): Promise<Outcome<unknown>>;
  subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  close(): Promise<void>;
}

export const WORKSPACE_FILE = 'workspace.sqlite';

export function workspaceFile(dataDir: string): string {
  return path.join(dataDir, WORKSPACE_FILE);
}

/** The one entry to the domain service (DESIGN §2): the same core runs in Electron, the browser host and tests. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const store = await Store.open({
    file: workspaceFile(options.dataDir),
    ...(options.now ? { now: options.now } : {}),
  });
  const session = new SessionState(store);
  const queue = new QueueReader(store);
  const stopQueue = options.queueIndex === false ? () => {} : queue.start();
  const context: CoreContext = { store, session, queue, demoIncidents: options.demoIncidents ?? 2_000 };
  const handlers: Handlers = {
    ...sessionHandlers(context),
    ...referenceHandlers(context),
    ...incidentHandlers(context),
    ...queueHandlers(context),
  };

  const listeners = new Set<(payload: Events['data/changed']) => void>();
  store.onApplied((result) => {
    const payload = { incidentIds: [...result.incidentIds], reference: result.reference };
    for (const listener of listeners) listener(payload);
  });

  return {
    handlers,
    store,
    session,
    invoke: (name, input) => dispatch(handlers, name, input, options.logger),
    subscribe: (_event, listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      stopQueue();
      await queue.settled();
      await store.close();
    },
  };
}
