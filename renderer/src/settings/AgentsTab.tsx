import { Badge, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import { agentRole } from '#shared/domain/enums.ts';
import type { Agent } from '#shared/domain/reference.ts';
import { useReference } from '../api/reference-context.tsx';
import { byName } from '../common/select-options.ts';
import { ReasonedButton } from '../forms/ReasonedButton.tsx';
import { SupervisorNotice, useSupervisorOnly } from '../forms/SupervisorNotice.tsx';
import { AgentEditor } from './AgentEditor.tsx';
import { SettingsTable } from '../forms/SettingsTable.tsx';
import type { SettingsColumn } from '../forms/SettingsTable.tsx';

export function AgentsTab() {
  const reference = useReference();
  const [editing, setEditing] = useState<Agent | 'new' | null>(null);
  const cannotAdd = useSupervisorOnly('add agents');
  const cannotEdit = useSupervisorOnly('change an agent');
  const columns: SettingsColumn<Agent>[] = [
    { label: 'Name', render: (agent) => agent.name },
    { label: 'Email', render: (agent) => agent.email },
    { label: 'Role', render: (agent) => agentRole.labels[agent.role] },
    {
      label: 'Groups',
      render: (agent) =>
        agent.groupIds.map((id) => reference.groupsById.get(id)?.name ?? 'Unknown group').join(', ') || '—',
    },
    {
      label: 'Status',
      render: (agent) => (
        <Badge color={agent.active ? 'teal' : 'gray'} variant="light" tt="none">
          {agent.active ? 'Active' : 'Inactive'}
        </Badge>
      ),
    },
  ];
  return (
    <Stack>
      <SupervisorNotice what="the team's agents" />
      <Group justify="flex-end">
        <ReasonedButton reason={cannotAdd} onClick={() => setEditing('new')}>
          Add agent
        </ReasonedButton>
      </Group>
      <SettingsTable<Agent>
        caption="Agents"
        items={byName(reference.agents)}
        columns={columns}
        itemName={(agent) => agent.name}
        onEdit={setEditing}
        access={cannotEdit ? { kind: 'locked', why: cannotEdit } : undefined}
        empty="No agents yet."
      />
      <AgentEditor agent={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}
