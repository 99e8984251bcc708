import { useState } from 'react';
import type { z } from 'zod';
import type { HandlerInput, HandlerName, HandlerOutput } from '#shared/contract.ts';
import { contract } from '#shared/contract.ts';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { describeError } from '../feedback/describe-error.ts';
import { checkForm, fieldErrorsFromMessage, NO_FIELD_ERRORS } from './field-errors.ts';
import { useFieldErrors } from './use-field-errors.ts';

/**
 * Saving a settings editor: check with the contract's schema first (messages next to the fields), then ask
 * the desk; a refusal that names fields (or a field, as
 * a name taken already does) goes next to them, any other (a non-supervisor's `forbidden`) above.
 * `current` is what the editor would save now: a message goes once its field changes.
 */
export function useSettingsSave<N extends HandlerName>(name: N, success: string, current?: HandlerInput<N>) {
  const run = useDeskCommand();
  const [errors, setErrors] = useFieldErrors(current);
  const [refusal, setRefusal] = useState<string | null>(null);

  const save = async (input: HandlerInput<N>): Promise<HandlerOutput<N> | null> => {
    const checked = checkForm(contract[name].input as z.ZodType, input);
    if (!checked.ok) {
      setErrors(checked.errors);
      return null;
    }
    const result = await run(name, input, { quiet: true, success });
    if (result.ok) {
      setErrors(NO_FIELD_ERRORS);
      setRefusal(null);
      return result.value;
    }
    const byField = result.error.field
      ? { [result.error.field]: result.error.message }
      : fieldErrorsFromMessage(result.error.message);
    const fielded =
      result.error.field !== undefined || (result.error.code === 'invalid_input' && Object.keys(byField).length > 0);
    setErrors(fielded ? byField : NO_FIELD_ERRORS);
    setRefusal(fielded ? null : describeError(result.error).message);
    return null;
  };

  return { save, errors, refusal };
}
