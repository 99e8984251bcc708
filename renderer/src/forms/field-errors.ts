import type { z } from 'zod';

/** Validation messages keyed by field path ("email", "fields.title"), shown next to the field they belong to. */
export type FieldErrors = Readonly<Record<string, string>>;

export const NO_FIELD_ERRORS: FieldErrors = {};

/** The first message per field from a schema check, so a form can validate with the contract's own schema. */
export function fieldErrorsFromIssues(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    if (!(key in errors)) errors[key] = sentence(issue.message);
  }
  return errors;
}

/**
 * The desk answers bad input with "Invalid input for x/y: field: message; other: message". Picking the fields
 * back out lets the form put each message next to its field, as if it had checked them itself.
 */
export function fieldErrorsFromMessage(message: string): FieldErrors {
  const body = message.replace(/^Invalid input for [\w/]+: /, '');
  const errors: Record<string, string> = {};
  for (const part of body.split('; ')) {
    const match = /^([\w.]+): (.+)$/.exec(part);
    if (match && !(match[1]! in errors)) errors[match[1]!] = sentence(match[2]!);
  }
  return errors;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed ? trimmed[0]!.toUpperCase() + trimmed.slice(1) : trimmed;
}

/** Validates a form's values with a contract schema: the parsed command, or the messages per field. */
export function checkForm<S extends z.ZodType>(
  schema: S,
  values: unknown,
): { ok: true; value: z.output<S> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(values);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, errors: fieldErrorsFromIssues(parsed.error.issues) };
}

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
