import { Alert, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { HubAccount, SyncStatus } from '#shared/domain/sync-status.ts';
import { useHubAccounts } from '../api/use-hub-accounts.ts';
import type { HubAccountsLoad } from '../api/use-hub-accounts.ts';
import { describeError } from '../feedback/describe-error.ts';
import { AddHubAgentDialog } from './AddHubAgentDialog.tsx';
import { HUB_ROLE_LABELS } from './hub-roles.ts';
import { IssueTokenDialog } from './IssueTokenDialog.tsx';

function AccountsTable({ accounts, onIssue }: { accounts: readonly HubAccount[]; onIssue: (a: HubAccount) => void }) {
  return (
    <Table striped highlightOnHover aria-label="Team members on the hub" verticalSpacing={6}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Email</Table.Th>
          <Table.Th>Role on the hub</Table.Th>
          <Table.Th>
            <VisuallyHidden>Actions</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {accounts.map((account) => (
          <Table.Tr key={account.id}>
            <Table.Td>{account.name}</Table.Td>
            <Table.Td>{account.email}</Table.Td>
            <Table.Td>{HUB_ROLE_LABELS[account.role]}</Table.Td>
            <Table.Td>
              <Group justify="flex-end">
                <Button
                  variant="subtle"
                  size="compact-sm"
                  onClick={() => onIssue(account)}
                  aria-label={`Issue a device token for ${account.name}`}
                >
                  Issue device token
                </Button>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

interface RefusalProps {
  readonly load: Extract<HubAccountsLoad, { kind: 'failed' }>;
  /** A token the hub no longer accepts is refused as `forbidden` too, but is no question of role. */
  readonly tokenRefused: boolean;
  onRetry(): void;
}

/** Why the hub would not list the team: not an admin (said plainly, it is not a fault), or another reason. */
function Refusal({ load, tokenRefused, onRetry }: RefusalProps) {
  if (load.error.code === 'forbidden' && !tokenRefused) {
    return (
      <Alert color="blue" variant="light" title="Only a team admin can manage the team" data-testid="hub-admin-refused">
        Adding agents and issuing device tokens is up to your team&apos;s admins, and your account on the hub is not
        one. Ask one of them when someone new joins or needs a token for another computer.
      </Alert>
    );
  }
  return (
    <Alert color="yellow" variant="light" title="The team could not be listed">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{describeError(load.error).message}</Text>
        <Button size="xs" variant="default" onClick={onRetry}>
          Try again
        </Button>
      </Stack>
    </Alert>
  );
}

/**
 * Team administration on the hub, with this workstation's token: the team's agents, adding one, and issuing
 * the device token their workstation connects with. The hub decides who may; this section shows its answer.
 */
export function HubAdminSection({ status }: { status: SyncStatus }) {
  const { load, reload } = useHubAccounts();
  const [adding, setAdding] = useState(false);
  // Kept apart from `issueOpen` so the dialog keeps its content while it fades out.
  const [issuing, setIssuing] = useState<HubAccount | null>(null);
  const [issueOpen, setIssueOpen] = useState(false);
  const [issueRound, setIssueRound] = useState(0);
  const issueFor = (account: HubAccount) => {
    setIssuing(account);
    setIssueRound((n) => n + 1);
    setIssueOpen(true);
  };

  // A hub that was away answers once it is back; a refusal for the role stays a refusal.
  const online = status.state === 'online';
  const retryable = load.kind === 'failed' && (load.error.code !== 'forbidden' || status.state === 'error');
  useEffect(() => {
    if (online && retryable) reload();
  }, [online, retryable, reload]);

  return (
    <section aria-labelledby="hub-admin-heading">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <Stack gap={4}>
            <Title order={2} size="h4" id="hub-admin-heading">
              Team administration
            </Title>
            <Text size="sm" c="dimmed">
              The agents of {status.team ?? 'your team'} on the hub, and the device tokens their workstations connect
              with.
            </Text>
          </Stack>
          {load.kind === 'ready' ? <Button onClick={() => setAdding(true)}>Add agent to the team</Button> : null}
        </Group>
        {load.kind === 'loading' ? (
          <Text size="sm" c="dimmed">
            Asking the hub for the team…
          </Text>
        ) : null}
        {load.kind === 'failed' ? (
          <Refusal load={load} tokenRefused={status.state === 'error'} onRetry={reload} />
        ) : null}
        {load.kind === 'ready' ? <AccountsTable accounts={load.value} onIssue={issueFor} /> : null}
      </Stack>
      <AddHubAgentDialog
        opened={adding}
        team={status.team}
        onClose={() => setAdding(false)}
        onAdded={() => {
          setAdding(false);
          reload();
        }}
      />
      <IssueTokenDialog
        key={issueRound}
        opened={issueOpen}
        account={issuing}
        hubUrl={status.hubUrl}
        onClose={() => setIssueOpen(false)}
        onClosed={() => !issueOpen && setIssuing(null)}
      />
    </section>
  );
}
