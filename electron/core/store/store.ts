import { stat } from 'node:fs/promises';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { CompiledQuery, Kysely } from 'kysely';
import { v4 as uuidv4 } from 'uuid';
import { ENTITY_KINDS } from '#shared/change.ts';
import type { Change, EntityKind, JsonValue } from '#shared/change.ts';
import { compareHlc, decodeHlc, encodeHlc, hlcReceive, hlcTick, HLC_ZERO } from '#shared/hlc.ts';
import type { Hlc } from '#shared/hlc.ts';
import { applyBootstrapRows, applyChanges, mergeApplyResults, rebuildAllProjections } from './apply.ts';
import type { ApplyResult, ChangeOrigin } from './apply.ts';
import { rebuildAllKpiFacts } from '../kpi/kpi-projection.ts';
import { newChangeId } from './change-ids.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { createPrivateFolder, ensurePrivateFile } from './private-files.ts';
import type { Database } from './schema.ts';
import { Sqlite3Dialect } from './sqlite-dialect.ts';

export type Db = Kysely<Database>;

export interface StoreOptions {
  /** The SQLite file; it and its folder are created when missing, readable by this user only. */
  readonly file: string;
  /** Physical time in milliseconds; tests pass a fixed clock. */
  readonly now?: () => number;
}

/**
 * Collects the changes of one command, all stamped with the command's clock reading. A long command (an
 * import) may `flush` part-way: what it recorded so far is applied in the same transaction, so what it does
 * next can read it, and later changes take a fresh, later stamp.
 */
export class ChangeRecorder {
  readonly #changes: Change[] = [];
  #pending: Change[] = [];
  #hlc: string;
  readonly device: string;
  #actor: string | null;
  readonly #flush: ((changes: readonly Change[], current: string) => Promise<string>) | null;
  readonly #newId: () => string;

  constructor(
    hlc: string,
    device: string,
    actor: string | null,
    flush: ((changes: readonly Change[], current: string) => Promise<string>) | null = null,
    newId: () => string = newChangeId,
  ) {
    this.#hlc = hlc;
    this.device = device;
    this.#actor = actor;
    this.#flush = flush;
    this.#newId = newId;
  }

  get hlc(): string {
    return this.#hlc;
  }

  /** The agent on whose behalf changes are recorded; null for the system. */
  get actor(): string | null {
    return this.#actor;
  }

  /**
   * Records what `work` records as the system rather than as the command's agent: a rule acting on an agent's
   * change is the desk's doing, and the timeline says "Automation", not the agent's name.
   */
  async asSystem<T>(work: () => Promise<T>): Promise<T> {
    const agent = this.#actor;
    this.#actor = null;
    try {
      return await work();
    } finally {
      this.#actor = agent;
    }
  }

  /** The instant of this command, as an ISO string for domain timestamps. */
  get at(): string {
    return new Date(decodeHlc(this.#hlc).wall).toISOString();
  }

  set(entity: EntityKind, entityId: string, field: string, value: JsonValue): void {
    // A field is set at most once per stamp: the later call wins, so two changes never tie.
    const existing = this.#pending.findIndex(
      (c) => c.op === 'set' && c.entity === entity && c.entityId === entityId && c.field === field,
    );
    if (existing >= 0) {
      const [dropped] = this.#pending.splice(existing, 1);
      this.#changes.splice(this.#changes.indexOf(dropped!), 1);
    }
    this.#record(this.#change(entity, entityId, 'set', field, value));
  }

  /**
   * Adds an event to an entity's timeline. Events made from something received (an email, an alert) pass
   * an id derived from it, so two workstations receiving the same thing add one entry, not two.
   */
  append(entity: EntityKind, entityId: string, type: string, payload: JsonValue, id?: string): string {
    const change = { ...this.#change(entity, entityId, 'append', type, payload), ...(id ? { id } : {}) };
    this.#record(change);
    // Each entry takes the next stamp: a timeline reads in the order a command wrote it, whatever the ids.
    this.#hlc = encodeHlc(hlcTick(decodeHlc(this.#hlc), 0));
    return change.id;
  }

  /** Applies what was recorded so far (within the command's transaction); later changes stamp later. */
  async flush(): Promise<void> {
    if (!this.#flush) throw new Error('This recorder cannot flush: it belongs to no transaction.');
    if (!this.#pending.length) return;
    const pending = this.takePending();
    this.#hlc = await this.#flush(pending, this.#hlc);
  }

  /** The changes recorded and not yet applied (read by what must count them before a flush). */
  get unflushed(): readonly Change[] {
    return this.#pending;
  }

  /** The changes not yet applied, handed over once. */
  takePending(): Change[] {
    const pending = this.#pending;
    this.#pending = [];
    return pending;
  }

  get changes(): readonly Change[] {
    return this.#changes;
  }

  #record(change: Change): void {
    this.#changes.push(change);
    this.#pending.push(change);
  }

  #change(entity: EntityKind, entityId: string, op: Change['op'], field: string, value: JsonValue): Change {
    return {
      id: this.#newId(),
      hlc: this.#hlc,
      device: this.device,
      actor: this.#actor,
      entity,
      entityId,
      op,
      field,
      value,
    };
  }
}

/**
 * Runs at the end of every local command, inside its transaction, with the command's recorder: what the rules
 * engine uses to act on a change on the device that made it. Changes from elsewhere (a sync, a bootstrap, a
 * seed) are applied without it, so nothing runs twice for one change.
 */
export type CommandHook = (tx: Db, recorder: ChangeRecorder) => Promise<void>;

export interface CommandResult<T> {
  readonly value: T;
  readonly applied: ApplyResult;
}

/**
 * The workstation's SQLite store: WAL, foreign keys, numbered migrations at open, a device identity and a
 * hybrid logical clock persisted with every transaction that advances it.
 */
export class Store {
  readonly db: Db;
  readonly file: string;
  readonly #now: () => number;
  #deviceId = '';
  #clock: Hlc = HLC_ZERO;
  #clockOffsetMs = 0;
  #listeners = new Set<(result: ApplyResult) => void>();
  #hooks: CommandHook[] = [];

  private constructor(db: Db, file: string, now: () => number) {
    this.db = db;
    this.file = file;
    this.#now = now;
  }

  static async open(options: StoreOptions): Promise<Store> {
    await createPrivateFolder(path.dirname(options.file));
    await ensurePrivateFile(options.file);
    const database = await openSqlite(options.file);
    const db = new Kysely<Database>({ dialect: new Sqlite3Dialect(database) });
    const store = new Store(db, options.file, options.now ?? Date.now);
    try {
      await store.#configure();
      await store.#migrate();
      await store.#loadIdentity();
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return store;
  }

  get deviceId(): string {
    return this.#deviceId;
  }

  /** Physical time for clock stamps: this computer's clock, corrected by what the hub last told us of its own. */
  now(): number {
    return this.#now() + this.#clockOffsetMs;
  }

  get clockOffsetMs(): number {
    return this.#clockOffsetMs;
  }

  /** The hub's clock minus ours, measured at each exchange, so a wrong computer clock does not skew stamps. */
  setClockOffset(ms: number): void {
    this.#clockOffsetMs = Number.isFinite(ms) ? Math.round(ms) : 0;
  }

  /** Called after every transaction that applied fresh changes, once it has committed. */
  onApplied(listener: (result: ApplyResult) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Adds a hook every later local command runs before it commits (see CommandHook); answers its removal. */
  afterEachCommand(hook: CommandHook): () => void {
    this.#hooks.push(hook);
    return () => {
      this.#hooks = this.#hooks.filter((h) => h !== hook);
    };
  }

  /**
   * Runs a local command: `run` reads current state through `tx`, validates, and records its changes; they are
   * applied by the one write path in the same transaction, then the command hooks run (and may record more).
   * Any error rolls everything back.
   */
  async command<T>(
    actor: string | null,
    run: (tx: Db, recorder: ChangeRecorder) => Promise<T>,
  ): Promise<CommandResult<T>> {
    const outcome = await this.db.transaction().execute(async (tx) => {
      let next = hlcTick(this.#clock, this.now());
      const results: ApplyResult[] = [];
      const recorder = new ChangeRecorder(encodeHlc(next), this.#deviceId, actor, async (changes, current) => {
        results.push(await applyChanges(tx, changes, 'local'));
        // Later than anything recorded so far: what comes after a flush must order (and win) after it.
        next = hlcTick(decodeHlc(current), this.now());
        return encodeHlc(next);
      });
      const value = await run(tx, recorder);
      for (const hook of this.#hooks) await hook(tx, recorder);
      results.push(await applyChanges(tx, recorder.takePending(), 'local'));
      next = decodeHlc(recorder.hlc);
      if (recorder.changes.length) await this.#saveClock(tx, next);
      return { value, applied: mergeApplyResults(results), next };
    });
    if (outcome.applied.fresh.length) this.#clock = outcome.next;
    this.#notify(outcome.applied);
    return { value: outcome.value, applied: outcome.applied };
  }

  /**
   * Applies a batch made elsewhere (another device, the hub) or loaded in bulk (a seed), through the same
   * write path. `alongside` runs in the same transaction (a sync cursor commits with the page it belongs to).
   */
  async applyBatch(
    changes: readonly Change[],
    origin: ChangeOrigin = 'remote',
    options: { snapshot?: boolean; deferProjections?: boolean; alongside?: (tx: Db) => Promise<void> } = {},
  ): Promise<ApplyResult> {
    const outcome = await this.db.transaction().execute(async (tx) => {
      let clock = this.#clock;
      const now = this.now();
      // Stamps no later than the clock teach it nothing: it is not moved to this computer's time either, which
      // before the hub's offset is known may be minutes fast (the defaults every workspace writes at start are
      // stamped at the beginning of time, and must not push the first real changes beyond the hub's tolerance).
      for (const change of changes) {
        const stamp = decodeHlc(change.hlc);
        if (compareHlc(stamp, clock) > 0) clock = hlcReceive(clock, stamp, now);
      }
      const applied = await applyChanges(tx, changes, origin, {
        localDevice: this.#deviceId,
        ...(options.snapshot ? { snapshot: true } : {}),
        ...(options.deferProjections ? { deferProjections: true } : {}),
      });
      await options.alongside?.(tx);
      await this.#saveClock(tx, clock);
      return { applied, clock };
    });
    this.#clock = outcome.clock;
    // Deferred projections are not readable yet: listeners hear once, from rebuildProjections.
    if (!options.deferProjections) this.#notify(outcome.applied);
    return outcome.applied;
  }

  /**
   * Works projections out again where no change was made (incidents' due times after a calendar or a policy
   * changed), in one transaction, and tells listeners whose rows moved.
   */
  async reproject<T>(
    run: (tx: Db) => Promise<{ readonly incidentIds: readonly string[]; readonly value: T }>,
  ): Promise<T> {
    const { incidentIds, value } = await this.db.transaction().execute(run);
    if (incidentIds.length) {
      this.#notify({
        fresh: [],
        incidentIds: new Set(incidentIds),
        reference: false,
        kinds: new Set(),
        overwritten: [],
        reprojected: true,
      });
    }
    return value;
  }

  /**
   * Runs a bulk load (a bootstrap) with commits that wait for the disk only at checkpoints. WAL with NORMAL
   * never corrupts; a power cut may lose the last commits, which a bootstrap simply downloads again.
   */
  async bulkLoad<T>(work: () => Promise<T>): Promise<T> {
    await this.db.executeQuery(CompiledQuery.raw('PRAGMA synchronous = NORMAL'));
    try {
      return await work();
    } finally {
      await this.db.executeQuery(CompiledQuery.raw('PRAGMA synchronous = FULL'));
    }
  }

  /** One line of a bootstrap download, in its own transaction (a restarted download repeats harmlessly). */
  async applyBootstrapRows(kind: 'state' | 'events', line: string): Promise<void> {
    await this.db.transaction().execute((tx) => applyBootstrapRows(tx, kind, line));
  }

  /**
   * Rebuilds every projection from field state in one transaction (after a bootstrap that deferred them),
   * then tells listeners that everything may have changed.
   */
  async rebuildProjections(alongside?: (tx: Db) => Promise<void>): Promise<void> {
    this.#clock = await this.db.transaction().execute(async (tx) => {
      await rebuildAllProjections(tx);
      await alongside?.(tx);
      // The snapshot's stamps came in as rows, not changes: the clock moves past the newest of them here.
      const { rows } = await tx.executeQuery<{ newest: string | null }>(
        CompiledQuery.raw(
          'SELECT max(newest) AS newest FROM (SELECT max(hlc) AS newest FROM field_state UNION ALL SELECT max(hlc) FROM timeline_event)',
        ),
      );
      const newest = rows[0]?.newest;
      const clock = newest ? hlcReceive(this.#clock, decodeHlc(newest), this.now()) : this.#clock;
      await this.#saveClock(tx, clock);
      return clock;
    });
    this.#notify({
      fresh: [],
      incidentIds: new Set(),
      reference: true,
      kinds: new Set(ENTITY_KINDS),
      overwritten: [],
      everything: true,
    });
  }

  /**
   * Stamps changes for a bulk local load (seeding, tests) with clock readings the caller chooses, typically
   * in the past; the device clock is moved past them so later commands still order after. A seed passes its
   * own id generator, so the same seed makes the same changes.
   */
  stampAt(wallMs: number, actor: string | null, newId?: () => string): ChangeRecorder {
    return new ChangeRecorder(encodeHlc({ wall: wallMs, counter: 0 }), this.#deviceId, actor, null, newId);
  }

  async getMeta(key: string): Promise<string | null> {
    const row = await this.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value ?? null;
  }

  /** Local, never-synced settings of this workstation (the signed-in agent, the window's state). */
  async setMeta(key: string, value: string | null, db: Db = this.db): Promise<void> {
    if (value === null) await db.deleteFrom('meta').where('key', '=', key).execute();
    else
      await db
        .insertInto('meta')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  #notify(result: ApplyResult): void {
    if (!result.fresh.length && !result.everything && !result.reprojected) return;
    for (const listener of this.#listeners) listener(result);
  }

  async #saveClock(tx: Db, clock: Hlc): Promise<void> {
    await this.setMeta('hlc', encodeHlc(clock), tx);
  }

  async #configure(): Promise<void> {
    for (const pragma of [
      'journal_mode = WAL',
      // FULL: a committed command survives power loss, not only a crashed process.
      'synchronous = FULL',
      'foreign_keys = ON',
      'busy_timeout = 5000',
      'temp_store = MEMORY',
      // 8 MB: the operating system caches the file already, and the queue and KPI indexes hold what is read
      // most; a larger cache held the same pages twice (at 100,000 incidents, 32 MB put the core over its
      // 300 MB, with no queue, search or detail figure better for it).
      'cache_size = -8000',
    ]) {
      await this.db.executeQuery(CompiledQuery.raw(`PRAGMA ${pragma}`));
    }
  }

  async #migrate(): Promise<void> {
    const { rows } = await this.db.executeQuery<{ user_version: number }>(CompiledQuery.raw('PRAGMA user_version'));
    const current = rows[0]?.user_version ?? 0;
    const latest = MIGRATIONS.at(-1)?.version ?? 0;
    if (current > latest) {
      throw new Error(
        `This workspace was written by a newer Incident Desk (schema ${current}, this version knows ${latest}). Update the app to open it.`,
      );
    }
    const pending = MIGRATIONS.filter((m) => m.version > current);
    // A workspace from before the KPI facts holds incidents without them: they are built from each incident's
    // history, by code, once the schema is the latest, with the last version bump (a crash leaves it to redo).
    const kpiVersion = MIGRATIONS.find((m) => m.name === 'kpi')!.version;
    const buildKpiFacts = current > 0 && current < kpiVersion;
    for (const migration of pending) {
      // Each migration and its version bump commit together: a crash mid-migration leaves the previous version.
      await this.db.transaction().execute(async (tx) => {
        for (const statement of migration.statements) {
          await tx.executeQuery(CompiledQuery.raw(statement));
        }
        if (buildKpiFacts && migration === pending.at(-1)) await rebuildAllKpiFacts(tx);
        await tx.executeQuery(CompiledQuery.raw(`PRAGMA user_version = ${migration.version}`));
      });
    }
  }

  /**
   * The device id is per database file: a copied or restored file (a different inode) gets a fresh identity,
   * so two live copies never stamp changes with the same device and clock (DESIGN §4).
   */
  async #loadIdentity(): Promise<void> {
    const info = await stat(this.file);
    const fileIdentity = `${info.dev}:${info.ino}`;
    const [deviceId, storedIdentity, clock] = await Promise.all([
      this.getMeta('device_id'),
      this.getMeta('file_identity'),
      this.getMeta('hlc'),
    ]);
    this.#clock = clock ? decodeHlc(clock) : HLC_ZERO;
    if (deviceId && storedIdentity === fileIdentity) {
      this.#deviceId = deviceId;
      return;
    }
    this.#deviceId = uuidv4();
    await this.db.transaction().execute(async (tx) => {
      await this.setMeta('device_id', this.#deviceId, tx);
      await this.setMeta('file_identity', fileIdentity, tx);
      if (deviceId) await this.setMeta('previous_device_id', deviceId, tx);
    });
  }
}

function openSqlite(file: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const database = new sqlite3.Database(file, (error) => (error ? reject(error) : resolve(database)));
  });
}
