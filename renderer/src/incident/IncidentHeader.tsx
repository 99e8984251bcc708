import { Button, Group, Text, Title } from '@mantine/core';
import type { Incident } from '#shared/domain/incident.ts';
import { IncidentNumber } from '../common/IncidentNumber.tsx';
import { PriorityBadge } from '../common/PriorityBadge.tsx';
import { StatusBadge } from '../common/StatusBadge.tsx';

export function IncidentHeader({ incident, onBack }: { incident: Incident; onBack: () => void }) {
  return (
    <Group gap="sm" wrap="nowrap" align="center">
      <Button
        variant="subtle"
        size="xs"
        onClick={onBack}
        aria-keyshortcuts="Escape"
        // A long subject wraps beside it; the way back keeps its words.
        style={{ flexShrink: 0 }}
        title="Back to the queue (Esc)"
      >
        <span aria-hidden="true">←&nbsp;</span>Back to queue
      </Button>
      <Text c="dimmed" fw={500} data-testid="incident-number">
        <IncidentNumber number={incident.number} provisionalNumber={incident.provisionalNumber} />
      </Text>
      <Title order={1} size="h3" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        {incident.title}
      </Title>
      <span data-testid="incident-status">
        <StatusBadge status={incident.status} size="md" />
      </span>
      <PriorityBadge priority={incident.priority} size="md" />
    </Group>
  );
}
