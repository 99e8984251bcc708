/**
 * Hybrid logical clock (Kulkarni et al.): a wall-clock millisecond part that never goes backwards and a
 * counter that orders events within the same millisecond. Encoded as a fixed-width string so that plain
 * string comparison (in TypeScript and in SQL) is the clock order. Ties between devices are broken by the
 * device id, compared the same way, which makes last-writer-wins deterministic.
 */
export interface Hlc {
  readonly wall: number;
  readonly counter: number;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
const HLC_PATTERN = /^(\d{15}):(\d{6})$/;

export const HLC_ZERO: Hlc = { wall: 0, counter: 0 };

export function encodeHlc(hlc: Hlc): string {
  return `${String(hlc.wall).padStart(WALL_DIGITS, '0')}:${String(hlc.counter).padStart(COUNTER_DIGITS, '0')}`;
}

export function isHlcString(value: string): boolean {
  return HLC_PATTERN.test(value);
}

export function decodeHlc(value: string): Hlc {
  const match = HLC_PATTERN.exec(value);
  if (!match) throw new RangeError(`Not a clock stamp: ${value}`);
  return { wall: Number(match[1]), counter: Number(match[2]) };
}

/** The wall-clock milliseconds of an encoded stamp, for display and "updated" sorting. */
export function hlcWallMs(value: string): number {
  return decodeHlc(value).wall;
}

function bump(wall: number, counter: number): Hlc {
  // A million events in one millisecond means the clock is being abused; moving into the next
  // millisecond keeps the order total without an error path that callers would have to handle.
  return counter > MAX_COUNTER ? { wall: wall + 1, counter: 0 } : { wall, counter };
}

/** The stamp for a local event at physical time `nowMs`. */
export function hlcTick(last: Hlc, nowMs: number): Hlc {
  if (nowMs > last.wall) return { wall: nowMs, counter: 0 };
  return bump(last.wall, last.counter + 1);
}

/** Advances the local clock past a stamp received from elsewhere. */
export function hlcReceive(last: Hlc, remote: Hlc, nowMs: number): Hlc {
  const wall = Math.max(last.wall, remote.wall, nowMs);
  if (wall === last.wall && wall === remote.wall) {
    return bump(wall, Math.max(last.counter, remote.counter) + 1);
  }
  if (wall === last.wall) return bump(wall, last.counter + 1);
  if (wall === remote.wall) return bump(wall, remote.counter + 1);
  return { wall, counter: 0 };
}

export function compareHlc(a: Hlc, b: Hlc): number {
  return a.wall - b.wall || a.counter - b.counter;
}

export interface Stamp {
  readonly hlc: string;
  readonly device: string;
}

/** Total order used by last-writer-wins: clock first, device id as the tie-break. */
export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.device !== b.device) return a.device < b.device ? -1 : 1;
  return 0;
}
