import { createHash } from 'node:crypto';
import http from 'node:http';
import type pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { expect } from 'vitest';
import { WebSocket } from 'ws';
import { addAccount, createTeam, issueTokenFor } from '../../hub/auth/accounts.ts';
import type { HubRole } from '../../hub/auth/accounts.ts';
import type { Change, EntityKind, JsonValue } from '#shared/change.ts';
import { compareStamps, encodeHlc, hlcTick, HLC_ZERO } from '#shared/hlc.ts';
import { firstWriterWins } from '#shared/merge.ts';
import type { Hlc } from '#shared/hlc.ts';
import type { BootstrapLine, HubErrorBody, LeaseResponse, PullResponse, PushResponse } from '#shared/sync.ts';
import type { TestAgent, TestHub } from './hub.ts';

/** What the hub answered: the status, the headers and the parsed JSON body. */
export interface HubAnswer<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export interface HubRequestOptions {
  readonly token?: string | undefined;
  /** Sent as JSON unless it is already a string. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** One request to a hub, the way a workstation makes it: Bearer token, JSON in and out. */
export async function hubRequest<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  options: HubRequestOptions = {},
): Promise<HubAnswer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Bootstrap answers NDJSON and errors from outside the router may be plain text: keep it as text.
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

export type ErrorAnswer = HubAnswer<HubErrorBody>;

/**
 * A POST through `agent` (give it `keepAlive: true, maxSockets: 1` to reuse one connection, as a workstation's
 * HTTP client does), either with a declared length or streamed in chunks with none.
 */
export function postThrough(
  agent: http.Agent,
  url: string,
  token: string,
  body: string,
  streamed: boolean,
): Promise<HubAnswer<unknown>> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    };
    if (!streamed) headers['content-length'] = Buffer.byteLength(body);
    const request = http.request(url, { method: 'POST', agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers)) responseHeaders.set(name, String(value));
        resolve({ status: response.statusCode ?? 0, headers: responseHeaders, body: JSON.parse(text) as unknown });
      });
    });
    request.on('error', reject);
    if (!streamed) return void request.end(body);
    for (let at = 0; at < body.length; at += 65_536) request.write(body.slice(at, at + 65_536));
    request.end();
  });
}

export function pushChanges(
  baseUrl: string,
  token: string,
  device: string,
  changes: readonly unknown[],
): Promise<HubAnswer<PushResponse>> {
  return hubRequest<PushResponse>(baseUrl, 'POST', '/v1/push', { token, body: { device, changes } });
}

/** Pushes and insists the hub took the request (individual changes may still be rejected). */
export async function pushOk(
  baseUrl: string,
  token: string,
  device: string,
  changes: readonly unknown[],
): Promise<PushResponse> {
  const answer = await pushChanges(baseUrl, token, device, changes);
  if (answer.status !== 200) throw new Error(`push answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export async function pullPage(
  baseUrl: string,
  token: string,
  after: number,
  options: { limit?: number; device?: string } = {},
): Promise<PullResponse> {
  const query = new URLSearchParams({ after: String(after) });
  if (options.limit !== undefined) query.set('limit', String(options.limit));
  if (options.device !== undefined) query.set('device', options.device);
  const answer = await hubRequest<PullResponse>(baseUrl, 'GET', `/v1/pull?${query}`, { token });
  if (answer.status !== 200) throw new Error(`pull answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Every change after `after`, page by page as a workstation follows `more`, and the final cursor. */
export async function pullAll(
  baseUrl: string,
  token: string,
  after = 0,
  limit = 1_000,
): Promise<{ changes: Change[]; cursor: number; pages: number }> {
  const changes: Change[] = [];
  let cursor = after;
  let pages = 0;
  for (;;) {
    const page = await pullPage(baseUrl, token, cursor, { limit });
    pages += 1;
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.more) return { changes, cursor, pages };
  }
}

/** One field's winning value as the hub keeps it and bootstrap sends it (no change id: only the winner). */
export interface FieldValue {
  readonly entity: string;
  readonly entityId: string;
  readonly field: string;
  readonly hlc: string;
  readonly device: string;
  readonly value: JsonValue;
}

export interface BootstrapResult {
  readonly header: Extract<BootstrapLine, { kind: 'header' }>;
  readonly state: FieldValue[];
  readonly events: Change[];
  readonly end: Extract<BootstrapLine, { kind: 'end' }>;
  readonly contentType: string | null;
  /** The lines as sent, for checks that nothing of another team is in them. */
  readonly text: string;
}

export async function readBootstrap(baseUrl: string, token: string): Promise<BootstrapResult> {
  const response = await fetch(`${baseUrl}/v1/bootstrap`, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`bootstrap answered ${response.status}: ${text.slice(0, 500)}`);
  const lines = text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as BootstrapLine);
  const header = lines[0];
  const end = lines.at(-1);
  if (header?.kind !== 'header' || end?.kind !== 'end')
    throw new Error(`bootstrap stream malformed: ${text.slice(0, 500)}`);
  const state: FieldValue[] = [];
  const events: Change[] = [];
  for (const line of lines) {
    if (line.kind === 'state') {
      for (const [entity, entityId, field, hlc, device, value] of line.rows) {
        state.push({ entity, entityId, field, hlc, device, value: value as JsonValue });
      }
    } else if (line.kind === 'events') {
      for (const [id, entity, entityId, hlc, device, actor, type, payload] of line.rows) {
        const op = 'append' as const;
        events.push({
          id,
          hlc,
          device,
          actor,
          entity: entity as EntityKind,
          entityId,
          op,
          field: type,
          value: payload as JsonValue,
        });
      }
    }
  }
  return { header, state, events, end, contentType: response.headers.get('content-type'), text };
}

export async function requestLease(
  baseUrl: string,
  token: string,
  device: string,
  release?: boolean,
): Promise<LeaseResponse> {
  const body = release === undefined ? { device } : { device, release };
  const answer = await hubRequest<LeaseResponse>(baseUrl, 'POST', '/v1/lease', { token, body });
  if (answer.status !== 200) throw new Error(`lease answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/**
 * A workstation as the hub sees it: a device id and a hybrid logical clock that ticks for every change it
 * makes, read from `now` (the real clock unless a test fixes it).
 */
export class TestDevice {
  #clock: Hlc = HLC_ZERO;

  constructor(
    readonly id: string,
    readonly now: () => number = Date.now,
    readonly actor: string | null = null,
  ) {}

  nextStamp(): string {
    this.#clock = hlcTick(this.#clock, this.now());
    return encodeHlc(this.#clock);
  }

  set(entity: EntityKind, entityId: string, field: string, value: JsonValue): Change {
    return this.#change(entity, entityId, 'set', field, value);
  }

  append(entity: EntityKind, entityId: string, field: string, value: JsonValue): Change {
    return this.#change(entity, entityId, 'append', field, value);
  }

  /** A new incident as a workstation records it: a few fields set in one go. */
  newIncident(title: string, entityId: string = uuidv7()): Change[] {
    return [
      this.set('incident', entityId, 'title', title),
      this.set('incident', entityId, 'status', 'new'),
      this.set('incident', entityId, 'priority', 'p3'),
    ];
  }

  #change(entity: EntityKind, entityId: string, op: Change['op'], field: string, value: JsonValue): Change {
    return {
      id: uuidv7(),
      hlc: this.nextStamp(),
      device: this.id,
      actor: this.actor,
      entity,
      entityId,
      op,
      field,
      value,
    };
  }
}

/** A change with a stamp chosen by the test, for clock and ordering cases. */
export function stampedChange(fields: Partial<Change> & Pick<Change, 'hlc' | 'device'>): Change {
  return {
    id: uuidv7(),
    actor: null,
    entity: 'incident',
    entityId: uuidv7(),
    op: 'set',
    field: 'title',
    value: 'Printer on floor 3 jams',
    ...fields,
  };
}

export function fieldValueOf(change: Change): FieldValue {
  const { entity, entityId, field, hlc, device, value } = change;
  return { entity, entityId, field, hlc, device, value };
}

/** What a log amounts to, as a workstation applying it would hold: the winning value per field, every append. */
export interface LogState {
  readonly fields: Map<string, FieldValue>;
  readonly appends: Set<string>;
}

/**
 * Folds changes as every workstation does (shared/merge.ts: the last writer by clock and device wins, the first
 * for the few first-occurrence fields), onto a bootstrap's state and events when one is given.
 */
export function foldLog(changes: readonly Change[], start?: Pick<BootstrapResult, 'state' | 'events'>): LogState {
  const fields = new Map<string, FieldValue>();
  const appends = new Set<string>();
  const setField = (candidate: FieldValue) => {
    const key = `${candidate.entity}/${candidate.entityId}/${candidate.field}`;
    const current = fields.get(key);
    const order = firstWriterWins(candidate.entity, candidate.field) ? -1 : 1;
    if (!current || compareStamps(candidate, current) * order > 0) fields.set(key, candidate);
  };
  for (const value of start?.state ?? []) setField(value);
  for (const change of [...(start?.events ?? []), ...changes]) {
    if (change.op === 'append') appends.add(change.id);
    else setField(fieldValueOf(change));
  }
  return { fields, appends };
}

/** A state in a form `toEqual` compares readably: field → winning stamp and value; append ids. */
export function describeState(state: LogState): { fields: Record<string, unknown>; appends: string[] } {
  const fields: Record<string, unknown> = {};
  for (const [key, { hlc, device, value }] of [...state.fields].sort(([a], [b]) => (a < b ? -1 : 1))) {
    fields[key] = { hlc, device, value };
  }
  return { fields, appends: [...state.appends].sort() };
}

/** A second team on the same hub, with the same way of adding agents as the test hub's own team. */
export async function addTeam(
  testHub: TestHub,
  name: string,
): Promise<{ teamId: string; addAgent(agentName: string, role?: HubRole): Promise<TestAgent> }> {
  const pool = testHub.hub.database.pool;
  const team = await createTeam(pool, name);
  return {
    teamId: team.id,
    addAgent: async (agentName, role = 'agent') => {
      const email = `${agentName.toLowerCase().replace(/[^a-z]+/g, '.')}@${team.name.toLowerCase().replace(/[^a-z]+/g, '-')}.example`;
      const account = await addAccount(pool, team.id, { email, name: agentName, role }, Date.now());
      const token = await issueTokenFor(pool, team.id, email, `${agentName}'s workstation`);
      return { id: account.id, email, name: agentName, token };
    },
  };
}

/** The queries that read one team's rows, table by table: a refused request must leave all of them alone. */
const TEAM_ROWS: Record<string, string> = {
  team: 'SELECT t.* FROM team t WHERE t.id = $1',
  account: 'SELECT a.* FROM account a WHERE a.team_id = $1 ORDER BY a.id',
  device_token:
    'SELECT t.* FROM device_token t JOIN account a ON a.id = t.account_id WHERE a.team_id = $1 ORDER BY t.id',
  change: 'SELECT c.* FROM change c WHERE c.team_id = $1 ORDER BY c.seq',
  field_state: 'SELECT f.* FROM field_state f WHERE f.team_id = $1 ORDER BY f.entity, f.entity_id, f.field',
  incident_number: 'SELECT n.* FROM incident_number n WHERE n.team_id = $1 ORDER BY n.incident_id',
  device_cursor: 'SELECT d.* FROM device_cursor d WHERE d.team_id = $1 ORDER BY d.device',
  automation_lease: 'SELECT l.* FROM automation_lease l WHERE l.team_id = $1',
  device_owner: 'SELECT o.* FROM device_owner o WHERE o.team_id = $1 ORDER BY o.device',
  actor_owner: 'SELECT o.* FROM actor_owner o WHERE o.team_id = $1 ORDER BY o.actor',
};

export type HubFingerprint = Record<string, { rows: number; hash: string }>;

/** Row counts and content hashes of everything the hub keeps for one team. */
export async function teamFingerprint(pool: pg.Pool, teamId: string): Promise<HubFingerprint> {
  const fingerprint: HubFingerprint = {};
  for (const [table, sql] of Object.entries(TEAM_ROWS)) {
    const { rows } = await pool.query(sql, [teamId]);
    const text = rows.map((row) => JSON.stringify(row)).join('\n');
    fingerprint[table] = { rows: rows.length, hash: createHash('sha256').update(text).digest('hex') };
  }
  return fingerprint;
}

/**
 * Makes a request that must be refused: answered `status` with `{ error: { code, message } }` (a message of
 * words, not a stack), and leaving every row of the given teams as it was.
 */
export async function expectRefusedUnchanged(
  request: () => Promise<HubAnswer<unknown>>,
  status: number,
  code: string,
  pool: pg.Pool,
  teamIds: readonly string[],
): Promise<HubAnswer<unknown>> {
  const snapshot = () => Promise.all(teamIds.map((teamId) => teamFingerprint(pool, teamId)));
  const before = await snapshot();
  const answer = await request();
  expect({ status: answer.status, body: answer.body }).toEqual({
    status,
    body: { error: { code, message: expect.stringMatching(/\w+ \w+/) } },
  });
  expect(await snapshot()).toEqual(before);
  return answer;
}

/** The tables (of the public schema) in which some row's text contains `needle`. */
export async function tablesContaining(pool: pg.Pool, needle: string): Promise<string[]> {
  const { rows: tables } = await pool.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  const found: string[] = [];
  for (const { name } of tables) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${name}" t WHERE strpos(t::text, $1) > 0`,
      [needle],
    );
    if (rows[0]!.n > 0) found.push(name);
  }
  return found;
}

/** A device's WebSocket to the hub's pokes, with every message it receives. */
export interface PokeSocket {
  readonly socket: WebSocket;
  readonly messages: string[];
  /** Resolves with the next message not yet taken, or rejects after `timeoutMs`. */
  nextMessage(timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

export class SocketRefused extends Error {
  constructor(readonly status: number) {
    super(`The hub refused the socket with HTTP ${status}`);
  }
}

/** Opens the socket with `token` as a Bearer token, or with exactly the `headers` given. */
export function openPokeSocket(
  baseUrl: string,
  token: string | undefined,
  headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` },
): Promise<PokeSocket> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/v1/events`, { headers });
  const messages: string[] = [];
  let taken = 0;
  const waiters: (() => void)[] = [];
  socket.on('message', (data) => {
    messages.push(String(data));
    for (const wake of waiters.splice(0)) wake();
  });
  const nextMessage = (timeoutMs = 5_000) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (taken < messages.length) {
          clearTimeout(timer);
          resolve(messages[taken++]!);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => reject(new Error(`no message within ${timeoutMs} ms`)), timeoutMs);
      if (check()) return;
      const wait = () => {
        if (!check()) waiters.push(wait);
      };
      waiters.push(wait);
    });
  const close = () =>
    new Promise<void>((resolve) => {
      if (socket.readyState === socket.CLOSED) return resolve();
      socket.once('close', () => resolve());
      socket.terminate();
    });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, messages, nextMessage, close }));
    socket.once('unexpected-response', (_request, response) => {
      reject(new SocketRefused(response.statusCode ?? 0));
      socket.terminate();
    });
    // Also after the promise settled: terminating a refused handshake reports an error that is expected.
    socket.on('error', reject);
  });
}
