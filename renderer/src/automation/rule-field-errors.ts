import type { FieldErrors } from '../forms/field-errors.ts';

/**
 * The message for a part of a rule ("actions.1.text"), or for anything inside it ("conditions.0.values.2"):
 * the desk names the exact value that is wrong, the form shows it by the field that holds it.
 */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const inside = Object.keys(errors).find((key) => key.startsWith(`${path}.`));
  return inside ? errors[inside] : undefined;
}

/** The messages about one part of a rule, keyed by what follows its path: what a part's own fields look up. */
export function errorsUnder(errors: FieldErrors, path: string): FieldErrors {
  const found: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    if (key === path) found[''] = message;
    else if (key.startsWith(`${path}.`)) found[key.slice(path.length + 1)] = message;
  }
  return found;
}
