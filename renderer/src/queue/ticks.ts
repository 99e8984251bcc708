/**
 * The incidents ticked in the queue for a bulk change. Ticks are by incident id, so they stay on their
 * incidents as rows move; the anchor is the last row ticked or unticked by hand, where a Shift+click range
 * starts.
 */
export interface Ticks {
  readonly ids: ReadonlySet<string>;
  readonly anchor: number | null;
}

export const NO_TICKS: Ticks = { ids: new Set(), anchor: null };

export function toggleTick(ticks: Ticks, index: number, id: string): Ticks {
  const ids = new Set(ticks.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: index };
}

/**
 * Shift+click: every row from the anchor to this one takes the state the anchor row has (ticked, unless the
 * anchor was just unticked). `idAt` answers the loaded rows; rows not loaded yet cannot be ticked.
 */
export function tickRange(ticks: Ticks, index: number, idAt: (index: number) => string | undefined): Ticks {
  if (ticks.anchor === null) {
    const id = idAt(index);
    return id ? toggleTick(ticks, index, id) : ticks;
  }
  const anchorId = idAt(ticks.anchor);
  const tick = anchorId === undefined || ticks.ids.has(anchorId);
  const ids = new Set(ticks.ids);
  const [from, to] = ticks.anchor <= index ? [ticks.anchor, index] : [index, ticks.anchor];
  for (let at = from; at <= to; at += 1) {
    const id = idAt(at);
    if (!id) continue;
    if (tick) ids.add(id);
    else ids.delete(id);
  }
  return { ids, anchor: index };
}

export function tickAll(ids: readonly string[]): Ticks {
  return { ids: new Set(ids), anchor: null };
}
