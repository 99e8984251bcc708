import path from 'node:path';
import type { EventName, Events, Handlers, Outcome } from '#shared/contract.ts';
import type { ImportSummary } from '#shared/domain/intake.ts';
import type { Agent } from '#shared/domain/reference.ts';
import { DeskError } from '#shared/errors.ts';
import { receiveAlertWebhook } from './alerts/alert-webhook.ts';
import type { AlertHook, AlertWebhookOutcome } from './alerts/alert-webhook.ts';
import type { CoreContext } from './context.ts';
import { combineHandlers } from './handler-registry.ts';
import { importFiles } from './inbox/import-files.ts';
import { seedDemoWorkspace } from './seed/demo-seed.ts';
import type { SeedOptions, SeedSummary } from './seed/demo-seed.ts';
import { ensureAgent } from './session/enrol-agent.ts';
import type { RoundSummary } from './sync/sync-engine.ts';
import { dispatch } from './dispatch.ts';
import type { DispatchLogger } from './dispatch.ts';
import { bulkHandlers } from './incidents/bulk.handlers.ts';
import { incidentFileHandlers } from './incidents/incident-files.handlers.ts';
import { incidentHandlers } from './incidents/incident.handlers.ts';
import { kpiHandlers } from './kpi/kpi.handlers.ts';
import { KpiReader } from './kpi/kpi-reader.ts';
import { kpiDrillIds } from './kpi/kpi.service.ts';
import { queueHandlers } from './queue/queue.handlers.ts';
import { QueueReader } from './queue/queue-reader.ts';
import { referenceHandlers } from './reference/reference.handlers.ts';
import { sessionHandlers } from './session/session.handlers.ts';
import { slaHandlers } from './sla/sla.handlers.ts';
import { DueRecompute } from './sla/due-recompute.ts';
import { SessionState } from './session/session.ts';
import { makeWorkspacePrivate } from './store/private-files.ts';
import { Store } from './store/store.ts';
import { CoreEvents } from './events.ts';
import { MailboxDuties } from './mailboxes/mailbox-duties.ts';
import { inboxHandlers } from './inbox/inbox.handlers.ts';
import { mailboxHandlers } from './mailboxes/mailbox.handlers.ts';
import { Uploads, UPLOADS_FOLDER } from './inbox/uploads.ts';
import { openSystemKeyring } from './secrets/system-keyring.ts';
import type { KeyringAvailability } from './secrets/system-keyring.ts';
import { WorkspaceSecrets } from './secrets/workspace-secrets.ts';
import type { SecretsProtection } from './secrets/workspace-secrets.ts';
import { SECRETS_FILE } from './secrets/secrets.ts';
import type { SecretCipher } from './secrets/secrets.ts';
import { SyncEngine } from './sync/sync-engine.ts';
import type { SyncEngineOptions } from './sync/sync-engine.ts';
import { syncHandlers } from './sync/sync.handlers.ts';
import { outboxHandlers } from './outbox/outbox.handlers.ts';
import { OutboxSender } from './outbox/outbox-sender.ts';
import type { SendSummary } from './outbox/outbox-sender.ts';
import { incidentsOfOutgoing } from './outbox/outgoing-mail.repository.ts';
import { workstationHandlers } from './workstation/workstation.handlers.ts';
import { automationHandlers } from './automation/automation.handlers.ts';
import { AutomationDuties } from './automation/automation-duties.ts';
import { ensureDefaultAutomation } from './automation/default-automation.ts';
import { runEventRules } from './automation/rule-engine.ts';
import { notifyOfCommand } from './notifications/notification-events.ts';
import { notificationHandlers } from './notifications/notification.handlers.ts';
import type { SweepSummary } from './automation/time-rules.ts';
import { noticeHandlers } from './notices/notice.handlers.ts';

export interface CoreOptions {
  /** The workspace folder; the SQLite file lives inside it. */
  readonly dataDir: string;
  readonly now?: () => number;
  /** How many incidents "Create demo workspace" makes. */
  readonly demoIncidents?: number;
  readonly logger?: DispatchLogger;
  /**
   * Keep the queue and the KPI facts in memory for fast pages at any depth and reports over any period
   * (default). One-shot commands turn it off: loading them costs more than the single query they run.
   */
  readonly queueIndex?: boolean;
  /** The desktop app's safeStorage: secrets are sealed with it. */
  readonly cipher?: SecretCipher;
  /**
   * The OS keyring for secrets, where there is no cipher: `'system'` for the one this computer has (the hosts
   * pass it), or another opener (tests). Without either, secrets stay in plain text in a 0600 file.
   */
  readonly keyring?: 'system' | (() => Promise<KeyringAvailability>);
  /** Sync with the team hub in the background (default). One-shot commands run their rounds themselves. */
  readonly autoSync?: boolean;
  readonly syncPollMs?: number;
  /** Changes per pulled page (the hub's default when absent). */
  readonly syncPullLimit?: number;
  /** How the sync engine reaches the hub (tests put faults in the way). */
  readonly connectTo?: SyncEngineOptions['connectTo'];
  /**
   * Run the team's always-on duties (reading mailboxes) whenever this workstation should: a local workspace,
   * or one holding the automation lease. By default whenever sync runs in the background.
   */
  readonly duties?: boolean;
}

export interface Core {
  /** The boundary: checks the name and the input, answers with an outcome. Every host calls this. */
  invoke(name: unknown, input: unknown): Promise<Outcome<unknown>>;
  subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;

  // What hosts do that no screen does (files named on a command line, webhooks, scripted set-up).
  /** Imports .eml, .mbox and alert .json files from paths on this computer. */
  importFiles(paths: readonly string[], onProgress?: (summary: ImportSummary) => void): Promise<ImportSummary>;
  /** A monitoring system's notification, posted to `desk serve`. */
  receiveAlerts(hook: AlertHook, raw: Buffer): Promise<AlertWebhookOutcome>;
  /** Fills an empty workspace with demo data. */
  seedDemo(options: SeedOptions): Promise<SeedSummary>;
  /**
   * Waits until every incident's due times match the current calendars and policies (after a change of them,
   * they are recomputed in the background): for one-shot commands that print due times.
   */
  settleDueTimes(): Promise<void>;
  /**
   * Waits until what start-up does in the background is done (the queue's index loaded with its sort orders,
   * the KPI facts loaded): for benches that tell the start-up window from the steady state.
   */
  settleStartUp(): Promise<void>;
  /** Signs in as the agent with this email, adding them first when the workspace has nobody with it. */
  signInAs(name: string, email: string): Promise<Agent>;
  /** One sync round now, with what moved (hosts that run rounds themselves). */
  syncRound(): Promise<RoundSummary>;
  /**
   * Sends what this workstation should send now (its agents' mail; automatic mail too when it runs the team's
   * duties), for hosts without the background sender (`desk reply`).
   */
  sendOutbox(): Promise<SendSummary>;
  /**
   * Runs the time rules that are due now, when this workstation runs the team's duties (hosts without the
   * background sweep, and tests on a clock they move).
   */
  runTimeRules(): Promise<SweepSummary>;
  close(): Promise<void>;

  // The parts inside, for tests and benchmarks only: hosts and the shell use the entries above (lint-checked).
  readonly handlers: Handlers;
  readonly store: Store;
  readonly session: SessionState;
  readonly sync: SyncEngine;
  /** Where this host keeps secrets, in words, for its start-up line (honest where they are not encrypted). */
  describeSecrets(): Promise<{ kind: SecretsProtection; where: string }>;
}

export type { AlertHook, AlertWebhookOutcome } from './alerts/alert-webhook.ts';
export { ALERT_HOOKS } from './alerts/alert-webhook.ts';
export type { AlertReceipt } from './alerts/alert-intake.ts';
export type { SeedOptions, SeedSummary } from './seed/demo-seed.ts';
export type { RoundSummary } from './sync/sync-engine.ts';
export type { SendSummary } from './outbox/outbox-sender.ts';
export type { SweepSummary } from './automation/time-rules.ts';
export type { SecretCipher } from './secrets/secrets.ts';
export { defaultDataDir } from './paths.ts';

export const WORKSPACE_FILE = 'workspace.sqlite';

/** What the core keeps in the workspace folder, all of it private to the user (DESIGN §8). */
const WORKSPACE_ENTRIES = [
  ...['', '-wal', '-shm', '-journal'].map((suffix) => `${WORKSPACE_FILE}${suffix}`),
  SECRETS_FILE,
  UPLOADS_FOLDER,
];

export function workspaceFile(dataDir: string): string {
  return path.join(dataDir, WORKSPACE_FILE);
}

/** The one entry to the domain service (DESIGN §2): the same core runs in Electron, the browser host and tests. */
export async function createCore(options: CoreOptions): Promise<Core> {
  await makeWorkspacePrivate(options.dataDir, WORKSPACE_ENTRIES);
  const store = await Store.open({
    file: workspaceFile(options.dataDir),
    ...(options.now ? { now: options.now } : {}),
  });
  // Every workspace starts with the default rules and templates; event rules act in each local command.
  await ensureDefaultAutomation(store);
  store.afterEachCommand(runEventRules);
  // After the rules, so what they did (an assignment) is told as well.
  store.afterEachCommand(notifyOfCommand);
  const session = new SessionState(store);
  const kpi = new KpiReader(store);
  // A drill-down from the KPIs shows in the queue exactly the incidents behind the figure.
  const queue = new QueueReader(store, (drill) => kpiDrillIds({ store, session, kpi }, drill));
  const stopQueue = options.queueIndex === false ? () => {} : queue.start();
  const stopKpi = options.queueIndex === false ? () => {} : kpi.start();
  const dueRecompute = new DueRecompute(store, {
    onError: (error) => options.logger?.error('Recomputing due times failed', error),
  });
  const stopDueRecompute = dueRecompute.start();
  const events = new CoreEvents();
  const secrets = new WorkspaceSecrets({
    dataDir: options.dataDir,
    cipher: options.cipher ?? null,
    keyring: options.keyring === 'system' ? () => openSystemKeyring() : (options.keyring ?? null),
  });
  const duties = options.duties ?? options.autoSync !== false;
  const mailboxes = new MailboxDuties({ store, secrets, enabled: duties });
  events.subscribe('sync/state', (status) => mailboxes.follow(status));
  const sync: SyncEngine = new SyncEngine({
    store,
    secrets,
    onStatus: (status) => events.emit('sync/state', status),
    onOverwritten: (notices) => events.emit('sync/overwritten', notices),
    ...(options.syncPollMs === undefined ? {} : { pollMs: options.syncPollMs }),
    ...(options.syncPullLimit === undefined ? {} : { pullLimit: options.syncPullLimit }),
    ...(options.connectTo ? { connectTo: options.connectTo } : {}),
  });
  const outbox = new OutboxSender({ store, secrets, sync, background: options.autoSync !== false, duties });
  events.subscribe('sync/state', (status) => outbox.follow(status));
  const automation = new AutomationDuties({ store, sync, enabled: duties, background: options.autoSync !== false });
  events.subscribe('sync/state', (status) => automation.follow(status));
  const uploads = new Uploads(options.dataDir);
  const context: CoreContext = {
    store,
    session,
    queue,
    kpi,
    sync,
    uploads,
    events,
    secrets,
    mailboxes,
    demoIncidents: options.demoIncidents ?? 2_000,
  };
  const handlers = combineHandlers({
    session: sessionHandlers(context),
    reference: referenceHandlers(context),
    incidents: incidentHandlers(context),
    incidentFiles: incidentFileHandlers(context),
    bulk: bulkHandlers(context),
    queue: queueHandlers(context),
    sync: syncHandlers(context),
    inbox: inboxHandlers(context),
    mailboxes: mailboxHandlers(context),
    outbox: outboxHandlers(context),
    workstation: workstationHandlers(context),
    kpi: kpiHandlers(context),
    sla: slaHandlers(context),
    automation: automationHandlers(context),
    notices: noticeHandlers(context),
    notifications: notificationHandlers(context),
  });

  store.onApplied((result) => {
    events.emit('data/changed', {
      incidentIds: [...result.incidentIds],
      reference: result.reference,
      inbox: result.kinds.has('message'),
      notifications: result.kinds.has('notification') || result.kinds.has('notificationSettings'),
    });
    // A delivery state is not the incident's own field: the incidents whose timelines show it are looked up.
    if (result.kinds.has('outgoing')) {
      const ids = [...new Set(result.fresh.filter((c) => c.entity === 'outgoing').map((c) => c.entityId))];
      void incidentsOfOutgoing(store.db, ids)
        .then((incidentIds) => events.emit('data/changed', { incidentIds, reference: false, outbox: true }))
        .catch(() => {});
    }
  });
  await sync.start({ background: options.autoSync !== false });

  return {
    handlers,
    store,
    session,
    sync,
    describeSecrets: () => secrets.protection(),
    invoke: (name, input) => dispatch(handlers, name, input, options.logger),
    subscribe: (event, listener) => events.subscribe(event, listener),
    importFiles: (paths, onProgress) => importFiles(store, paths, onProgress),
    receiveAlerts: (hook, raw) => receiveAlertWebhook(store, hook, raw),
    seedDemo: (seedOptions) => seedDemoWorkspace(store, seedOptions),
    settleDueTimes: () => dueRecompute.settled(),
    settleStartUp: async () => {
      await Promise.all([queue.prepared(), kpi.settled()]);
    },
    signInAs: async (name, email) => session.signIn(await ensureAgent(store, name, email)),
    syncRound: async () => {
      if (!sync.connected) {
        throw new DeskError('invalid_input', 'This workspace is not connected to a hub; use desk connect.');
      }
      return sync.syncNow();
    },
    sendOutbox: () => outbox.sendNow(),
    runTimeRules: () => automation.sweepNow(),
    close: async () => {
      stopDueRecompute();
      await dueRecompute.stop();
      await automation.stop();
      await outbox.stop();
      await mailboxes.stop();
      await sync.stop();
      await uploads.releaseAll();
      stopQueue();
      stopKpi();
      await queue.settled();
      await kpi.settled();
      await store.close();
    },
  };
}
