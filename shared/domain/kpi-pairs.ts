import type { KpiColumns } from './kpi-columns.ts';
import { Tally } from './kpi-tally.ts';
import type { KpiFigures } from './kpi-tally.ts';

export interface KpiRow {
  /** The agent's or group's id, or `none` for incidents with nobody (no group). */
  readonly key: string;
  readonly figures: KpiFigures;
  readonly previous: KpiFigures;
}

/** One row's tallies: for the period and for the one before. */
export interface Tallies {
  readonly current: Tally;
  readonly previous: Tally;
}

/** The tallies of several rows added up (each incident is in exactly one of them). */
function summed(parts: Iterable<Tallies>): Tallies {
  const sum = { current: new Tally(), previous: new Tally() };
  for (const part of parts) {
    sum.current.addTally(part.current);
    sum.previous.addTally(part.previous);
  }
  return sum;
}

/** The figures of a row; its tallies are spent afterwards. */
function rowOf(key: string, tallies: Tallies): KpiRow {
  const row = { key, figures: tallies.current.figures(), previous: tallies.previous.figures() };
  tallies.current.release();
  tallies.previous.release();
  return row;
}

/**
 * Tallies per agent and group at once: an incident is added to the one pair (its agent, its group) it belongs
 * to, and the agents', the groups' and the team's tallies are the pairs added up at the end, so each incident
 * is added once rather than once per row it shows in. Agents and groups are the columns' codes.
 */
export class Pairs {
  readonly #columns: KpiColumns;
  readonly #stride: number;
  readonly #pairs: (Tallies | undefined)[] = [];
  /** The agents and groups in the order they were first met, each with its pairs. */
  readonly #byAgent = new Map<number, Tallies[]>();
  readonly #byGroup = new Map<number, Tallies[]>();

  constructor(columns: KpiColumns) {
    this.#columns = columns;
    this.#stride = columns.groups.keys.length;
  }

  get(agent: number, group: number): Tallies {
    const place = agent * this.#stride + group;
    let pair = this.#pairs[place];
    if (!pair) {
      this.#pairs[place] = pair = { current: new Tally(), previous: new Tally() };
      listed(this.#byAgent, agent).push(pair);
      listed(this.#byGroup, group).push(pair);
    }
    return pair;
  }

  /** The team's, the agents' and the groups' rows; the pairs are spent afterwards. */
  rows(): { team: KpiRow; byAgent: KpiRow[]; byGroup: KpiRow[] } {
    const pairs = [...this.#byGroup.values()].flat();
    const key = (keys: readonly (string | null)[], code: number) => keys[code] ?? 'none';
    const team = rowOf('team', summed(pairs));
    const agents = this.#columns.agents.keys;
    const groups = this.#columns.groups.keys;
    const byAgent = [...this.#byAgent].map(([code, list]) => rowOf(key(agents, code), summed(list)));
    const byGroup = [...this.#byGroup].map(([code, list]) => rowOf(key(groups, code), summed(list)));
    for (const pair of pairs) {
      pair.current.release();
      pair.previous.release();
    }
    return { team, byAgent, byGroup };
  }
}

function listed<T>(lists: Map<number, T[]>, code: number): T[] {
  let list = lists.get(code);
  if (!list) lists.set(code, (list = []));
  return list;
}
