import { Anchor, Badge, Group, Text, Title } from '@mantine/core';
import type { TimelineEvent } from '#shared/domain/incident.ts';
import { ChannelBadge } from '../common/ChannelBadge.tsx';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { useNameLookup } from '../common/use-name-lookup.ts';
import { routeHash } from '../navigation/route.ts';
import classes from './incident.module.css';
import { describeTimeline } from './timeline-entries.ts';
import { TimelineFiles } from './TimelineFiles.tsx';
import type { TimelineEntryView } from './timeline-entries.ts';

const ENTRY_CLASSES: Record<TimelineEntryView['kind'], string | undefined> = {
  created: classes.entry,
  changed: classes.entry,
  note: classes.note,
  message: classes.message,
  reply: classes.message,
  notice: classes.message,
  attachment: classes.entry,
};

const DELIVERY_COLOURS: Record<string, string> = { sent: 'green', failed: 'red', queued: 'gray', sending: 'blue' };

function Entry({ entry, incidentId }: { entry: TimelineEntryView; incidentId: string }) {
  return (
    <li className={ENTRY_CLASSES[entry.kind]} data-testid="timeline-entry">
      <Group gap={6} wrap="nowrap" justify="space-between">
        <Text size="sm">
          <Text span fw={600} inherit>
            {entry.actor}
          </Text>{' '}
          {entry.headline}
        </Text>
        {/* The badges keep their width: a long headline wraps rather than squeezing "Sent" to "S…". */}
        <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
          {entry.message?.channel ? <ChannelBadge channel={entry.message.channel} /> : null}
          {entry.message?.automatic ? (
            <Badge size="xs" color="gray" variant="light" tt="none">
              {entry.message.automatic}
            </Badge>
          ) : null}
          {entry.delivery ? (
            <Badge
              size="xs"
              color={DELIVERY_COLOURS[entry.delivery.state] ?? 'gray'}
              variant="light"
              tt="none"
              data-testid="delivery-state"
            >
              {entry.delivery.label}
            </Badge>
          ) : null}
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
      {entry.files.length ? <TimelineFiles incidentId={incidentId} files={entry.files} /> : null}
      {entry.delivery?.error ? (
        <Text size="sm" c={entry.delivery.state === 'failed' ? 'red' : 'dimmed'} mt={4}>
          {entry.delivery.error}
        </Text>
      ) : null}
      {entry.message ? (
        <Text size="sm" mt={4}>
          <Anchor
            href={routeHash({ screen: 'message', id: entry.message.id })}
            inherit
            aria-label={`${entry.message.openLabel}${entry.message.subject ? ` “${entry.message.subject}”` : ''}`}
          >
            {entry.message.openLabel}
          </Anchor>
        </Text>
      ) : null}
    </li>
  );
}

/** Everything that happened to the incident, oldest first, each change as "field: old → new". */
export function Timeline({ incidentId, events }: { incidentId: string; events: readonly TimelineEvent[] }) {
  const names = useNameLookup();
  const entries = describeTimeline(events, names);
  return (
    <section aria-labelledby="timeline-heading">
      <Title order={2} size="h5" mb="xs" id="timeline-heading">
        Timeline
      </Title>
      <ol className={classes.timeline} aria-label="Timeline">
        {entries.map((entry) => (
          <Entry key={entry.id} entry={entry} incidentId={incidentId} />
        ))}
      </ol>
    </section>
  );
}
