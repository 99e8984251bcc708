import type pg from 'pg';
import { availableActions } from '#shared/domain/lifecycle.ts';
import type { TransitionAction } from '#shared/domain/lifecycle.ts';
import type { Status } from '#shared/domain/enums.ts';
import { DEFAULTS_DEVICE } from '#core/automation/default-automation.ts';
import { createCore } from '#core/index.ts';
import type { Core } from '#core/index.ts';
import { addAccount, createTeam, issueTokenFor } from '../../hub/auth/accounts.ts';
import { faultyConnection, SimulatedCrash } from './faulty-connection.ts';
import type { Faults } from './faulty-connection.ts';
import { prng } from './prng.ts';
import type { Prng } from './prng.ts';
import { projectionSnapshot } from './projections.ts';
import type { ProjectionSnapshot } from './projections.ts';
import { tempDir } from './temp-workspace.ts';
import type { TempDir } from './temp-workspace.ts';

/**
 * One randomized schedule of the convergence test (DESIGN §9): several workstations, each with its own SQLite
 * file, work on the same team through one hub while going offline and online, losing and repeating
 * deliveries, one with its clock ten minutes fast, one crashing mid-pull and restarting, and pushing
 * concurrently. Afterwards every workstation must equal every other and the hub, and have every change.
 */
export interface ScheduleOptions {
  readonly seed: number;
  readonly pool: pg.Pool;
  readonly hubUrl: string;
  readonly clients?: number;
  readonly steps?: number;
}

export interface ScheduleResult {
  readonly seed: number;
  /** What went wrong, in words; empty when everything converged. */
  readonly problems: string[];
  /** Hub changes some workstation never received. */
  readonly lost: number;
  readonly commands: number;
}

interface Workstation {
  readonly index: number;
  readonly dir: TempDir;
  readonly agentId: string;
  readonly faults: Faults;
  readonly now: () => number;
  core: Core;
}

const TEN_MINUTES = 10 * 60_000;

async function open(station: Omit<Workstation, 'core'>, random: Prng): Promise<Core> {
  return createCore({
    dataDir: station.dir.path,
    autoSync: false,
    queueIndex: false,
    now: station.now,
    connectTo: faultyConnection(station.faults, random),
  });
}

async function invoke(core: Core, name: string, input: unknown): Promise<unknown> {
  const outcome = await core.invoke(name, input);
  return outcome.ok ? outcome.value : null;
}

/** One command an agent might make, chosen from what their own workstation currently shows. */
async function randomCommand(station: Workstation, random: Prng, serial: number): Promise<void> {
  const { core } = station;
  const incidents = await core.store.db.selectFrom('incident').select(['id', 'status']).orderBy('id').execute();
  if (!incidents.length || (incidents.length < 8 && random.next() < 0.3)) {
    await invoke(core, 'incident/create', {
      title: `Incident ${serial} from workstation ${station.index}`,
      channel: random.pick(['email', 'phone', 'walk_in', 'web'] as const),
      impact: random.int(1, 3),
      urgency: random.int(1, 3),
    });
    return;
  }
  const target = random.pick(incidents);
  const roll = random.next();
  if (roll < 0.3) {
    const fields = random.pick([
      { title: `Renamed ${serial} by ${station.index}` },
      { impact: random.int(1, 3) },
      { urgency: random.int(1, 3), description: `Details ${serial}` },
      { tags: [`t${random.int(1, 3)}`] },
    ]);
    await invoke(core, 'incident/update', { id: target.id, fields });
  } else if (roll < 0.55) {
    await invoke(core, 'incident/addNote', { id: target.id, body: `Note ${serial} from ${station.index}` });
  } else if (roll < 0.7) {
    await invoke(core, 'incident/assign', { id: target.id, assigneeId: station.agentId });
  } else {
    const actions = availableActions(target.status as Status);
    if (!actions.length) return;
    const action: TransitionAction = random.pick(actions);
    await invoke(core, 'incident/transition', {
      id: target.id,
      action,
      notes: `Because ${serial}`,
      ...(action === 'resolve' ? { resolutionCode: 'solved_permanently', cause: `Caused by ${serial}` } : {}),
    });
  }
}

async function syncRound(station: Workstation, random: Prng): Promise<void> {
  try {
    await station.core.sync.syncNow();
  } catch (error) {
    if (error instanceof SimulatedCrash) {
      // The process died mid-transaction: what is on disk is all that is left. Start it again.
      await station.core.close();
      station.core = await open(station, random);
      return;
    }
    // An unreachable hub or a lost answer: the engine reports it and retries next round.
    if (!/reach|lost|down|broke|cut off|stopped/i.test(String(error))) throw error;
  }
}

async function hubState(pool: pg.Pool, teamId: string) {
  const fields = await pool.query<{
    entity: string;
    entity_id: string;
    field: string;
    hlc: string;
    device: string;
    value: unknown;
  }>('SELECT entity, entity_id, field, hlc, device, value FROM field_state WHERE team_id = $1', [teamId]);
  const changes = await pool.query<{ id: string; entity: string }>('SELECT id, entity FROM change WHERE team_id = $1', [
    teamId,
  ]);
  const key = (r: { entity: string; entity_id: string; field: string }) => `${r.entity}/${r.entity_id}/${r.field}`;
  return {
    fields: new Map(fields.rows.map((r) => [key(r), { hlc: r.hlc, device: r.device, value: r.value }])),
    // Agents were written before any workstation bootstrapped, so they arrived in the snapshot, not as changes.
    changeIds: changes.rows.filter((r) => r.entity !== 'agent').map((r) => r.id),
  };
}

async function compare(
  stations: readonly Workstation[],
  pool: pg.Pool,
  teamId: string,
): Promise<{ problems: string[]; lost: number }> {
  const problems: string[] = [];
  const unreceived: string[] = [];
  const hub = await hubState(pool, teamId);
  let lost = 0;
  let reference: ProjectionSnapshot | null = null;
  for (const station of stations) {
    const db = station.core.store.db;
    const snapshot = await projectionSnapshot(db, ['incident', 'note', 'renamed']);
    if (!reference) reference = snapshot;
    else if (JSON.stringify(snapshot) !== JSON.stringify(reference)) {
      const tables = Object.keys(snapshot.tables).filter(
        (t) => JSON.stringify(snapshot.tables[t]) !== JSON.stringify(reference!.tables[t]),
      );
      problems.push(
        `workstation ${station.index} differs from workstation 0 in ${tables.join(', ') || 'search results'}`,
      );
    }
    // The defaults every workspace writes for itself, identically, are never pushed: the hub lacks them by design.
    const mine = await db.selectFrom('field_state').selectAll().where('device', '!=', DEFAULTS_DEVICE).execute();
    const mineByKey = new Map(mine.map((r) => [`${r.entity}/${r.entity_id}/${r.field}`, r]));
    for (const [key, value] of hub.fields) {
      const local = mineByKey.get(key);
      if (!local || local.hlc !== value.hlc || local.device !== value.device) {
        problems.push(`workstation ${station.index} has ${key} at ${local?.hlc ?? 'nothing'}, the hub at ${value.hlc}`);
      } else if (JSON.stringify(sortKeys(JSON.parse(local.value))) !== JSON.stringify(sortKeys(value.value))) {
        problems.push(`workstation ${station.index} has another value for ${key} than the hub`);
      }
    }
    if (mineByKey.size !== hub.fields.size) {
      problems.push(`workstation ${station.index} has ${mineByKey.size} field values, the hub ${hub.fields.size}`);
    }
    const received = new Set((await db.selectFrom('change').select('id').execute()).map((r) => r.id));
    const missing = hub.changeIds.filter((id) => !received.has(id));
    if (missing.length) {
      lost += missing.length;
      unreceived.push(`workstation ${station.index} never received ${missing.length} of the hub's changes`);
    }
  }
  // Lost changes first: the field differences they cause would otherwise crowd them out of the report.
  return { problems: [...unreceived, ...problems].slice(0, 12), lost };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

export async function runSchedule(options: ScheduleOptions): Promise<ScheduleResult> {
  const random = prng(options.seed);
  const team = await createTeam(options.pool, `Team ${options.seed} ${Math.random().toString(36).slice(2, 8)}`);
  const stations: Workstation[] = [];
  let commands = 0;
  try {
    for (let index = 0; index < (options.clients ?? 5); index++) {
      const email = `agent${index}@team${options.seed}.example`;
      const account = await addAccount(
        options.pool,
        team.id,
        { email, name: `Agent ${index}`, role: 'supervisor' },
        Date.now(),
      );
      const token = await issueTokenFor(options.pool, team.id, email, `workstation ${index}`);
      const faults: Faults = { offline: false, lose: 0, repeat: 0, crashNextPull: false };
      // Workstation 0's clock runs ten minutes fast: the hub would refuse its stamps if it did not correct.
      const now = index === 0 ? () => Date.now() + TEN_MINUTES : () => Date.now();
      const base = { index, dir: await tempDir('desk-converge-'), agentId: account.id, faults, now };
      const core = await open(base, random);
      const station: Workstation = { ...base, core };
      stations.push(station);
      const connected = await core.invoke('sync/connect', { hubUrl: options.hubUrl, token });
      if (!connected.ok) throw new Error(connected.error.message);
      await core.sync.syncNow();
      await core.session.signIn(account.id);
      faults.lose = 0.1;
      faults.repeat = 0.1;
    }

    for (let step = 0; step < (options.steps ?? 30); step++) {
      const roll = random.next();
      if (roll < 0.45) {
        await randomCommand(random.pick(stations), random, step);
        commands++;
      } else if (roll < 0.55) {
        const station = random.pick(stations);
        station.faults.offline = !station.faults.offline;
      } else if (roll < 0.9) {
        // Several workstations syncing at the same moment: concurrent pushes and pulls.
        const chosen = random.shuffle(stations).slice(0, random.int(1, stations.length));
        await Promise.all(chosen.map((station) => syncRound(station, random)));
      } else {
        const station = random.pick(stations.filter((s) => !s.faults.offline).concat(stations[0]!));
        station.faults.crashNextPull = true;
        await syncRound(station, random);
        station.faults.crashNextPull = false;
      }
    }

    // The network heals: everyone online, nothing lost or repeated, rounds until all have everything.
    for (const station of stations)
      Object.assign(station.faults, { offline: false, lose: 0, repeat: 0, crashNextPull: false });
    for (let round = 0; round < 2; round++) {
      for (const station of stations) await station.core.sync.syncNow();
    }
    return { seed: options.seed, commands, ...(await compare(stations, options.pool, team.id)) };
  } finally {
    for (const station of stations) {
      await station.core.close().catch(() => {});
      await station.dir.remove();
    }
  }
}
