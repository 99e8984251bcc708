import { Anchor, Group, Text } from '@mantine/core';
import { formatIncidentNumber } from '#shared/domain/incident.ts';
import type { Incident } from '#shared/domain/incident.ts';
import { useIncidentRefs } from '../api/use-incident-refs.ts';
import { routeHash } from '../navigation/route.ts';

/** "Follows INC-12 · Printer offline": the incidents this one carries on from (a reply after closing). */
export function RelatedIncidents({ incident }: { incident: Incident }) {
  const refs = useIncidentRefs(incident.relatedIncidentIds);
  if (!incident.relatedIncidentIds.length || !refs) return null;
  return (
    <Group gap="xs" data-testid="related-incidents">
      <Text size="sm" c="dimmed">
        Follows
      </Text>
      {incident.relatedIncidentIds.map((id) => {
        const ref = refs.get(id);
        return (
          <Anchor key={id} href={routeHash({ screen: 'incident', id })} size="sm" fw={500}>
            {ref ? `${formatIncidentNumber(ref.number, ref.provisionalNumber)} · ${ref.title}` : 'an earlier incident'}
          </Anchor>
        );
      })}
    </Group>
  );
}
