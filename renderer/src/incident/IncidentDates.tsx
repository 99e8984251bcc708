import { SimpleGrid, Text } from '@mantine/core';
import { resolutionCode } from '#shared/domain/enums.ts';
import type { Incident } from '#shared/domain/incident.ts';
import { formatFullTime } from '../common/time-format.ts';

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xs">{value}</Text>
    </>
  );
}

/** When the incident was reported, first worked, resolved and closed, and how it was resolved. */
export function IncidentDates({ incident }: { incident: Incident }) {
  const at = (iso: string | null) => (iso ? formatFullTime(iso) : '—');
  return (
    <SimpleGrid cols={2} spacing={4} verticalSpacing={2} style={{ gridTemplateColumns: 'auto 1fr' }}>
      <Fact label="Reported" value={at(incident.reportedAt)} />
      <Fact label="Acknowledged" value={at(incident.acknowledgedAt)} />
      <Fact label="Resolved" value={at(incident.resolvedAt)} />
      <Fact label="Closed" value={at(incident.closedAt)} />
      {incident.resolutionCode ? (
        <Fact label="Resolution" value={resolutionCode.labels[incident.resolutionCode]} />
      ) : null}
    </SimpleGrid>
  );
}
