import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { connectHubInput } from '#shared/domain/sync-status.ts';
import { useSyncStatus } from '../api/sync-status-context.tsx';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { describeError } from '../feedback/describe-error.ts';
import { checkForm, fieldErrorsFromMessage, NO_FIELD_ERRORS } from '../forms/field-errors.ts';
import { useFieldErrors } from '../forms/use-field-errors.ts';

/**
 * A local workspace joins its team: the hub's address and the device token a team admin issued. On first
 * start this is how a new workstation joins; `onConnected` then signs the agent in as their hub account.
 */
export function ConnectHubForm({ onConnected }: { onConnected?: () => void } = {}) {
  const { adopt } = useSyncStatus();
  const run = useDeskCommand();
  const [values, setValues] = useState({ hubUrl: '', token: '' });
  const [errors, setErrors] = useFieldErrors(values);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkForm(connectHubInput, values);
    setRefusal(null);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors(NO_FIELD_ERRORS);
    setBusy(true);
    const connected = await run('sync/connect', checked.value, { quiet: true, success: 'Connected to the team hub' });
    setBusy(false);
    if (connected.ok) {
      adopt(connected.value);
      return onConnected?.();
    }
    const byField = fieldErrorsFromMessage(connected.error.message);
    const fielded = connected.error.code === 'invalid_input' && Object.keys(byField).length > 0;
    setErrors(fielded ? byField : NO_FIELD_ERRORS);
    setRefusal(fielded ? null : describeError(connected.error).message);
  };

  return (
    <Stack gap="md" maw={560}>
      <Stack gap={4}>
        <Title order={2} size="h4">
          Connect to your team hub
        </Title>
        <Text size="sm" c="dimmed">
          This workspace is on its own. Connected to a hub, it shares its incidents with your team and receives theirs,
          and it keeps working when the hub cannot be reached. Your team admin gives you the hub address and a device
          token.
        </Text>
      </Stack>
      <form onSubmit={submit} noValidate aria-label="Connect to a team hub">
        <Stack gap="sm">
          {refusal ? (
            <Alert color="red" title="Not connected" role="alert">
              {refusal}
            </Alert>
          ) : null}
          <TextInput
            label="Hub address"
            placeholder="https://hub.example.com"
            value={values.hubUrl}
            onChange={(event) => setValues({ ...values, hubUrl: event.currentTarget.value })}
            error={errors.hubUrl}
            required
            autoComplete="url"
            spellCheck={false}
          />
          {/* Mantine leaves the password input's ARIA to us: name its hint and its error, as TextInput does. */}
          <PasswordInput
            id="hub-device-token"
            aria-invalid={errors.token ? true : undefined}
            aria-describedby={
              errors.token ? 'hub-device-token-description hub-device-token-error' : 'hub-device-token-description'
            }
            label="Device token"
            description="Stored on this computer only, to sign this workstation in to the hub."
            value={values.token}
            onChange={(event) => setValues({ ...values, token: event.currentTarget.value })}
            error={errors.token}
            required
            autoComplete="off"
            spellCheck={false}
          />
          <Group>
            <Button type="submit" disabled={busy}>
              {busy ? 'Connecting…' : 'Connect'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
