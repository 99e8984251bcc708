import { v5 as uuidv5 } from 'uuid';

/**
 * Name-based ids (UUID v5) in one namespace, each worked out once and remembered within bounds. The duties'
 * sweeps name the same occasions beat after beat (a firing, a notification), and a hash per call for every
 * open incident and rule was a good part of a beat.
 */
export function derivedIds(namespace: string, kept = 200_000): (name: string) => string {
  const ids = new Map<string, string>();
  return (name) => {
    let id = ids.get(name);
    if (id === undefined) {
      if (ids.size >= kept) ids.clear();
      id = uuidv5(name, namespace);
      ids.set(name, id);
    }
    return id;
  };
}
