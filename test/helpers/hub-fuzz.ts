import { v7 as uuidv7 } from 'uuid';
import type { Change } from '#shared/change.ts';
import { ENTITY_KINDS } from '#shared/change.ts';
import { encodeHlc } from '#shared/hlc.ts';
import type { Prng } from './prng.ts';
import type { TestDevice } from './hub-requests.ts';

/**
 * Random and mutated requests for the hub's fuzz test: changes with one part bent out of shape, push bodies
 * that are not quite pushes, pull queries of every kind, and WebSocket frames of every size. Everything is
 * drawn from a seeded generator, so a failure replays from its seed.
 */

/** A request as the fuzz test sends it: a description for failure messages, and what to send. */
export interface FuzzRequest {
  readonly what: string;
  readonly method: string;
  readonly path: string;
  readonly token: 'valid' | 'invalid' | 'none';
  /** Sent as is. */
  readonly body?: string;
  readonly contentType?: string;
}

/** Strings that have broken parsers, databases or encoders somewhere. */
const AWKWARD_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff x',
  '😀',
  '\u202e',
  "'; DROP TABLE change; --",
  '%00',
  '../../etc/passwd',
  '\\',
  '"',
  'x'.repeat(65),
  'x'.repeat(70_000),
  'NaN',
  '-0',
  '1e400',
  '0000000000000000',
  'hub',
  'HUB',
];

function awkwardValue(random: Prng, depth = 0): unknown {
  switch (random.int(0, depth > 2 ? 5 : 8)) {
    case 0:
      return random.pick(AWKWARD_TEXT);
    case 1:
      return random.pick([0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, Number.MIN_VALUE]);
    case 2:
      return random.pick([true, false]);
    case 3:
      return null;
    case 4:
      return uuidv7();
    case 5:
      return uuidv7().toUpperCase();
    case 6:
      return Array.from({ length: random.int(0, 4) }, () => awkwardValue(random, depth + 1));
    case 7:
      return Object.fromEntries(
        Array.from({ length: random.int(0, 4) }, () => [random.pick(AWKWARD_TEXT), awkwardValue(random, depth + 1)]),
      );
    default:
      // Own keys that name what every JavaScript object inherits.
      return Object.fromEntries([
        ['__proto__', awkwardValue(random, depth + 1)],
        ['constructor', 'x'],
      ]);
  }
}

/** Text a value is replaced with, written out by hand: nested far deeper than JSON.stringify can go. */
export const DEEP_MARK = '"__deep__"';
const deepJson = (random: Prng) =>
  random.next() < 0.5
    ? `${'['.repeat(20_000)}1${']'.repeat(20_000)}`
    : `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;

/** One of a valid change's parts changed to something else, or removed, or one added. */
export function mutateChange(random: Prng, change: Change, others: { device: string; actor: string }): unknown {
  const mutated: Record<string, unknown> = { ...change };
  const key = random.pick([...Object.keys(change), 'extra']);
  switch (random.int(0, 9)) {
    case 0:
      delete mutated[key];
      break;
    case 1:
      mutated.hlc = random.pick([
        encodeHlc({ wall: 0, counter: 0 }),
        encodeHlc({ wall: Date.UTC(1999, 0, 1), counter: 0 }),
        encodeHlc({ wall: Date.now() + 3_600_000, counter: 0 }),
        encodeHlc({ wall: Date.now() - 40 * 86_400_000, counter: 0 }),
        '999999999999999:999999',
        '2030-01-15T09:30:00Z',
      ]);
      break;
    case 2:
      mutated.device = random.pick([others.device, 'hub', '', 'ws 1', 'x'.repeat(65), 'ws-\u0000']);
      break;
    case 3:
      mutated.actor = random.pick([others.actor, others.actor.toUpperCase(), 'root', '', null]);
      break;
    case 4:
      mutated.entity = random.pick([...ENTITY_KINDS, 'ticket', '', 'INCIDENT']);
      mutated.field = random.pick(['title', 'number', 'acknowledgedAt', 'name', '1x', 'x'.repeat(70)]);
      break;
    case 5:
      mutated.value = DEEP_MARK;
      break;
    default:
      mutated[key] = awkwardValue(random);
  }
  return mutated;
}

/** A push body: mostly valid changes with mutated ones among them, now and then not a push at all. */
export function pushBody(random: Prng, device: TestDevice, others: { device: string; actor: string }): string {
  const roll = random.next();
  if (roll < 0.05) return random.pick(['', '{', '[]', 'null', '"push"', '{"device":"ws-1","changes":[', '\u0000']);
  if (roll < 0.1) return JSON.stringify({ device: device.id, changes: awkwardValue(random) });
  if (roll < 0.13) {
    const incident = uuidv7();
    return JSON.stringify({
      device: device.id,
      changes: Array.from({ length: 501 }, () => device.set('incident', incident, 'title', 'x')),
    });
  }
  const incident = uuidv7();
  const changes: unknown[] = [];
  for (let i = random.int(1, 8); i > 0; i -= 1) {
    const change =
      random.next() < 0.5
        ? device.set('incident', incident, 'title', `Title ${i}`)
        : device.append('incident', incident, 'note', { text: `Note ${i}` });
    changes.push(random.next() < 0.4 ? mutateChange(random, change, others) : change);
  }
  const bodyDevice = random.next() < 0.85 ? device.id : awkwardValue(random);
  const extra = random.next() < 0.05 ? { force: true } : {};
  let text = JSON.stringify({ device: bodyDevice, changes, ...extra });
  while (text.includes(DEEP_MARK)) text = text.replace(DEEP_MARK, deepJson(random));
  return text;
}

/** A pull query: cursors, limits and device ids of every kind. */
export function pullQuery(random: Prng, ownDevice: string, othersDevice: string): string {
  const value = () =>
    random.pick([
      '0',
      '1',
      '-1',
      '1.5',
      '1e20',
      'NaN',
      'Infinity',
      '',
      'abc',
      '%00',
      '9007199254740993',
      '5000',
      '5001',
    ]);
  const parts = [`after=${value()}`];
  if (random.next() < 0.5) parts.push(`limit=${value()}`);
  if (random.next() < 0.6) {
    parts.push(
      `device=${random.pick([ownDevice, othersDevice, 'hub', '%00', '%ED%A0%80', 'x'.repeat(70), '', 'ws%201'])}`,
    );
  }
  if (random.next() < 0.1) parts.push(`after=${value()}`, 'extra=1');
  return `/v1/pull?${random.shuffle(parts).join('&')}`;
}

/** Any request at all: a push, a pull, a lease, an admin call, or a path or method the hub does not have. */
export function randomRequest(
  random: Prng,
  device: TestDevice,
  others: { device: string; actor: string },
): FuzzRequest {
  const token = random.next() < 0.9 ? 'valid' : random.pick(['invalid', 'none'] as const);
  const roll = random.next();
  if (roll < 0.45) {
    return { what: 'push', method: 'POST', path: '/v1/push', token, body: pushBody(random, device, others) };
  }
  if (roll < 0.7) return { what: 'pull', method: 'GET', path: pullQuery(random, device.id, others.device), token };
  if (roll < 0.8) {
    const body = random.pick([
      JSON.stringify({ device: device.id }),
      JSON.stringify({ device: others.device }),
      JSON.stringify({ device: device.id, release: true }),
      JSON.stringify({ device: others.device, release: true }),
      JSON.stringify({ device: awkwardValue(random), release: awkwardValue(random) }),
      '{"device":',
    ]);
    return { what: 'lease', method: 'POST', path: '/v1/lease', token, body };
  }
  if (roll < 0.87) {
    const body = JSON.stringify({
      email: awkwardValue(random),
      name: awkwardValue(random),
      role: awkwardValue(random),
    });
    return {
      what: 'admin',
      method: 'POST',
      path: random.pick(['/v1/admin/accounts', '/v1/admin/tokens']),
      token,
      body,
    };
  }
  const path = random.pick([
    '/v1/push',
    '/v1/pull',
    '/v1/nothing',
    '/v1/%00',
    '/v1/whoami?x=%ff',
    '//v1//push',
    '/',
    '/v1/bootstrap',
  ]);
  const method = random.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);
  return { what: 'other', method, path, token, ...(method === 'GET' ? {} : { body: random.pick(['', '{}', 'x']) }) };
}
