import type { z } from 'zod';
import { contract, isHandlerName } from '#shared/contract.ts';
import type { HandlerName, Handlers, Outcome } from '#shared/contract.ts';
import { DeskError } from '#shared/errors.ts';

export interface DispatchLogger {
  error(message: string, error: unknown): void;
}

/** Describes a schema failure in words an agent (or a developer reading a log) can act on. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * The boundary every host goes through: the name must be a contract entry, the input must pass that entry's
 * schema, and whatever happens comes back as an outcome, with errors as plain `{ code, message }` data.
 */
export async function dispatch(
  handlers: Handlers,
  name: unknown,
  input: unknown,
  logger?: DispatchLogger,
): Promise<Outcome<unknown>> {
  try {
    if (!isHandlerName(name)) {
      throw new DeskError('unknown_handler', `There is no handler named ${JSON.stringify(String(name)).slice(0, 80)}.`);
    }
    const parsed = contract[name].input.safeParse(input);
    if (!parsed.success) {
      throw new DeskError('invalid_input', `Invalid input for ${name}: ${describeIssues(parsed.error)}`);
    }
    const handler = handlers[name] as (command: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof DeskError) return { ok: false, error: error.toData() };
    logger?.error(`Handler ${String(name)} failed`, error);
    return {
      ok: false,
      error: { code: 'internal', message: 'Something went wrong inside the desk; it has been logged.' },
    };
  }
}

export type { HandlerName };
