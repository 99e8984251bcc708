import type { Store } from '../store/store.ts';
import type { AlertBatch } from './alert.ts';
import { receiveAlertBatch } from './alert-intake.ts';
import type { AlertReceipt } from './alert-intake.ts';
import { AlertPayloadError } from './alert-payload.ts';
import type { AlertPayloadProblem } from './alert-payload.ts';
import { parseAlertmanagerPayload, parseGrafanaPayload, parseJsonBody } from './parse-alerts.ts';
import { senderName } from './alert-text.ts';

/** The monitoring systems whose webhooks the desk takes, each with its own format. */
export const ALERT_HOOKS = ['alertmanager', 'grafana'] as const;
export type AlertHook = (typeof ALERT_HOOKS)[number];

const PARSERS: Readonly<Record<AlertHook, (value: unknown) => AlertBatch>> = {
  alertmanager: parseAlertmanagerPayload,
  grafana: parseGrafanaPayload,
};

/** What a webhook call did: stored (with what each alert became), or refused whole with the reason. */
export type AlertWebhookOutcome =
  | { readonly kind: 'stored'; readonly receipt: AlertReceipt }
  | { readonly kind: 'refused'; readonly problem: AlertPayloadProblem; readonly message: string };

/** One notification as a monitoring system posted it: parsed by its sender's format, then stored. */
export async function receiveAlertWebhook(store: Store, hook: AlertHook, raw: Buffer): Promise<AlertWebhookOutcome> {
  let batch: AlertBatch;
  try {
    batch = PARSERS[hook](parseJsonBody(raw.toString('utf8')));
  } catch (error) {
    if (error instanceof AlertPayloadError) return { kind: 'refused', problem: error.problem, message: error.message };
    throw error;
  }
  const receipt = await receiveAlertBatch(store, batch, { source: `webhook: ${senderName(batch)}`, raw });
  return { kind: 'stored', receipt };
}
