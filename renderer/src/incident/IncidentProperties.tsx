import { Button, Group, Paper, Stack, TagsInput, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { isOpenStatus } from '#shared/domain/enums.ts';
import type { Incident } from '#shared/domain/incident.ts';
import { useReference } from '../api/reference-context.tsx';
import { PriorityBadge } from '../common/PriorityBadge.tsx';
import { ContactPicker } from '../contacts/ContactPicker.tsx';
import { usePaletteActions } from '../navigation/palette-actions.tsx';
import {
  AssigneeSelect,
  CategorySelect,
  ChannelSelect,
  GroupSelect,
  LevelSelect,
  ServiceSelect,
  SubcategorySelect,
} from '../forms/IncidentFields.tsx';
import { IncidentDates } from './IncidentDates.tsx';
import { PriorityOverrideDialog } from './PriorityOverrideDialog.tsx';
import type { IncidentCommands } from './use-incident-commands.ts';

interface IncidentPropertiesProps {
  readonly incident: Incident;
  readonly commands: IncidentCommands;
  /** Closed and cancelled incidents must be reopened before they change. */
  readonly readOnly: boolean;
}

function PriorityField({ incident, commands, readOnly }: IncidentPropertiesProps) {
  const [overriding, setOverriding] = useState(false);
  const override = incident.priorityOverride;
  const removeOverride = () => void commands.update({ priorityOverride: null });
  usePaletteActions(
    readOnly
      ? []
      : [
          override
            ? {
                id: 'incident/remove-override',
                label: 'Remove priority override',
                group: 'This incident',
                run: removeOverride,
              }
            : {
                id: 'incident/override',
                label: 'Override priority…',
                group: 'This incident',
                keywords: ['priority', 'critical', 'high', 'low'],
                run: () => setOverriding(true),
              },
        ],
  );
  return (
    <div>
      <Text size="sm" fw={500} mb={4}>
        Priority
      </Text>
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <PriorityBadge priority={incident.priority} size="md" />
        {override ? (
          <Button variant="subtle" size="compact-xs" onClick={removeOverride} disabled={readOnly}>
            Remove override
          </Button>
        ) : (
          <Button variant="subtle" size="compact-xs" onClick={() => setOverriding(true)} disabled={readOnly}>
            Override priority
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {override ? `Set by hand: ${override.reason}` : 'From impact and urgency'}
      </Text>
      <PriorityOverrideDialog
        opened={overriding}
        incident={incident}
        commands={commands}
        onClose={() => setOverriding(false)}
      />
    </div>
  );
}

/** The incident's fields; each change is saved as soon as it is made and shows in the timeline. */
export function IncidentProperties({ incident, commands, readOnly }: IncidentPropertiesProps) {
  const reference = useReference();
  const category = incident.categoryId ? reference.categoriesById.get(incident.categoryId) : undefined;
  const assignable = isOpenStatus(incident.status);

  return (
    <Paper withBorder p="md" radius="sm">
      <Stack gap="sm">
        <Title order={2} size="h5">
          Properties
        </Title>
        <AssigneeSelect
          keep={incident.assigneeId}
          value={incident.assigneeId}
          onChange={(id) => commands.assign(id)}
          disabled={!assignable}
          description={assignable ? undefined : 'Reopen the incident to change who works on it.'}
        />
        <GroupSelect
          value={incident.groupId}
          onChange={(groupId) => commands.update({ groupId })}
          disabled={readOnly}
        />
        <ChannelSelect
          value={incident.channel}
          onChange={(channel) => commands.update({ channel })}
          disabled={readOnly}
        />
        <ContactPicker
          label="Reporter"
          value={incident.reporterId}
          onChange={(reporterId) => commands.update({ reporterId })}
          disabled={readOnly}
        />
        <CategorySelect
          value={incident.categoryId}
          onChange={(categoryId) => commands.update({ categoryId })}
          disabled={readOnly}
        />
        <SubcategorySelect
          category={category}
          value={incident.subcategory}
          onChange={(subcategory) => commands.update({ subcategory })}
          disabled={readOnly}
        />
        <ServiceSelect
          value={incident.serviceId}
          onChange={(serviceId) => commands.update({ serviceId })}
          disabled={readOnly}
        />
        <Group grow gap="xs">
          <LevelSelect
            label="Impact"
            value={incident.impact}
            onChange={(impact) => void commands.update({ impact })}
            disabled={readOnly}
          />
          <LevelSelect
            label="Urgency"
            value={incident.urgency}
            onChange={(urgency) => void commands.update({ urgency })}
            disabled={readOnly}
          />
        </Group>
        <PriorityField incident={incident} commands={commands} readOnly={readOnly} />
        <TagsInput
          label="Tags"
          placeholder={readOnly ? '' : 'Type a tag, then Enter'}
          value={[...incident.tags]}
          onChange={(tags) => commands.update({ tags })}
          disabled={readOnly}
          clearable
        />
        <IncidentDates incident={incident} />
      </Stack>
    </Paper>
  );
}
