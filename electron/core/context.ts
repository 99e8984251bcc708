import type { CoreEvents } from './events.ts';
import type { MailboxDuties } from './mailboxes/mailbox-duties.ts';
import type { Uploads } from './inbox/uploads.ts';
import type { KpiReader } from './kpi/kpi-reader.ts';
import type { QueueReader } from './queue/queue-reader.ts';
import type { SessionState } from './session/session.ts';
import type { SecretStore } from './secrets/secrets.ts';
import type { SyncEngine } from './sync/sync-engine.ts';
import type { Store } from './store/store.ts';

/** What every handler slice is given: plain values, never a module-level singleton (STYLE habit 5). */
export interface CoreContext {
  readonly store: Store;
  readonly session: SessionState;
  readonly queue: QueueReader;
  /** Every incident's KPI facts, in memory once loaded. */
  readonly kpi: KpiReader;
  readonly sync: SyncEngine;
  readonly uploads: Uploads;
  readonly events: CoreEvents;
  readonly secrets: SecretStore;
  /** The pollers of the team's IMAP mailboxes, running while this workstation has the duties. */
  readonly mailboxes: MailboxDuties;
  /** Incidents in the demo workspace offered on first start. */
  readonly demoIncidents: number;
}
