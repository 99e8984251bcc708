import { Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { HubAccount } from '#shared/domain/sync-status.ts';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { describeError } from '../feedback/describe-error.ts';
import classes from './team-hub.module.css';

interface IssueTokenDialogProps {
  readonly opened: boolean;
  /** Whose workstation the token is for; kept while the dialog fades out, so it never shows empty. */
  readonly account: HubAccount | null;
  readonly hubUrl: string | null;
  onClose(): void;
  /** After the dialog has gone: the parent forgets the account, and the next opening starts afresh. */
  onClosed(): void;
}

/** The token, once: copy it now, it is not kept anywhere the app can show it again. */
function IssuedToken({
  account,
  hubUrl,
  token,
  onClose,
}: {
  account: HubAccount;
  hubUrl: string | null;
  token: string;
  onClose: () => void;
}) {
  return (
    <Stack gap="sm">
      <Alert color="yellow" title="Copy the token now: it will not be shown again" role="alert">
        Anyone who has it can sync as {account.name}, so give it to them privately. On their workstation they paste it
        in Settings → Team hub{hubUrl ? `, with the hub address ${hubUrl}` : ''}.
      </Alert>
      <TextInput
        label="Device token"
        value={token}
        readOnly
        classNames={{ input: classes.token }}
        onFocus={(event) => event.currentTarget.select()}
      />
      <Group justify="flex-end">
        <CopyButton value={token}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              {copied ? 'Copied' : 'Copy token'}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onClose}>Done</Button>
      </Group>
    </Stack>
  );
}

interface IssueTokenFormProps {
  readonly account: HubAccount;
  readonly hubUrl: string | null;
  onClose(): void;
}

function IssueTokenForm({ account, hubUrl, onClose }: IssueTokenFormProps) {
  const run = useDeskCommand();
  const [label, setLabel] = useState('');
  const [token, setToken] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const issued = await run(
      'team/issueToken',
      { email: account.email, label: label.trim() || 'device' },
      { quiet: true },
    );
    setBusy(false);
    if (issued.ok) setToken(issued.value.token);
    else setRefusal(describeError(issued.error).message);
  };

  if (token) return <IssuedToken account={account} hubUrl={hubUrl} token={token} onClose={onClose} />;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {refusal ? (
          <Alert color="red" title="No token issued" role="alert">
            {refusal}
          </Alert>
        ) : null}
        <Text size="sm">
          A device token lets one workstation sync as {account.name} ({account.email}). Issue one per computer they use.
        </Text>
        <TextInput
          label="Device name"
          description="So you can tell their tokens apart later."
          placeholder={`${account.name.split(' ')[0]}'s laptop`}
          value={label}
          onChange={(event) => setLabel(event.currentTarget.value)}
          maxLength={120}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={busy}>
            Issue token
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Issues a device token for one of the team's agents and shows it once. */
export function IssueTokenDialog({ opened, account, hubUrl, onClose, onClosed }: IssueTokenDialogProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      onExitTransitionEnd={onClosed}
      title={`Device token for ${account?.name ?? 'an agent'}`}
      size="lg"
    >
      {account ? <IssueTokenForm account={account} hubUrl={hubUrl} onClose={onClose} /> : null}
    </Modal>
  );
}
