import { DeskError } from '#shared/errors.ts';
import type { ErrorCode } from '#shared/errors.ts';

/** What an agent sees for each kind of refusal: a short headline; the desk's own message says the rest. */
const TITLES: Record<ErrorCode, string> = {
  invalid_input: 'Please check what you entered',
  unknown_handler: 'This version of the desk cannot do that',
  not_found: 'Not found',
  invalid_transition: 'Not possible right now',
  conflict: 'Already exists',
  not_signed_in: 'Choose who you are first',
  forbidden: 'Not allowed',
  internal: 'Something went wrong',
  unreachable: 'The desk is not running',
};

export interface ErrorNotice {
  readonly code: ErrorCode;
  readonly title: string;
  readonly message: string;
}

/** Anything a desk call rejected with, as a DeskError (a network or programming error becomes `internal`). */
function asDeskError(error: unknown): DeskError {
  if (error instanceof DeskError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DeskError('internal', message || 'The desk did not answer.');
}

/** The dispatcher prefixes schema failures with the handler name, which means nothing to an agent. */
function withoutHandlerPrefix(message: string): string {
  return message.replace(/^Invalid input for [\w/]+: /, '');
}

export function describeError(error: unknown): ErrorNotice {
  const desk = asDeskError(error);
  return { code: desk.code, title: TITLES[desk.code], message: withoutHandlerPrefix(desk.message) };
}
