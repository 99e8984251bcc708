import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Outcome } from '#shared/contract.ts';
import type { AlertReceipt } from '#core/alerts/alert-intake.ts';
import { startServeHost } from '../../electron/host/serve.ts';
import type { ServeHost } from '../../electron/host/serve.ts';
import { fingerprintDatabase } from '../helpers/fingerprint.ts';
import { call } from '../helpers/invoke.ts';
import { openTempCore } from '../helpers/temp-workspace.ts';
import type { TempCore } from '../helpers/temp-workspace.ts';
import { fixture, fixtureText, legacyNotification, probeFailure } from './alert-fixtures.ts';

/** The in-process host on a free port, over real HTTP: the same server `desk serve` runs. */
const TOKEN = 'webhook-token-for-tests-0123456789';
const MAX_BODY = 64 * 1024;

let workspace: TempCore;
let host: ServeHost;

beforeEach(async () => {
  workspace = await openTempCore();
  host = await startServeHost({
    receiveAlerts: workspace.core.receiveAlerts,
    token: TOKEN,
    port: 0,
    maxBodyBytes: MAX_BODY,
  });
});

afterEach(async () => {
  await host.close();
  await workspace.dispose();
});

interface Answer {
  readonly status: number;
  readonly body: Outcome<AlertReceipt>;
  readonly headers: Headers;
}

async function send(path: string, init: RequestInit): Promise<Answer> {
  const response = await fetch(`${host.origin}${path}`, init);
  return { status: response.status, body: (await response.json()) as Outcome<AlertReceipt>, headers: response.headers };
}

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return send(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function receipt(answer: Answer): AlertReceipt {
  if (!answer.body.ok) throw new Error(`Refused (${answer.status}): ${answer.body.error.message}`);
  return answer.body.value;
}

describe('POST /hooks/alertmanager and /hooks/grafana', () => {
  it('takes a firing alert with 202 and says it opened an incident', async () => {
    const answer = await post('/hooks/alertmanager', probeFailure());
    expect(answer.status).toBe(202);
    const value = receipt(answer);
    expect(value).toMatchObject({ received: 1, created: 1, linked: 0, resolved: 0, duplicate: 0 });
    const { incident } = await call(workspace.core, 'incident/get', { id: value.alerts[0]!.incidentId! });
    expect(incident).toMatchObject({ channel: 'monitoring', status: 'new', impact: 1, urgency: 1 });
    const message = await call(workspace.core, 'inbox/get', { id: value.alerts[0]!.messageId });
    expect(message.note).toMatch(/first notification/);
  });

  it('links a repeat firing, resolves on recovery, and answers a repeated delivery with duplicate', async () => {
    const first = receipt(await post('/hooks/alertmanager', probeFailure()));
    expect(
      receipt(await post('/hooks/alertmanager', probeFailure({ startsAt: '2023-02-06T13:30:00Z' }))),
    ).toMatchObject({
      linked: 1,
    });
    expect(receipt(await post('/hooks/alertmanager', probeFailure({ status: 'resolved' })))).toMatchObject({
      resolved: 1,
    });
    const { incident } = await call(workspace.core, 'incident/get', { id: first.alerts[0]!.incidentId! });
    expect(incident.status).toBe('resolved');

    const before = await fingerprintDatabase(workspace.core.store.db);
    const again = await post('/hooks/alertmanager', probeFailure({ status: 'resolved' }));
    expect(again.status).toBe(202);
    expect(receipt(again)).toMatchObject({ received: 1, duplicate: 1, resolved: 0 });
    expect(await fingerprintDatabase(workspace.core.store.db)).toEqual(before);
  });

  it('takes Grafana’s unified and legacy notifications', async () => {
    expect(receipt(await post('/hooks/grafana', fixtureText('grafana-unified.json')))).toMatchObject({
      received: 2,
      created: 2,
    });
    expect(receipt(await post('/hooks/grafana', fixture('grafana-legacy.json')))).toMatchObject({ created: 1 });
    expect(receipt(await post('/hooks/grafana', legacyNotification({ state: 'ok' })))).toMatchObject({ resolved: 1 });
    // A paused rule is not a notification: accepted, nothing to do.
    expect(receipt(await post('/hooks/grafana', legacyNotification({ state: 'paused' })))).toMatchObject({
      received: 0,
    });
  });

  it('accepts a token sent with the scheme in lower case, and JSON with a charset', async () => {
    const answer = await post('/hooks/alertmanager', probeFailure(), {
      authorization: `bearer ${TOKEN}`,
      'content-type': 'application/json; charset=utf-8',
    });
    expect(answer.status).toBe(202);
  });
});

describe('what the hooks refuse', () => {
  const json = { 'content-type': 'application/json' };
  const authorised = { ...json, authorization: `Bearer ${TOKEN}` };
  const alert = JSON.stringify(probeFailure());
  const cases: {
    why: string;
    path?: string;
    init: RequestInit;
    status: number;
    code: string;
    message: RegExp;
  }[] = [
    {
      why: 'no token',
      init: { method: 'POST', headers: json, body: alert },
      status: 401,
      code: 'forbidden',
      message: /token is missing.*Authorization: Bearer/,
    },
    {
      why: 'a wrong token',
      init: { method: 'POST', headers: { ...json, authorization: `Bearer ${TOKEN.slice(0, -1)}x` }, body: alert },
      status: 401,
      code: 'forbidden',
      message: /token is wrong/,
    },
    {
      why: 'a token of another length',
      init: { method: 'POST', headers: { ...json, authorization: 'Bearer short' }, body: alert },
      status: 401,
      code: 'forbidden',
      message: /token is wrong/,
    },
    {
      why: 'basic authentication',
      init: { method: 'POST', headers: { ...json, authorization: `Basic ${btoa(`desk:${TOKEN}`)}` }, body: alert },
      status: 401,
      code: 'forbidden',
      message: /Only a bearer token/,
    },
    {
      why: 'a body that is not declared JSON',
      init: { method: 'POST', headers: { ...authorised, 'content-type': 'text/plain' }, body: alert },
      status: 415,
      code: 'invalid_input',
      message: /Content-Type: application\/json.*not text\/plain/,
    },
    {
      why: 'a body over the limit',
      init: {
        method: 'POST',
        headers: authorised,
        body: JSON.stringify({ ...probeFailure(), padding: 'x'.repeat(MAX_BODY) }),
      },
      status: 413,
      code: 'invalid_input',
      message: /larger than 65536 bytes; nothing was stored/,
    },
    {
      why: 'malformed JSON',
      init: { method: 'POST', headers: authorised, body: alert.slice(0, -10) },
      status: 400,
      code: 'invalid_input',
      message: /not JSON/,
    },
    {
      why: 'an empty body',
      init: { method: 'POST', headers: authorised, body: '' },
      status: 400,
      code: 'invalid_input',
      message: /empty/,
    },
    {
      why: 'JSON that is not an alert notification',
      init: { method: 'POST', headers: authorised, body: JSON.stringify({ hello: 'world' }) },
      status: 422,
      code: 'invalid_input',
      message: /not an Alertmanager webhook: alerts:/,
    },
    {
      why: 'a legacy Grafana notification sent to the Alertmanager hook',
      init: { method: 'POST', headers: authorised, body: fixtureText('grafana-legacy.json') },
      status: 422,
      code: 'invalid_input',
      message: /not an Alertmanager webhook/,
    },
    {
      why: 'GET',
      init: { method: 'GET', headers: authorised },
      status: 405,
      code: 'invalid_input',
      message: /Use POST/,
    },
    {
      why: 'an unknown path',
      path: '/hooks/nagios',
      init: { method: 'POST', headers: authorised, body: alert },
      status: 404,
      code: 'not_found',
      message: /POST \/hooks\/alertmanager or POST \/hooks\/grafana/,
    },
  ];

  for (const { why, path = '/hooks/alertmanager', init, status, code, message } of cases) {
    it(`refuses ${why} with ${status}, a clear error, and nothing written`, async () => {
      const before = await fingerprintDatabase(workspace.core.store.db);
      const answer = await send(path, init);
      expect(answer.status).toBe(status);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      if (answer.body.ok) throw new Error('The refusal answered ok.');
      expect(answer.body.error.code).toBe(code);
      expect(answer.body.error.message).toMatch(message);
      if (status === 401) expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await fingerprintDatabase(workspace.core.store.db)).toEqual(before);
    });
  }

  it('refuses a body that grows over the limit without announcing its length', async () => {
    const before = await fingerprintDatabase(workspace.core.store.db);
    const chunk = new TextEncoder().encode(' '.repeat(16 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= MAX_BODY * 2) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const answer = await send('/hooks/alertmanager', {
      method: 'POST',
      headers: authorised,
      body,
      duplex: 'half',
    } as RequestInit);
    expect(answer.status).toBe(413);
    expect(await fingerprintDatabase(workspace.core.store.db)).toEqual(before);
  });

  it('refuses to listen beyond this computer unless asked to', async () => {
    await expect(
      startServeHost({ receiveAlerts: workspace.core.receiveAlerts, token: TOKEN, host: '0.0.0.0', port: 0 }),
    ).rejects.toThrow(/not a loopback address/);
    await expect(
      startServeHost({ receiveAlerts: workspace.core.receiveAlerts, token: 'short', port: 0 }),
    ).rejects.toThrow(/at least 16 characters/);
  });
});
