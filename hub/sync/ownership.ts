import type pg from 'pg';
import type { Change } from '#shared/change.ts';

/**
 * Who may write as which device and which agent (DESIGN §8: actor and device come from the token, never from
 * the payload). A device belongs to the account whose token first used it: a restored workspace gets a new
 * device id (an incarnation) and simply claims it, while the ids of other agents' devices, which every pull
 * shows, are theirs. An agent id belongs to its own account, or, for an agent that has none (made on a
 * workstation, or brought in with a workspace's history), to the account that first wrote it or wrote as it.
 * Changes with no actor (imports, automation) are the system's; the log still records who pushed them.
 */
export interface Owners {
  readonly devices: ReadonlyMap<string, string>;
  readonly actors: ReadonlyMap<string, string>;
  /** The agent each notification these changes mark read is for (lower case), as stored or set in the batch. */
  readonly notificationAgents: ReadonlyMap<string, string>;
  /** The agent each saved view these changes write belongs to (lower case), as stored or set in the batch. */
  readonly viewOwners: ReadonlyMap<string, string>;
}

/** The accounts owning the devices and actors these changes name, where anyone owns them yet. */
export async function ownersOf(client: pg.PoolClient, teamId: string, changes: readonly Change[]): Promise<Owners> {
  const notificationAgents = await agentsOfField(client, teamId, changes, 'notification', 'agentId', ['readAt']);
  // Every field of a view, its owner too: a view is its owner's alone (the desk saves only your own).
  const viewOwners = await agentsOfField(client, teamId, changes, 'view', 'ownerId');
  const devices = [...new Set(changes.map((change) => change.device))];
  const actors = [
    ...new Set([
      ...changes.flatMap(actorsNamedBy),
      ...changes.flatMap(settingsAgent),
      ...notificationAgents.values(),
      ...viewOwners.values(),
    ]),
  ];
  const { rows } = await client.query<{ kind: 'device' | 'actor'; key: string; account_id: string }>(
    `SELECT 'device' AS kind, device AS key, account_id FROM device_owner WHERE team_id = $1 AND device = ANY($2::text[])
     UNION ALL
     SELECT 'actor', actor::text, account_id FROM actor_owner WHERE team_id = $1 AND actor = ANY($3::uuid[])`,
    [teamId, devices, actors],
  );
  const owned = (kind: 'device' | 'actor') =>
    new Map(rows.filter((row) => row.kind === kind).map((row) => [row.key, row.account_id]));
  return { devices: owned('device'), actors: owned('actor'), notificationAgents, viewOwners };
}

/**
 * The agent an entity belongs to (`agentField`, as stored or as set in this batch), for each entity of the kind
 * these changes write (only those writing `fields`, when given). Anyone's workstation may tell an agent something
 * (an assignment, an escalation), but only the agent reads their notifications, sets what they are told of, and
 * keeps their saved views.
 */
async function agentsOfField(
  client: pg.PoolClient,
  teamId: string,
  changes: readonly Change[],
  entity: 'notification' | 'view',
  agentField: string,
  fields?: readonly string[],
): Promise<Map<string, string>> {
  const written = [
    ...new Set(
      changes
        .filter((c) => c.entity === entity && (fields === undefined || fields.includes(c.field)))
        .map((c) => c.entityId),
    ),
  ];
  if (!written.length) return new Map();
  const { rows } = await client.query<{ entity_id: string; agent: string | null }>(
    `SELECT entity_id, value #>> '{}' AS agent FROM field_state
      WHERE team_id = $1 AND entity = $2 AND field = $3 AND entity_id = ANY($4::text[])`,
    [teamId, entity, agentField, written],
  );
  const agents = new Map<string, string>();
  for (const row of rows) if (row.agent && UUID.test(row.agent)) agents.set(row.entity_id, row.agent.toLowerCase());
  // An entity made in this push (a notification made and read on the agent's own workstation) names its agent
  // in the batch; a view given a new owner here is still its stored owner's to give.
  for (const change of changes) {
    if (change.entity !== entity || change.field !== agentField || agents.has(change.entityId)) continue;
    if (typeof change.value === 'string' && UUID.test(change.value)) {
      agents.set(change.entityId, change.value.toLowerCase());
    }
  }
  return agents;
}

/** The agent whose own things this change writes: their preferences, one of theirs read, one of their views. */
function agentWrittenFor(change: Change, owners: Owners): string | undefined {
  if (change.entity === 'notificationSettings') return settingsAgent(change)[0];
  if (change.entity === 'notification' && change.field === 'readAt') {
    return owners.notificationAgents.get(change.entityId);
  }
  if (change.entity === 'view') return owners.viewOwners.get(change.entityId);
  return undefined;
}

function settingsAgent(change: Change): string[] {
  return change.entity === 'notificationSettings' && UUID.test(change.entityId) ? [change.entityId.toLowerCase()] : [];
}

/** Why `accountId` may not push `change`, or null when it may. */
export function ownershipProblem(change: Change, owners: Owners, accountId: string): string | null {
  const device = owners.devices.get(change.device);
  if (device !== undefined && device !== accountId) {
    return `device ${change.device} is another agent's workstation; a workstation pushes only its own changes`;
  }
  const actor = change.actor === null ? undefined : owners.actors.get(change.actor.toLowerCase());
  if (actor !== undefined && actor !== accountId) {
    return 'made in another agent’s name; changes are credited to the agent whose token sends them';
  }
  const agent = agentWrittenFor(change, owners);
  const owner = agent === undefined ? undefined : owners.actors.get(agent);
  if (owner !== undefined && owner !== accountId) {
    return change.entity === 'view'
      ? 'another agent’s saved view: only they change it'
      : 'another agent’s notifications: only they mark them read and choose what they are told of';
  }
  return null;
}

/** Gives what accepted changes named, and nobody owned yet, to the account that pushed them. */
export async function claimOwnership(
  client: pg.PoolClient,
  teamId: string,
  accountId: string,
  accepted: readonly Change[],
): Promise<void> {
  if (!accepted.length) return;
  await client.query(
    `WITH devices AS (
       INSERT INTO device_owner (team_id, device, account_id)
       SELECT $1, device, $2 FROM unnest($3::text[]) AS device ON CONFLICT (team_id, device) DO NOTHING
     )
     INSERT INTO actor_owner (team_id, actor, account_id)
     SELECT $1, actor, $2 FROM unnest($4::uuid[]) AS actor ON CONFLICT (team_id, actor) DO NOTHING`,
    [
      teamId,
      accountId,
      [...new Set(accepted.map((change) => change.device))],
      [...new Set(accepted.flatMap(actorsNamedBy))],
    ],
  );
}

/**
 * Binds a device a request names (a lease, the pushing device) to the caller's account unless someone has it
 * already; true when it is the caller's.
 */
export async function bindDevice(
  db: pg.Pool | pg.PoolClient,
  teamId: string,
  device: string,
  accountId: string,
): Promise<boolean> {
  const { rows } = await db.query<{ account_id: string }>(`${OWNER_OF_DEVICE} SELECT account_id FROM owner`, [
    teamId,
    device,
    accountId,
  ]);
  return rows[0]?.account_id === accountId;
}

/**
 * Records how far a device has read (or, with `cursor` null, that it was seen), when the device is the
 * caller's or nobody's yet: another agent naming it moves nothing. One statement, as it runs on every pull.
 */
export async function recordDeviceCursor(
  db: pg.Pool | pg.PoolClient,
  teamId: string,
  device: string,
  accountId: string,
  cursor: number | null,
): Promise<void> {
  await db.query(
    `${OWNER_OF_DEVICE}
     INSERT INTO device_cursor (team_id, device, cursor)
     SELECT $1, $2, coalesce($4::bigint, 0) WHERE (SELECT account_id FROM owner LIMIT 1) = $3
     ON CONFLICT (team_id, device) DO UPDATE
        SET cursor = GREATEST(device_cursor.cursor, coalesce($4::bigint, device_cursor.cursor)), seen_at = now()`,
    [teamId, device, accountId, cursor],
  );
}

/** Claims device $2 of team $1 for account $3 if nobody has it, and names its owner as `owner`. */
const OWNER_OF_DEVICE = `WITH claimed AS (
    INSERT INTO device_owner (team_id, device, account_id) VALUES ($1, $2, $3)
    ON CONFLICT (team_id, device) DO NOTHING RETURNING account_id
  ), owner AS (
    SELECT account_id FROM claimed UNION ALL SELECT account_id FROM device_owner WHERE team_id = $1 AND device = $2
  )`;

/**
 * The agent ids a change speaks for: its actor, and the agent it writes when it writes one. In lower case,
 * as PostgreSQL gives uuids back: an upper-case spelling must not slip past its owner.
 */
function actorsNamedBy(change: Change): string[] {
  const named = change.actor === null ? [] : [change.actor.toLowerCase()];
  if (change.entity === 'agent' && UUID.test(change.entityId)) named.push(change.entityId.toLowerCase());
  return named;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
