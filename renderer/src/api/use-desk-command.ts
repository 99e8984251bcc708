import { useCallback } from 'react';
import type { HandlerInput, HandlerName, HandlerOutput } from '#shared/contract.ts';
import type { DeskError } from '#shared/errors.ts';
import { asDeskError } from '../feedback/describe-error.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import { desk } from './desk.ts';

export type CommandResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DeskError };

export interface CommandOptions {
  /** A confirmation to show when it worked ("Incident created"). */
  readonly success?: string;
  /** The caller shows the error itself (next to a field, inside a dialog): no notification. */
  readonly quiet?: boolean;
}

export type RunCommand = <N extends HandlerName>(
  name: N,
  input: HandlerInput<N>,
  options?: CommandOptions,
) => Promise<CommandResult<HandlerOutput<N>>>;

/**
 * How components ask the desk to do something: the answer, or the refusal as a value (STYLE habit 10), with
 * the refusal also shown as a notification unless the caller shows it in place.
 */
export function useDeskCommand(): RunCommand {
  const toasts = useToasts();
  return useCallback<RunCommand>(
    async (name, input, options) => {
      type Call = (input: HandlerInput<typeof name>) => Promise<HandlerOutput<typeof name>>;
      try {
        const value = await (desk[name] as Call)(input);
        if (options?.success) toasts.show({ kind: 'success', title: options.success, message: '' });
        return { ok: true, value };
      } catch (error) {
        const deskError = asDeskError(error);
        if (!options?.quiet) toasts.showError(deskError);
        return { ok: false, error: deskError };
      }
    },
    [toasts],
  );
}
