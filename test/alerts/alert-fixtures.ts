import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The real notifications in fixtures/ (see its README), and the variants tests derive from them. */
export const FIXTURES_DIR = path.join(import.meta.dirname, 'fixtures');

export const FIXTURE_FILES = [
  'alertmanager-probe-failure.json',
  'alertmanager-without-fingerprint.json',
  'grafana-unified.json',
  'grafana-unified-value-string.json',
  'grafana-legacy.json',
] as const;
export type FixtureFile = (typeof FIXTURE_FILES)[number];

export function fixturePath(name: FixtureFile): string {
  return path.join(FIXTURES_DIR, name);
}

export function fixtureText(name: FixtureFile): string {
  return readFileSync(fixturePath(name), 'utf8');
}

/** A fresh copy each time, so a test can change it without touching the next. */
export function fixture(name: FixtureFile): Record<string, unknown> {
  return JSON.parse(fixtureText(name)) as Record<string, unknown>;
}

export const PROBE_FINGERPRINT = '1a30ba71cca2921f';
export const PROBE_STARTS_AT = '2023-02-06T13:08:45.828Z';
/** Go's zero time: Alertmanager's endsAt of an alert that is still firing. */
export const NOT_ENDED = '0001-01-01T00:00:00Z';

interface ProbeChanges {
  readonly status?: 'firing' | 'resolved';
  readonly startsAt?: string;
  readonly endsAt?: string;
  readonly severity?: string | null;
  readonly fingerprint?: string;
}

/**
 * The probe-failure notification from Alertmanager's sample, as it would arrive for another occurrence or
 * on recovery: Alertmanager repeats the alert with `status: resolved` and the instant it ended.
 */
export function probeFailure(changes: ProbeChanges = {}): Record<string, unknown> {
  const payload = fixture('alertmanager-probe-failure.json');
  const alert = (payload.alerts as Record<string, unknown>[])[0]!;
  const status = changes.status ?? 'firing';
  payload.status = status;
  alert.status = status;
  alert.startsAt = changes.startsAt ?? PROBE_STARTS_AT;
  alert.endsAt = changes.endsAt ?? (status === 'resolved' ? '2023-02-06T13:25:10.000Z' : NOT_ENDED);
  if (changes.fingerprint) alert.fingerprint = changes.fingerprint;
  if (changes.severity !== undefined) {
    const labels = alert.labels as Record<string, string>;
    if (changes.severity === null) delete labels.severity;
    else labels.severity = changes.severity;
  }
  return payload;
}

/** Grafana's legacy notification for the same rule in another state, or with other values. */
export function legacyNotification(
  changes: { state?: string; value?: number; message?: string; tags?: Record<string, string> } = {},
): Record<string, unknown> {
  const payload = fixture('grafana-legacy.json');
  if (changes.state) {
    payload.state = changes.state;
    payload.title = `[${changes.state === 'ok' ? 'OK' : 'Alerting'}] Panel Title alert`;
  }
  if (changes.value !== undefined) payload.evalMatches = [{ value: changes.value, metric: 'Count', tags: {} }];
  if (changes.state === 'ok') payload.evalMatches = [];
  if (changes.message !== undefined) payload.message = changes.message;
  if (changes.tags) payload.tags = changes.tags;
  return payload;
}
