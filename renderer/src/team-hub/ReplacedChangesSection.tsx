import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { PROVISIONAL_NUMBER_HINT } from '#shared/domain/incident.ts';
import { useRecentOverwrites } from '../api/use-overwrites.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { useNameLookup } from '../common/use-name-lookup.ts';
import { routeHash } from '../navigation/route.ts';
import { describeOverwrite } from '../sync/overwrite-notices.ts';
import classes from './team-hub.module.css';

/** The latest values of this agent's that a later change from a teammate replaced, newest first. */
export function ReplacedChangesSection() {
  const recent = useRecentOverwrites();
  const names = useNameLookup();
  const lookup = { ...names, incident: (id: string) => recent?.incidents.get(id) };
  const views = recent?.notices.map((notice) => describeOverwrite(notice, lookup)) ?? [];
  return (
    <section aria-labelledby="replaced-changes-heading">
      <Stack gap="sm">
        <Stack gap={4}>
          <Title order={2} size="h4" id="replaced-changes-heading">
            Your changes replaced by your team
          </Title>
          <Text size="sm" c="dimmed">
            When two people change the same thing, the later change wins. These are the values of yours that a later
            change replaced, so you can check them and set them again if need be.
          </Text>
        </Stack>
        {recent === null ? null : views.length === 0 ? (
          <Text size="sm" c="dimmed">
            None so far.
          </Text>
        ) : (
          <ol className={classes.notices} aria-label="Replaced changes">
            {views.map((view) => (
              <li key={view.key} className={classes.notice}>
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
                  <Stack gap={2} miw={0}>
                    <Text size="sm">{view.sentence}</Text>
                    {view.yours ? (
                      <Text size="xs" c="dimmed">
                        You had set {view.yours}.
                      </Text>
                    ) : null}
                  </Stack>
                  <Stack gap={2} align="flex-end" style={{ flexShrink: 0 }}>
                    {view.incident ? (
                      <Anchor
                        size="sm"
                        href={routeHash({ screen: 'incident', id: view.incident.id })}
                        title={view.incident.provisional ? PROVISIONAL_NUMBER_HINT : undefined}
                        aria-description={view.incident.provisional ? PROVISIONAL_NUMBER_HINT : undefined}
                      >
                        Open {view.incident.label}
                      </Anchor>
                    ) : null}
                    <Text size="xs" c="dimmed">
                      <RelativeTime iso={view.at} />
                    </Text>
                  </Stack>
                </Group>
              </li>
            ))}
          </ol>
        )}
      </Stack>
    </section>
  );
}
