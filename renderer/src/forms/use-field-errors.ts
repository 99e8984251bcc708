import { useState } from 'react';
import { NO_FIELD_ERRORS } from './field-errors.ts';
import type { FieldErrors } from './field-errors.ts';

/** The value a message's field path ("fields.title") names, in the form's values as checked or as now. */
function valueAt(values: unknown, path: string): unknown {
  let at: unknown = values;
  for (const part of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

const sameValue = (a: unknown, b: unknown) => Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b);

/**
 * The messages that are still true: a message stays only while its field holds the value it was about. Once
 * the agent types a title, "Title is required" has nothing left to say. Messages about no field (the desk's
 * refusal) stay until the next check.
 */
export function errorsStillTrue(errors: FieldErrors, checked: unknown, current: unknown): FieldErrors {
  const kept = Object.entries(errors).filter(([path]) => sameValue(valueAt(checked, path), valueAt(current, path)));
  return kept.length === Object.keys(errors).length ? errors : Object.fromEntries(kept);
}

/**
 * A form's validation messages that follow its fields. `current` is what the form would send now, in the shape
 * the messages' paths name; `show` remembers the messages with what was sent when they were found.
 */
export function useFieldErrors(current: unknown): [FieldErrors, (errors: FieldErrors) => void] {
  const [found, setFound] = useState<{ errors: FieldErrors; checked: unknown }>({
    errors: NO_FIELD_ERRORS,
    checked: undefined,
  });
  const show = (errors: FieldErrors) => setFound({ errors, checked: current });
  return [errorsStillTrue(found.errors, found.checked, current), show];
}
