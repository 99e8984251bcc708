import type sqlite3 from 'sqlite3';
import { CompiledQuery, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import type {
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
  QueryResult,
} from 'kysely';

/**
 * A Kysely dialect over the asynchronous `sqlite3` package (Node-API, so the same binary loads in Node and in
 * Electron). One connection serves the whole process: SQLite in WAL mode is fastest that way for a desktop
 * workload, and a mutex keeps a transaction's statements from interleaving with anyone else's.
 */
export class Sqlite3Dialect implements Dialect {
  readonly #database: sqlite3.Database;

  constructor(database: sqlite3.Database) {
    this.#database = database;
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createDriver(): Driver {
    return new Sqlite3Driver(this.#database);
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
}

class Sqlite3Driver implements Driver {
  readonly #connection: Sqlite3Connection;
  readonly #mutex = new Mutex();

  constructor(database: sqlite3.Database) {
    this.#connection = new Sqlite3Connection(database);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // IMMEDIATE takes the write lock up front, so a command never fails half-way on a busy database.
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    await this.#connection.close();
  }
}

const WRITES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);

/**
 * Whether to `run` a statement (which reports the rows it changed) rather than collect its rows with `all`.
 * Only a write the query builder made, without RETURNING, is run: its node says so. A raw statement's text
 * is not guessed at; it is collected with `all`, which runs any statement to its end and answers its rows,
 * none for a write (the one thing it cannot say is how many rows a raw write changed, which nobody asks).
 */
function runsWithoutRows(compiled: CompiledQuery): boolean {
  const node = compiled.query as { kind: string; returning?: unknown };
  return WRITES.has(node.kind) && !node.returning;
}

class Sqlite3Connection implements DatabaseConnection {
  readonly #db: sqlite3.Database;

  constructor(db: sqlite3.Database) {
    this.#db = db;
  }

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const parameters = compiled.parameters as unknown[];
    if (!runsWithoutRows(compiled)) {
      return new Promise((resolve, reject) => {
        this.#db.all(compiled.sql, parameters, (error: Error | null, rows: R[]) => {
          if (error) reject(error);
          else resolve({ rows });
        });
      });
    }
    return new Promise((resolve, reject) => {
      this.#db.run(compiled.sql, parameters, function (this: sqlite3.RunResult, error: Error | null) {
        if (error) reject(error);
        else resolve({ rows: [], numAffectedRows: BigInt(this.changes), insertId: BigInt(this.lastID) });
      });
    });
  }

  // eslint-disable-next-line require-yield -- streaming is not offered; the queue pages instead.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported by the sqlite3 dialect.');
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.#db.close((error) => (error ? reject(error) : resolve())));
  }
}

class Mutex {
  #locked = false;
  readonly #waiting: (() => void)[] = [];

  lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  unlock(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#locked = false;
  }
}
