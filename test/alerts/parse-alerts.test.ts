import { describe, expect, it } from 'vitest';
import { severityLevels } from '#core/alerts/alert.ts';
import { AlertPayloadError } from '#core/alerts/alert-payload.ts';
import {
  parseAlertmanagerPayload,
  parseAnyAlertPayload,
  parseGrafanaPayload,
  parseJsonBody,
} from '#core/alerts/parse-alerts.ts';
import {
  fixture,
  fixtureText,
  legacyNotification,
  PROBE_FINGERPRINT,
  PROBE_STARTS_AT,
  probeFailure,
} from './alert-fixtures.ts';

function payloadError(run: () => unknown): AlertPayloadError {
  try {
    run();
  } catch (error) {
    if (error instanceof AlertPayloadError) return error;
    throw error;
  }
  throw new Error('Expected an AlertPayloadError, but the payload was accepted.');
}

describe('Alertmanager notifications', () => {
  it('reads the published version 4 sample: fingerprint, times, texts, severity and links', () => {
    const batch = parseAlertmanagerPayload(parseJsonBody(fixtureText('alertmanager-probe-failure.json')));
    expect(batch).toMatchObject({ source: 'alertmanager', receiver: 'sms', truncated: 0 });
    expect(batch.senderUrl).toBe('http://prometheus.example.org:9093');
    expect(batch.alerts).toHaveLength(1);
    const [alert] = batch.alerts;
    expect(alert).toMatchObject({
      fingerprint: PROBE_FINGERPRINT,
      status: 'firing',
      startsAt: PROBE_STARTS_AT,
      endsAt: null,
      title: 'BlackBox Probe Failure: https://server.example.org',
      description: 'Instance https://server.example.org has been down for over 5m. Job: http_checks',
      severity: 'critical',
      contentKey: null,
    });
    expect(alert!.links).toEqual([
      { label: 'Source', url: 'http://prometheus.example.org:9090/graph?g0.expr=probe_success+%3D%3D+0&g0.tab=1' },
    ]);
  });

  it('keeps the end of a resolved alert, and no end while it fires (Go’s zero time)', () => {
    const resolved = parseAlertmanagerPayload(
      probeFailure({ status: 'resolved', endsAt: '2023-02-06T14:25:10+01:00' }),
    );
    expect(resolved.alerts[0]).toMatchObject({ status: 'resolved', endsAt: '2023-02-06T13:25:10.000Z' });
  });

  it('derives a stable fingerprint from the labels when an older Alertmanager sends none', () => {
    const payload = fixture('alertmanager-without-fingerprint.json');
    const [alert] = parseAlertmanagerPayload(payload).alerts;
    expect(alert!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(alert!.startsAt).toBe('2018-08-03T07:52:26.739Z');

    const reordered = fixture('alertmanager-without-fingerprint.json');
    const first = (reordered.alerts as { labels: Record<string, string> }[])[0]!;
    first.labels = Object.fromEntries(Object.entries(first.labels).reverse());
    expect(parseAlertmanagerPayload(reordered).alerts[0]!.fingerprint).toBe(alert!.fingerprint);

    first.labels.instance = 'localhost:9091';
    expect(parseAlertmanagerPayload(reordered).alerts[0]!.fingerprint).not.toBe(alert!.fingerprint);
  });
});

describe('Grafana notifications', () => {
  it('reads unified alerting with values (current) and valueString (Grafana 9)', () => {
    const current = parseGrafanaPayload(fixture('grafana-unified.json'));
    const nine = parseGrafanaPayload(fixture('grafana-unified-value-string.json'));
    for (const batch of [current, nine]) {
      expect(batch).toMatchObject({ source: 'grafana', receiver: 'My Super Webhook' });
      expect(batch.alerts.map((a) => [a.fingerprint, a.status, a.title])).toEqual([
        ['c6eadffa33fcdf37', 'firing', 'This alert was triggered for zone us-1'],
        ['bc97ff14869b13e3', 'firing', 'This alert was triggered for zone eu-1'],
      ]);
      // Empty dashboard and panel links are left out; the runbook annotation is a link.
      expect(batch.alerts[0]!.links.map((l) => l.label)).toEqual(['Source', 'Runbook', 'Silence']);
    }
    expect(current.alerts[0]!.values).toBe('B=44.23943737541908, C=1');
    expect(nine.alerts[0]!.values).toBe("[ metric='' labels={} value=14151.331895396988 ]");
  });

  it('reads legacy alerting, deriving the fingerprint from the rule and its tags', () => {
    const batch = parseGrafanaPayload(fixture('grafana-legacy.json'));
    expect(batch.alerts).toHaveLength(1);
    const [alert] = batch.alerts;
    expect(alert).toMatchObject({
      source: 'grafana',
      status: 'firing',
      startsAt: null,
      endsAt: null,
      title: 'Panel Title alert',
      description: 'Notification Message',
      values: 'Count=1',
      labels: { 'tag name': 'tag value' },
    });
    expect(alert!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(alert!.links.map((l) => l.label)).toEqual(['Rule', 'Image']);

    const fingerprintOf = (payload: Record<string, unknown>) => parseGrafanaPayload(payload).alerts[0]!.fingerprint;
    // The same rule with other values, words or state is the same alert …
    expect(fingerprintOf(legacyNotification({ value: 7, message: 'Other words' }))).toBe(alert!.fingerprint);
    expect(fingerprintOf(legacyNotification({ state: 'ok' }))).toBe(alert!.fingerprint);
    // … other tags make another one, and so does another rule.
    expect(fingerprintOf(legacyNotification({ tags: { 'tag name': 'other' } }))).not.toBe(alert!.fingerprint);
    expect(fingerprintOf({ ...fixture('grafana-legacy.json'), ruleId: 2 })).not.toBe(alert!.fingerprint);
    // A notification is told from a repeat by what it says.
    expect(parseGrafanaPayload(legacyNotification({ value: 7 })).alerts[0]!.contentKey).not.toBe(alert!.contentKey);
    expect(parseGrafanaPayload(fixture('grafana-legacy.json')).alerts[0]!.contentKey).toBe(alert!.contentKey);
  });

  it('maps legacy states: alerting and no data fire, ok recovers, paused and pending are not notifications', () => {
    const cases: [string, string[]][] = [
      ['alerting', ['firing']],
      ['no_data', ['firing']],
      ['ok', ['resolved']],
      ['paused', []],
      ['pending', []],
    ];
    for (const [state, statuses] of cases) {
      const batch = parseGrafanaPayload(legacyNotification({ state }));
      expect(
        batch.alerts.map((a) => a.status),
        state,
      ).toEqual(statuses);
    }
  });
});

describe('a file of unknown origin', () => {
  it('is recognised by its shape', () => {
    expect(parseAnyAlertPayload(fixture('alertmanager-probe-failure.json')).source).toBe('alertmanager');
    expect(parseAnyAlertPayload(fixture('alertmanager-without-fingerprint.json')).source).toBe('alertmanager');
    expect(parseAnyAlertPayload(fixture('grafana-unified.json')).source).toBe('grafana');
    expect(parseAnyAlertPayload(fixture('grafana-unified-value-string.json')).source).toBe('grafana');
    expect(parseAnyAlertPayload(fixture('grafana-legacy.json')).alerts[0]!.title).toBe('Panel Title alert');
  });
});

describe('what is refused, and how it is said', () => {
  it('refuses text that is not JSON as not_json', () => {
    for (const text of ['', '   ', '{"alerts": [', 'alertname=Down']) {
      const error = payloadError(() => parseJsonBody(text));
      expect(error.problem, JSON.stringify(text)).toBe('not_json');
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(/empty|not JSON/);
    }
  });

  it('refuses JSON that is not a notification, naming the field that is wrong', () => {
    const broken = probeFailure();
    (broken.alerts as Record<string, unknown>[])[0]!.status = 'exploded';
    const cases: [() => unknown, RegExp][] = [
      [() => parseAlertmanagerPayload(broken), /not an Alertmanager webhook: alerts\[0\]\.status/],
      [() => parseAlertmanagerPayload({ receiver: 'x' }), /alerts: /],
      [() => parseAlertmanagerPayload([1, 2]), /the body: /],
      [() => parseGrafanaPayload({ state: 'alerting' }), /needs ruleName or ruleId/],
      [() => parseGrafanaPayload({ ruleName: 'r', state: 'on fire' }), /state: /],
      [() => parseAnyAlertPayload({ hello: 'world' }), /neither an "alerts" list nor a Grafana rule/],
      [() => parseAnyAlertPayload(42), /not an Alertmanager or Grafana alert notification/],
    ];
    for (const [run, message] of cases) {
      const error = payloadError(run);
      expect(error.problem).toBe('not_alerts');
      expect(error.message).toMatch(message);
    }
  });

  it('refuses an alert whose start is not a time', () => {
    const payload = probeFailure({ startsAt: 'yesterday' });
    expect(payloadError(() => parseAlertmanagerPayload(payload)).message).toMatch(/alerts\[0\]\.startsAt: must be/);
  });
});

describe('severity', () => {
  it('sets impact and urgency: critical high, warning and major medium, anything else low', () => {
    const cases: [string | null, number][] = [
      ['critical', 1],
      ['CRITICAL', 1],
      ['warning', 2],
      ['major', 2],
      ['info', 3],
      ['constructor', 3],
      [null, 3],
    ];
    for (const [severity, level] of cases) {
      expect(severityLevels(severity), String(severity)).toEqual({ impact: level, urgency: level });
    }
  });
});
