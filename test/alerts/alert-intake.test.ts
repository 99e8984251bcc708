import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncidentDetail } from '#shared/domain/incident.ts';
import { receiveAlertBatch } from '#core/alerts/alert-intake.ts';
import type { AlertReceipt } from '#core/alerts/alert-intake.ts';
import { alertIncidentId } from '#core/alerts/alert-placement.ts';
import { parseAnyAlertPayload } from '#core/alerts/parse-alerts.ts';
import { getMessageRow } from '#core/inbox/inbox.repository.ts';
import { fingerprintDatabase } from '../helpers/fingerprint.ts';
import { call } from '../helpers/invoke.ts';
import { openTempCore } from '../helpers/temp-workspace.ts';
import type { TempCore } from '../helpers/temp-workspace.ts';
import { fixture, legacyNotification, PROBE_FINGERPRINT, PROBE_STARTS_AT, probeFailure } from './alert-fixtures.ts';

let workspace: TempCore;

beforeEach(async () => {
  workspace = await openTempCore();
});

afterEach(async () => {
  await workspace.dispose();
});

/** Delivers one notification the way a webhook or an import does. */
async function deliver(payload: unknown, target: TempCore = workspace): Promise<AlertReceipt> {
  const raw = Buffer.from(JSON.stringify(payload));
  return receiveAlertBatch(target.core.store, parseAnyAlertPayload(payload), { source: 'test delivery', raw });
}

function detail(id: string): Promise<IncidentDetail> {
  return call(workspace.core, 'incident/get', { id });
}

async function incidentCount(target: TempCore = workspace): Promise<number> {
  const row = await target.core.store.db
    .selectFrom('incident')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

function notes(incident: IncidentDetail): string[] {
  return incident.timeline.filter((event) => event.type === 'note').map((event) => event.body ?? '');
}

describe('a firing alert', () => {
  it('opens one incident: title from the summary, critical is impact and urgency 1, on the monitoring channel', async () => {
    const receipt = await deliver(probeFailure());
    expect(receipt).toMatchObject({ received: 1, created: 1, linked: 0, duplicate: 0 });
    const [outcome] = receipt.alerts;
    expect(outcome!.incidentId).toBe(alertIncidentId(PROBE_FINGERPRINT, PROBE_STARTS_AT));

    const { incident, timeline } = await detail(outcome!.incidentId!);
    expect(incident).toMatchObject({
      title: 'BlackBox Probe Failure: https://server.example.org',
      channel: 'monitoring',
      impact: 1,
      urgency: 1,
      priority: 1,
      status: 'new',
      assigneeId: null,
      reportedAt: PROBE_STARTS_AT,
    });
    expect(incident.description).toContain('has been down for over 5m');
    expect(timeline.map((event) => event.type)).toEqual(['created', 'message']);

    const message = await call(workspace.core, 'inbox/get', { id: outcome!.messageId });
    expect(message).toMatchObject({
      channel: 'monitoring',
      kind: 'message',
      state: 'incident',
      incidentId: incident.id,
      subject: 'BlackBox Probe Failure: https://server.example.org',
      alert: { fingerprint: PROBE_FINGERPRINT, status: 'firing' },
      from: { name: 'Alertmanager (sms)' },
    });
    expect(message.bodyText).toContain('severity = critical');
    expect(message.rawHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('takes impact and urgency from the severity label', async () => {
    const cases: [string | null, number][] = [
      ['warning', 2],
      ['major', 2],
      ['info', 3],
      [null, 3],
    ];
    for (const [index, [severity, level]] of cases.entries()) {
      const receipt = await deliver(probeFailure({ severity, fingerprint: `severity-${index}` }));
      const { incident } = await detail(receipt.alerts[0]!.incidentId!);
      expect([incident.impact, incident.urgency], String(severity)).toEqual([level, level]);
    }
  });

  it('joins the open incident when it fires again, instead of opening another', async () => {
    const first = await deliver(probeFailure());
    const again = await deliver(probeFailure({ startsAt: '2023-02-06T13:40:00.000Z' }));
    expect(again).toMatchObject({ created: 0, linked: 1 });
    expect(again.alerts[0]!.incidentId).toBe(first.alerts[0]!.incidentId);
    expect(await incidentCount()).toBe(1);
    const { timeline } = await detail(first.alerts[0]!.incidentId!);
    expect(timeline.filter((event) => event.type === 'message')).toHaveLength(2);
    const message = await getMessageRow(workspace.core.store.db, again.alerts[0]!.messageId);
    expect(message.state).toBe('threaded');
  });

  it('is received once however often it is delivered: a repeat writes nothing', async () => {
    await deliver(probeFailure());
    const before = await fingerprintDatabase(workspace.core.store.db);
    for (const payload of [probeFailure(), probeFailure()]) {
      expect(await deliver(payload)).toMatchObject({ received: 1, duplicate: 1, created: 0, linked: 0 });
    }
    expect(await fingerprintDatabase(workspace.core.store.db)).toEqual(before);
  });

  it('gets the same incident and message ids on two hosts that receive it, so they converge', async () => {
    const other = await openTempCore();
    try {
      const here = await deliver(probeFailure());
      const there = await deliver(probeFailure(), other);
      expect(there.alerts[0]!.incidentId).toBe(here.alerts[0]!.incidentId);
      expect(there.alerts[0]!.messageId).toBe(here.alerts[0]!.messageId);
    } finally {
      await other.dispose();
    }
  });
});

describe('a resolved alert', () => {
  it('resolves an incident nobody has touched, saying the monitoring system reported recovery', async () => {
    const opened = await deliver(probeFailure());
    const receipt = await deliver(probeFailure({ status: 'resolved', endsAt: '2023-02-06T13:25:10.000Z' }));
    expect(receipt).toMatchObject({ received: 1, resolved: 1, noted: 0 });
    const incident = await detail(opened.alerts[0]!.incidentId!);
    expect(incident.incident).toMatchObject({
      status: 'resolved',
      resolutionCode: 'recovered_automatically',
      // The desk resolved it for the monitoring system: nobody became assignee or acknowledged it.
      assigneeId: null,
      acknowledgedAt: null,
    });
    expect(incident.incident.resolutionNotes).toMatch(
      /monitoring system \(Alertmanager \(sms\)\) reported .*recovered/,
    );
    expect(notes(incident)).toEqual(['Recovered at 2023-02-06 13:25:10 UTC, as Alertmanager (sms) reported.']);
    expect(incident.timeline.map((event) => event.type)).toEqual(['created', 'message', 'message', 'note', 'changed']);
    expect(incident.timeline.every((event) => event.actorId === null)).toBe(true);
  });

  it('only adds the note when an agent has added a note of their own', async () => {
    const opened = await deliver(probeFailure());
    const id = opened.alerts[0]!.incidentId!;
    await call(workspace.core, 'session/register', { name: 'Dana Agent', email: 'dana@example.com' });
    await call(workspace.core, 'incident/addNote', { id, body: 'Looking into the probe.' });

    const receipt = await deliver(probeFailure({ status: 'resolved' }));
    expect(receipt).toMatchObject({ resolved: 0, noted: 1 });
    const incident = await detail(id);
    expect(incident.incident.status).toBe('new');
    expect(incident.incident.resolutionCode).toBeNull();
    expect(notes(incident)).toEqual([
      'Looking into the probe.',
      'Recovered at 2023-02-06 13:25:10 UTC, as Alertmanager (sms) reported.',
    ]);
  });

  it('only adds the note when an agent has assigned the incident', async () => {
    const opened = await deliver(probeFailure());
    const id = opened.alerts[0]!.incidentId!;
    const { agent } = await call(workspace.core, 'session/register', { name: 'Dana Agent', email: 'dana@example.com' });
    await call(workspace.core, 'incident/assign', { id, assigneeId: agent!.id });

    expect(await deliver(probeFailure({ status: 'resolved' }))).toMatchObject({ resolved: 0, noted: 1 });
    expect((await detail(id)).incident.status).toBe('assigned');
  });

  it('is kept, out of the inbox, when the desk never saw the alert firing', async () => {
    const receipt = await deliver(probeFailure({ status: 'resolved' }));
    expect(receipt).toMatchObject({ received: 1, unmatched: 1 });
    expect(await incidentCount()).toBe(0);
    const message = await getMessageRow(workspace.core.store.db, receipt.alerts[0]!.messageId);
    expect(message).toMatchObject({
      channel: 'monitoring',
      state: 'noise',
      alert_status: 'resolved',
      incident_id: null,
    });
  });

  it('is received once: a repeated recovery writes nothing', async () => {
    await deliver(probeFailure());
    await deliver(probeFailure({ status: 'resolved' }));
    const before = await fingerprintDatabase(workspace.core.store.db);
    expect(await deliver(probeFailure({ status: 'resolved' }))).toMatchObject({ duplicate: 1 });
    expect(await fingerprintDatabase(workspace.core.store.db)).toEqual(before);
  });
});

describe('an alert firing again after its incident ended', () => {
  it('opens a new incident that points back at the old one', async () => {
    const first = await deliver(probeFailure());
    await deliver(probeFailure({ status: 'resolved' }));
    const again = await deliver(probeFailure({ startsAt: '2023-02-07T08:00:00.000Z' }));
    expect(again).toMatchObject({ created: 1 });
    const oldId = first.alerts[0]!.incidentId!;
    const newId = again.alerts[0]!.incidentId!;
    expect(newId).not.toBe(oldId);
    expect((await detail(newId)).incident.relatedIncidentIds).toEqual([oldId]);
    expect(notes(await detail(oldId)).at(-1)).toMatch(/fired again .* started a new incident/);
    expect(await incidentCount()).toBe(2);
  });
});

describe('Grafana', () => {
  it('opens one incident per alert of a unified notification', async () => {
    const receipt = await deliver(fixture('grafana-unified.json'));
    expect(receipt).toMatchObject({ received: 2, created: 2 });
    const titles = await Promise.all(receipt.alerts.map(async (a) => (await detail(a.incidentId!)).incident.title));
    expect(titles).toEqual(['This alert was triggered for zone us-1', 'This alert was triggered for zone eu-1']);
  });

  it('follows a legacy rule through alerting, repeats, new values, ok, and alerting again', async () => {
    const opened = await deliver(legacyNotification());
    expect(opened).toMatchObject({ created: 1 });
    const first = opened.alerts[0]!.incidentId!;
    expect((await detail(first)).incident).toMatchObject({ title: 'Panel Title alert', impact: 3, urgency: 3 });

    // A reminder says the same again: nothing new.
    const before = await fingerprintDatabase(workspace.core.store.db);
    expect(await deliver(legacyNotification())).toMatchObject({ duplicate: 1 });
    expect(await fingerprintDatabase(workspace.core.store.db)).toEqual(before);

    expect(await deliver(legacyNotification({ value: 5 }))).toMatchObject({ linked: 1 });
    expect(await deliver(legacyNotification({ state: 'ok' }))).toMatchObject({ resolved: 1 });
    expect((await detail(first)).incident.status).toBe('resolved');
    expect(await deliver(legacyNotification({ state: 'ok' }))).toMatchObject({ duplicate: 1 });

    const again = await deliver(legacyNotification());
    expect(again).toMatchObject({ created: 1 });
    expect((await detail(again.alerts[0]!.incidentId!)).incident.relatedIncidentIds).toEqual([first]);
    expect(await deliver(legacyNotification())).toMatchObject({ duplicate: 1 });
  });
});
