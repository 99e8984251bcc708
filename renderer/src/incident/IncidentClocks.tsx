import { Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useIncidentSla } from '../api/use-incident-sla.ts';
import { useNow } from '../common/now-context.tsx';
import { Tag } from '../common/Tag.tsx';
import { slaClockRows } from './sla-clock-rows.ts';

const STATE_COLOURS = { running: 'teal', paused: 'gray', met: 'gray', breached: 'red', stopped: 'gray' } as const;

/** The incident's SLA clocks and the policy that applies, with why it matched; elapsed time follows the clock. */
export function IncidentClocks({ incidentId }: { incidentId: string }) {
  const { load, reload } = useIncidentSla(incidentId);
  const now = useNow();
  const shownAt = useRef(now);
  // The desk evaluates business time; asking again as the screen's clock ticks keeps elapsed and state current.
  useEffect(() => {
    if (now !== shownAt.current) reload();
  }, [now, reload]);
  if (load.kind !== 'ready') return null;
  const sla = load.value;
  const rows = slaClockRows(sla);
  return (
    <section aria-labelledby="sla-clocks-title">
      <Title order={4} size="sm" id="sla-clocks-title" mb={4}>
        Service level
      </Title>
      {sla.policy ? (
        <Text size="xs" mb="xs">
          <Text span fw={500} size="xs">
            {sla.policy.name}
          </Text>{' '}
          <Text span c="dimmed" size="xs">
            {sla.policy.reason}
            {sla.calendar ? `. Calendar: ${sla.calendar.name}, ${sla.calendar.timeZone}.` : ''}
          </Text>
        </Text>
      ) : (
        <Text size="xs" c="dimmed">
          No service level applies.
        </Text>
      )}
      <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {rows.map((row) => (
          <li key={row.key} aria-label={`${row.label}: ${row.stateLabel}`}>
            <Group gap="xs" justify="space-between" wrap="nowrap">
              <Text size="xs" fw={500}>
                {row.label}
              </Text>
              <Tag color={STATE_COLOURS[row.state]} filled={row.state === 'breached'}>
                {row.stateLabel}
              </Tag>
            </Group>
            <Text size="xs" c="dimmed">
              Target {row.target} · elapsed {row.elapsed}
            </Text>
            {row.dueHere ? (
              <Text size="xs">
                Due {row.dueHere}
                {row.dueThere ? `, ${row.dueThere} in the calendar's time zone` : ''}
              </Text>
            ) : null}
          </li>
        ))}
      </Stack>
    </section>
  );
}
