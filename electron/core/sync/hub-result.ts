import { DeskError } from '#shared/errors.ts';
import type { ErrorCode } from '#shared/errors.ts';
import type { HubResult } from './hub-client.ts';

export type HubFailure = Exclude<HubResult<unknown>, { kind: 'ok' }>;

/** The one reading of a hub answer that is not a success, as an error an agent can act on. */
export function hubFailureError(failure: HubFailure): DeskError {
  if (failure.kind === 'offline') return new DeskError('invalid_input', failure.reason);
  const code: ErrorCode =
    failure.status === 401 || failure.status === 403
      ? 'forbidden'
      : failure.status === 409
        ? 'conflict'
        : 'invalid_input';
  const advice = failure.status === 401 ? ' Ask your team admin for a new device token.' : '';
  return new DeskError(code, `The hub refused: ${failure.message}${advice}`);
}

/** The hub's answer, or the error `hubFailureError` makes of it. */
export function hubAnswer<T>(result: HubResult<T>): T {
  if (result.kind === 'ok') return result.value;
  throw hubFailureError(result);
}
