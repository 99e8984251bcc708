import type { PoolClient } from 'pg';

/**
 * The hub's schema, as numbered migrations applied at start inside one transaction each, serialised across
 * hub processes by an advisory lock so two hubs starting together never race.
 */
export const HUB_MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE team (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- The last change sequence number given out, and the last incident number: both only move under the
  -- team's advisory lock, so committed sequence numbers always form a prefix.
  last_seq bigint NOT NULL DEFAULT 0,
  last_number bigint NOT NULL DEFAULT 0,
  hub_hlc text COLLATE "C" NOT NULL DEFAULT ''
);

CREATE TABLE account (
  id uuid PRIMARY KEY,
  team_id uuid NOT NULL REFERENCES team (id),
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (team_id, email)
);

CREATE TABLE device_token (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES account (id),
  token_hash bytea NOT NULL UNIQUE,
  label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

CREATE TABLE change (
  team_id uuid NOT NULL REFERENCES team (id),
  seq bigint NOT NULL,
  id uuid NOT NULL,
  -- Clock stamps and device ids compare byte by byte, as on every workstation, whatever the server's locale.
  hlc text COLLATE "C" NOT NULL,
  device text COLLATE "C" NOT NULL,
  actor uuid,
  entity text NOT NULL,
  entity_id text NOT NULL,
  op text NOT NULL,
  field text NOT NULL,
  -- json, not jsonb: a change is sent on exactly as it came, keys in their order, so every workstation
  -- stores the same text for it.
  value json NOT NULL,
  pushed_by uuid REFERENCES account (id),
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, seq),
  UNIQUE (team_id, id)
);

-- Bootstrap sends every timeline event; field values come from field_state instead of the whole log.
CREATE INDEX change_appends ON change (team_id, seq) WHERE op = 'append';

CREATE TABLE field_state (
  team_id uuid NOT NULL REFERENCES team (id),
  entity text NOT NULL,
  entity_id text NOT NULL,
  field text NOT NULL,
  hlc text COLLATE "C" NOT NULL,
  device text COLLATE "C" NOT NULL,
  change_id uuid NOT NULL,
  actor uuid,
  value json NOT NULL,
  PRIMARY KEY (team_id, entity, entity_id, field)
);

CREATE TABLE incident_number (
  team_id uuid NOT NULL REFERENCES team (id),
  incident_id text NOT NULL,
  number bigint NOT NULL,
  PRIMARY KEY (team_id, incident_id),
  UNIQUE (team_id, number)
);

CREATE TABLE device_cursor (
  team_id uuid NOT NULL REFERENCES team (id),
  device text NOT NULL,
  cursor bigint NOT NULL,
  seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, device)
);

CREATE TABLE automation_lease (
  team_id uuid PRIMARY KEY REFERENCES team (id),
  holder text NOT NULL,
  account_id uuid NOT NULL REFERENCES account (id),
  expires_at timestamptz NOT NULL
);
`,
  },
  {
    version: 2,
    sql: `
-- Who may write as which device and which agent (DESIGN §8). A device belongs to the account whose token
-- first used it. An agent id belongs to its own account; an agent without one (made on a workstation, or
-- brought in with a workspace's history) to the account that first wrote it or wrote as it.
CREATE TABLE device_owner (
  team_id uuid NOT NULL REFERENCES team (id),
  device text COLLATE "C" NOT NULL,
  account_id uuid NOT NULL REFERENCES account (id),
  PRIMARY KEY (team_id, device)
);

CREATE TABLE actor_owner (
  team_id uuid NOT NULL REFERENCES team (id),
  actor uuid NOT NULL,
  account_id uuid NOT NULL REFERENCES account (id),
  PRIMARY KEY (team_id, actor)
);

INSERT INTO actor_owner (team_id, actor, account_id) SELECT team_id, id, id FROM account;

INSERT INTO device_owner (team_id, device, account_id)
SELECT DISTINCT ON (team_id, device) team_id, device, pushed_by
  FROM change WHERE pushed_by IS NOT NULL ORDER BY team_id, device, seq;

INSERT INTO actor_owner (team_id, actor, account_id)
SELECT DISTINCT ON (team_id, actor) team_id, actor, pushed_by
  FROM (SELECT team_id, seq, actor, pushed_by FROM change WHERE pushed_by IS NOT NULL AND actor IS NOT NULL
        UNION ALL
        SELECT team_id, seq, entity_id::uuid, pushed_by FROM change
         WHERE pushed_by IS NOT NULL AND entity = 'agent'
           AND entity_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$') AS written
 ORDER BY team_id, actor, seq
ON CONFLICT (team_id, actor) DO NOTHING;

-- The lease is held by a token: naming the holder's device is not enough to renew or release it.
ALTER TABLE automation_lease ADD COLUMN token_id uuid REFERENCES device_token (id);

-- Every hub process keeps the valid tokens' hashes in memory (see TokenIndex) and hears of each change here,
-- whichever process (a hub, an admin command) issued or revoked the token.
CREATE FUNCTION desk_tokens_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_notify('desk_tokens', '');
  RETURN NULL;
END
$fn$;

CREATE TRIGGER device_token_changed AFTER INSERT OR UPDATE OR DELETE ON device_token
  FOR EACH STATEMENT EXECUTE FUNCTION desk_tokens_changed();
`,
  },
];

const MIGRATION_LOCK = 7_213_001;

export async function migrate(client: PoolClient): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS hub_migration (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>(
      'SELECT coalesce(max(version), 0) AS version FROM hub_migration',
    );
    const current = rows[0]?.version ?? 0;
    for (const migration of HUB_MIGRATIONS.filter((m) => m.version > current)) {
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO hub_migration (version) VALUES ($1)', [migration.version]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
