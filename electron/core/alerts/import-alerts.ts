import { readFile, stat } from 'node:fs/promises';
import { DeskError } from '#shared/errors.ts';
import type { ImportFailure } from '#shared/domain/intake.ts';
import type { Store } from '#core/store/store.ts';
import type { AlertOutcomeKind } from './alert-intake.ts';
import { receiveAlertBatch } from './alert-intake.ts';
import { parseAnyAlertPayload, parseJsonBody } from './parse-alerts.ts';

/** JSON is parsed whole, so this bounds what an import holds in memory; webhook captures are far smaller. */
export const MAX_ALERT_FILE_BYTES = 64 * 1024 * 1024;

/** The running counts of an import (import-files.ts's tally), which alert files add to. */
export interface ImportTally {
  messages: number;
  imported: number;
  threaded: number;
  duplicate: number;
  automatic: number;
  failed: number;
  readonly failures: ImportFailure[];
}

/** How each alert outcome counts in an ImportSummary: on an incident, already there, or nothing to do. */
const TALLY_FIELD: Record<AlertOutcomeKind, 'threaded' | 'duplicate' | 'automatic'> = {
  created: 'threaded',
  linked: 'threaded',
  resolved: 'threaded',
  noted: 'threaded',
  unmatched: 'automatic',
  duplicate: 'duplicate',
};

export function isAlertFile(name: string): boolean {
  return /\.json$/i.test(name);
}

/**
 * Imports a saved alert notification (Alertmanager or Grafana webhook JSON), or a JSON array of them, through
 * the same intake as the webhooks. Each notification is one transaction; one that is not an alert
 * notification is reported as failed and the rest still go in.
 */
export async function importAlertFile(store: Store, file: string, name: string, tally: ImportTally): Promise<void> {
  const info = await stat(file);
  if (info.size > MAX_ALERT_FILE_BYTES) {
    throw new DeskError('invalid_input', `${name} is larger than ${MAX_ALERT_FILE_BYTES / 1024 / 1024} MB.`);
  }
  const raw = await readFile(file);
  const value = parseJsonBody(raw.toString('utf8'));
  const notifications = Array.isArray(value) ? value : [value];
  for (const [index, notification] of notifications.entries()) {
    const source = Array.isArray(value) ? `${name} #${index + 1}` : name;
    try {
      const batch = parseAnyAlertPayload(notification);
      const receipt = await receiveAlertBatch(store, batch, { source: `import: ${source}`, raw });
      for (const outcome of receipt.alerts) {
        tally.messages++;
        tally[TALLY_FIELD[outcome.kind]]++;
      }
    } catch (error) {
      tally.messages++;
      tally.failed++;
      tally.failures.push({ source, reason: error instanceof Error ? error.message : String(error) });
    }
  }
}
