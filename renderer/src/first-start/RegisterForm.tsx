import { Button, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { contract } from '#shared/contract.ts';
import { useSession } from '../api/session-context.tsx';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { checkForm, fieldErrorsFromMessage } from '../forms/field-errors.ts';
import { useFieldErrors } from '../forms/use-field-errors.ts';

/** "I'm new here": adds the agent to the workspace and signs them in. */
export function RegisterForm({ submitLabel }: { submitLabel: string }) {
  const { adopt } = useSession();
  const run = useDeskCommand();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useFieldErrors({ name, email });
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkForm(contract['session/register'].input, { name, email });
    if (!checked.ok) return setErrors(checked.errors);
    setBusy(true);
    const answer = await run('session/register', checked.value, { quiet: true });
    setBusy(false);
    if (answer.ok) return adopt(answer.value);
    const fieldErrors = fieldErrorsFromMessage(answer.error.message);
    setErrors(Object.keys(fieldErrors).length ? fieldErrors : { email: answer.error.message });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label="Your name"
          autoComplete="name"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
          required
        />
        <TextInput
          label="Your email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={errors.email}
          required
        />
        <Button type="submit" disabled={busy}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
