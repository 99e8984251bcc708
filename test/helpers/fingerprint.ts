import { createHash } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import type { Db } from '#core/store/store.ts';

export interface TableFingerprint {
  readonly rows: number;
  readonly hash: string;
}

/** Row counts and content hashes of every table, keyed by table name. */
export type DatabaseFingerprint = Record<string, TableFingerprint>;

async function rowsOf(db: Db, sql: string): Promise<Record<string, unknown>[]> {
  const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(sql));
  return result.rows;
}

function canonicalRow(row: Record<string, unknown>): string {
  const values = Object.values(row).map((value) => (Buffer.isBuffer(value) ? `blob:${value.toString('hex')}` : value));
  return JSON.stringify(values);
}

/**
 * What the database holds, table by table: every real table (the change log, field state, timeline, every
 * projection, meta, and the full-text index's shadow tables) as a row count and a hash of its sorted rows,
 * plus the schema version. Two equal fingerprints mean nothing was written.
 */
export async function fingerprintDatabase(db: Db): Promise<DatabaseFingerprint> {
  const tables = await rowsOf(
    db,
    "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const fingerprint: DatabaseFingerprint = {};
  for (const { name, sql } of tables as { name: string; sql: string }[]) {
    const virtual = /^CREATE VIRTUAL TABLE/i.test(sql);
    // A contentless full-text table only answers with rowids; its content is covered by its shadow tables.
    const rows = await rowsOf(db, virtual ? `SELECT rowid FROM "${name}"` : `SELECT * FROM "${name}"`);
    const lines = rows.map(canonicalRow).sort();
    fingerprint[name] = { rows: rows.length, hash: createHash('sha256').update(lines.join('\n')).digest('hex') };
  }
  const [version] = await rowsOf(db, 'PRAGMA user_version');
  fingerprint['pragma user_version'] = { rows: 1, hash: JSON.stringify(version) };
  return fingerprint;
}
