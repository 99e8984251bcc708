import { Button, Checkbox, Group, Select, Stack, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { NOTIFICATION_EVENT_LABELS, NOTIFICATION_EVENTS } from '#shared/domain/notifications.ts';
import type { NotificationPreferences } from '#shared/domain/notifications.ts';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '#shared/domain/notifications.ts';
import { toPriority } from '../common/select-options.ts';
import { useNotificationPreferences } from '../api/use-notification-preferences.ts';
import { PRIORITY_FLOOR_OPTIONS, samePreferences, withEventChoice } from './notification-choices.ts';

/**
 * What the desk tells the signed-in agent of, per event and from which priority. Every agent sets their own
 * (they follow the agent to every workstation through the hub); nobody sets them for someone else.
 */
export function NotificationsTab() {
  const { preferences, save, setDesktop } = useNotificationPreferences();
  const [draft, setDraft] = useState<NotificationPreferences | null>(null);
  if (!preferences) return <Text c="dimmed">Loading your notification settings…</Text>;
  const shown = draft ?? preferences;
  const changed = draft !== null && !samePreferences(draft, preferences);
  const atDefaults = samePreferences(
    { ...shown, desktop: preferences.desktop },
    {
      ...DEFAULT_NOTIFICATION_PREFERENCES,
      desktop: preferences.desktop,
    },
  );

  const saveChoices = async () => {
    // The desktop switch saves at once (the browser may ask first); the events keep the latest desktop choice.
    const saved = await save({ ...shown, desktop: preferences.desktop }, { success: 'Notification settings saved' });
    if (saved) setDraft(null);
  };

  return (
    <Stack maw={820}>
      <Text size="sm" c="dimmed">
        Choose what the desk tells you of, in the bell and on your desktop. These settings are yours alone and follow
        you to every workstation. By default, minor incidents (priority 4 and 5) are logged without telling anyone.
      </Text>
      <Switch
        label="Show desktop notifications"
        description="Besides the bell, a notification on your desktop for each new one. Your browser may ask first."
        checked={preferences.desktop}
        onChange={(event) => void setDesktop(event.currentTarget.checked)}
      />
      <Table withTableBorder aria-label="What you are told of">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Tell me</Table.Th>
            <Table.Th>For incidents of</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {NOTIFICATION_EVENTS.map((event) => {
            const label = NOTIFICATION_EVENT_LABELS[event];
            const choice = shown.events[event];
            return (
              <Table.Tr key={event}>
                <Table.Th scope="row" fw={500}>
                  {label}
                </Table.Th>
                <Table.Td>
                  <Checkbox
                    aria-label={`Tell me: ${label}`}
                    checked={choice.enabled}
                    onChange={(e) => setDraft(withEventChoice(shown, event, { enabled: e.currentTarget.checked }))}
                  />
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`Priorities to tell me of: ${label}`}
                    data={PRIORITY_FLOOR_OPTIONS}
                    value={String(choice.upToPriority)}
                    allowDeselect={false}
                    disabled={!choice.enabled}
                    onChange={(value) => {
                      const upToPriority = toPriority(value);
                      if (upToPriority) setDraft(withEventChoice(shown, event, { upToPriority }));
                    }}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed">
        By mail: the desk mails you only where an automation or escalation rule with a mail template sends to you.
        Supervisors set those rules under Automation.
      </Text>
      <Group>
        <Button onClick={() => void saveChoices()} disabled={!changed}>
          Save notification settings
        </Button>
        {changed ? (
          <Button variant="default" onClick={() => setDraft(null)}>
            Discard changes
          </Button>
        ) : null}
        <Button
          variant="subtle"
          disabled={atDefaults}
          onClick={() => setDraft({ ...DEFAULT_NOTIFICATION_PREFERENCES, desktop: preferences.desktop })}
        >
          Back to the defaults
        </Button>
      </Group>
    </Stack>
  );
}
