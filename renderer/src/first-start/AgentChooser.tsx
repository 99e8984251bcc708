import { Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { agentRole } from '#shared/domain/enums.ts';
import type { Agent } from '#shared/domain/reference.ts';
import { useSession } from '../api/session-context.tsx';
import { useAgentsToChoose } from '../api/use-agents-to-choose.ts';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { byName } from '../common/select-options.ts';
import classes from './first-start.module.css';

/** "Who are you?": the workspace's active agents; choosing one signs in as them on this workstation. */
export function AgentChooser() {
  const { adopt } = useSession();
  const run = useDeskCommand();
  const agents = byName(useAgentsToChoose());

  const signIn = async (agent: Agent) => {
    const answer = await run('session/signIn', { agentId: agent.id });
    if (answer.ok) adopt(answer.value);
  };

  return (
    <Stack gap={6} role="list" aria-label="Agents">
      {agents.map((agent) => (
        <div role="listitem" key={agent.id}>
          <UnstyledButton className={classes.agent} onClick={() => signIn(agent)}>
            <Group justify="space-between" wrap="nowrap">
              <div>
                <Text fw={500}>{agent.name}</Text>
                <Text size="xs" c="dimmed">
                  {agent.email}
                </Text>
              </div>
              <Badge variant="light" color="gray" tt="none">
                {agentRole.labels[agent.role]}
              </Badge>
            </Group>
          </UnstyledButton>
        </div>
      ))}
    </Stack>
  );
}
