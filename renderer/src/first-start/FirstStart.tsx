import { Button, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Session } from '#shared/contract.ts';
import { useSession } from '../api/session-context.tsx';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { AgentChooser } from './AgentChooser.tsx';
import classes from './first-start.module.css';
import { RegisterForm } from './RegisterForm.tsx';
import { ConnectHubForm } from '../team-hub/ConnectHubForm.tsx';

function EmptyWorkspace() {
  const { adopt, reload } = useSession();
  const run = useDeskCommand();
  const [creating, setCreating] = useState(false);

  const createDemo = async () => {
    setCreating(true);
    const answer = await run('workspace/createDemo', {});
    setCreating(false);
    if (answer.ok) adopt(answer.value);
  };

  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
      <Paper withBorder p="lg" radius="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Try it with demo data
          </Title>
          <Text size="sm" c="dimmed">
            A team with agents, groups, contacts and three months of incidents. You are signed in as its supervisor.
          </Text>
          <Button onClick={createDemo} disabled={creating}>
            {creating ? 'Creating the demo workspace…' : 'Create demo workspace'}
          </Button>
        </Stack>
      </Paper>
      <Paper withBorder p="lg" radius="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Start an empty workspace
          </Title>
          <Text size="sm" c="dimmed">
            Register yourself; as the first agent you are the supervisor and can add your team in Settings.
          </Text>
          <RegisterForm submitLabel="Start an empty workspace" />
        </Stack>
      </Paper>
      <Paper withBorder p="lg" radius="md" className={classes.wide}>
        <ConnectHubForm onConnected={reload} />
      </Paper>
    </SimpleGrid>
  );
}

function KnownWorkspace() {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
      <Paper withBorder p="lg" radius="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Who are you?
          </Title>
          <div className={classes.scroll}>
            <AgentChooser />
          </div>
        </Stack>
      </Paper>
      <Paper withBorder p="lg" radius="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            New to this team?
          </Title>
          <RegisterForm submitLabel="Register and sign in" />
        </Stack>
      </Paper>
    </SimpleGrid>
  );
}

/** Shown while nobody is signed in on this workstation. */
export function FirstStart({ session }: { session: Session }) {
  const empty = session.workspace.agents === 0 && session.workspace.incidents === 0;
  return (
    <div className={classes.page}>
      <Stack maw={880} w="100%" gap="lg">
        <div>
          <Title order={1}>Incident Desk</Title>
          <Text c="dimmed">
            {empty ? 'This workspace is empty. How would you like to start?' : 'Choose who you are to start work.'}
          </Text>
        </div>
        {empty ? <EmptyWorkspace /> : <KnownWorkspace />}
      </Stack>
    </div>
  );
}
