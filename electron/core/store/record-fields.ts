import type { EntityKind, JsonValue } from '#shared/change.ts';
import type { ChangeRecorder } from './store.ts';

/**
 * Records a `set` for each field whose value differs from the current one (all of them for a new entity),
 * so that saving an unchanged form writes nothing and the timeline shows only real changes.
 */
export function recordFieldChanges(
  recorder: ChangeRecorder,
  entity: EntityKind,
  id: string,
  current: object | null,
  next: Readonly<Record<string, unknown>>,
): string[] {
  const changed: string[] = [];
  const before = current as Readonly<Record<string, JsonValue | undefined>> | null;
  for (const [field, value] of Object.entries(next) as [string, JsonValue][]) {
    if (before && sameValue(before[field], value)) continue;
    recorder.set(entity, id, field, value);
    changed.push(field);
  }
  return changed;
}

export function sameValue(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
