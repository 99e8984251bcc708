import { useCallback } from 'react';
import type { HandlerInput, HandlerName, HandlerOutput } from '#shared/contract.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import { desk } from './desk.ts';
import type { DeskOutcome } from './desk.ts';

/** A command's answer, or its refusal as a value (STYLE habit 10). */
export type CommandResult<T> = DeskOutcome<T>;

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
 * How components ask the desk to do something: the outcome as the desk answered it, with a refusal also
 * shown as a notification unless the caller shows it in place.
 */
export function useDeskCommand(): RunCommand {
  const toasts = useToasts();
  return useCallback<RunCommand>(
    async (name, input, options) => {
      type Call = (input: HandlerInput<typeof name>) => Promise<CommandResult<HandlerOutput<typeof name>>>;
      const outcome = await (desk[name] as Call)(input);
      if (outcome.ok && options?.success) toasts.show({ kind: 'success', title: options.success, message: '' });
      if (!outcome.ok && !options?.quiet) toasts.showError(outcome.error);
      return outcome;
    },
    [toasts],
  );
}
