import { useState } from 'react';
import { errorsStillTrue, NO_FIELD_ERRORS } from './field-errors.ts';
import type { FieldErrors } from './field-errors.ts';

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
