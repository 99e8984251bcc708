import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '#core/sync/hub-client.ts';

/**
 * What a workstation does with a hub's answer it cannot trust: a page of changes is checked against the
 * shared schemas before anything of it is applied. A stand-in hub on loopback answers each pull with the page
 * a test sets; the client is the real one.
 */
let page: unknown;
let server: Server;
let client: HubClient;

const change = (overrides: Record<string, unknown> = {}) => ({
  id: '0190a7e2-1c5f-7b3a-9d2e-4f6a8b0c1d2e',
  hlc: '001733570000000:000000',
  device: 'workstation-1',
  actor: null,
  entity: 'incident',
  entityId: 'a1',
  op: 'set',
  field: 'title',
  value: 'Printer on fire',
  ...overrides,
});

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'x-hub-time': String(Date.now()) });
    response.end(JSON.stringify(page));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new HubClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: 't' });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('pulled pages are validated with the shared schemas', () => {
  it('takes a well-formed page', async () => {
    page = { changes: [change()], cursor: 7, more: false, hubTime: 1 };
    const result = await client.pull(0, 'me');
    expect(result.kind).toBe('ok');
    if (result.kind === 'ok') expect(result.value.changes).toHaveLength(1);
  });

  const broken: [string, unknown][] = [
    [
      'a change of an unknown kind of entity',
      { changes: [change({ entity: 'spaceship' })], cursor: 1, more: false, hubTime: 1 },
    ],
    ['a change without a clock stamp', { changes: [change({ hlc: 'yesterday' })], cursor: 1, more: false, hubTime: 1 }],
    ['a change with no value', { changes: [change({ value: undefined })], cursor: 1, more: false, hubTime: 1 }],
    ['a cursor that is not a number', { changes: [], cursor: 'next', more: false, hubTime: 1 }],
    ['a page without its changes', { cursor: 3, more: false, hubTime: 1 }],
    ['not a page at all', ['surprise']],
  ];
  for (const [what, body] of broken) {
    it(`refuses ${what}, saying what was wrong`, async () => {
      page = body;
      const result = await client.pull(0, 'me');
      expect(result.kind).toBe('refused');
      if (result.kind === 'refused') {
        expect(result.code).toBe('invalid_answer');
        expect(result.message).toMatch(/not what this version understands/);
      }
    });
  }
});
