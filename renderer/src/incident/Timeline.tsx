import { Badge, Group, Text, Title } from '@mantine/core';
import type { TimelineEvent } from '#shared/domain/incident.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';
import classes from './incident.module.css';
import { describeTimeline } from './timeline-entries.ts';
import type { TimelineEntryView } from './timeline-entries.ts';
import { useNameLookup } from './use-name-lookup.ts';

function Entry({ entry }: { entry: TimelineEntryView }) {
  return (
    <li className={entry.kind === 'note' ? classes.note : classes.entry} data-testid="timeline-entry">
      <Group gap={6} wrap="nowrap" justify="space-between">
        <Text size="sm">
          <Text span fw={600} inherit>
            {entry.actor}
          </Text>{' '}
          {entry.headline}
        </Text>
        <Group gap={6} wrap="nowrap">
          {entry.kind === 'note' ? (
            <Badge size="xs" color="yellow" variant="light" tt="none">
              Internal
            </Badge>
          ) : null}
          <Text size="xs" c="dimmed">
            <RelativeTime iso={entry.at} />
          </Text>
        </Group>
      </Group>
      {entry.changes.length ? (
        <ul className={classes.changes}>
          {entry.changes.map((change) => (
            <li key={change.field}>{`${change.label}: ${change.from} → ${change.to}`}</li>
          ))}
        </ul>
      ) : null}
      {entry.body ? (
        <div className={classes.body}>
          {entry.bodyLabel ? (
            <Text span size="sm" fw={500}>
              {`${entry.bodyLabel}: `}
            </Text>
          ) : null}
          {entry.body}
        </div>
      ) : null}
    </li>
  );
}

/** Everything that happened to the incident, oldest first, each change as "field: old → new". */
export function Timeline({ events }: { events: readonly TimelineEvent[] }) {
  const names = useNameLookup();
  const entries = describeTimeline(events, names);
  return (
    <section aria-labelledby="timeline-heading">
      <Title order={2} size="h5" mb="xs" id="timeline-heading">
        Timeline
      </Title>
      <ol className={classes.timeline} aria-label="Timeline">
        {entries.map((entry) => (
          <Entry key={entry.id} entry={entry} />
        ))}
      </ol>
    </section>
  );
}
