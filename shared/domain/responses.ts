/**
 * What the timeline says about talking to the reporter, read from stored timeline entries (type and payload)
 * so the SLA clocks, the KPIs and the screens all count the same things.
 *
 * - `reply`: mail the desk sent from the incident (the outbox's entry on the timeline). Payload:
 *   `{ outboxId, automatic, to, cc, subject, preview }`; `automatic` is true for mail no person wrote (an
 *   acknowledgement, a follow-up, a rule's template).
 * - `message`: something that came in or was logged (an email, a call, a walk-in, an alert). Payload:
 *   `{ messageId, channel, kind, from, subject, preview, direction? }`; `direction: 'outbound'` marks a call the
 *   agent made back to the reporter (logged with the quick log), absent or `'inbound'` everything received.
 */
export interface StoredTimelineEntry {
  readonly type: string;
  readonly payload: unknown;
}

function field(payload: unknown, name: string): unknown {
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)[name] : undefined;
}

/** A public response to the reporter by a person: a reply by mail, or a logged call back. Automatic mail is not. */
export function isPublicResponse(entry: StoredTimelineEntry): boolean {
  if (entry.type === 'reply') return field(entry.payload, 'automatic') !== true;
  return entry.type === 'message' && field(entry.payload, 'direction') === 'outbound';
}

/** Something the reporter (or another person on the incident) sent or said: it asks for an update. */
export function isCustomerMessage(entry: StoredTimelineEntry): boolean {
  return (
    entry.type === 'message' &&
    field(entry.payload, 'kind') === 'message' &&
    field(entry.payload, 'direction') !== 'outbound'
  );
}
