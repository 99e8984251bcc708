import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Switch,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useState } from 'react';
import { NOTIFICATION_EVENT_LABELS } from '#shared/domain/notifications.ts';
import type { Notification } from '#shared/domain/notifications.ts';
import { notificationSubject, useNotifications } from '../api/use-notifications.ts';

interface NotificationBellProps {
  onOpenIncident(id: string): void;
  /** Settings → Notifications: what the agent is told of. */
  onOpenSettings(): void;
}

function BellGlyph() {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

const time = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

function NotificationItem({ notification, onOpen }: { notification: Notification; onOpen(): void }) {
  const unread = notification.readAt === null;
  return (
    <UnstyledButton onClick={onOpen} p="xs" style={{ borderRadius: 4 }} data-unread={unread || undefined}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Stack gap={0} style={{ flex: 1 }}>
          <Text size="sm" fw={unread ? 700 : 400}>
            {NOTIFICATION_EVENT_LABELS[notification.event]}: {notificationSubject(notification)}
          </Text>
          <Text size="xs" c="dimmed">
            {notification.text} · {time(notification.createdAt)}
          </Text>
        </Stack>
        {unread ? (
          <Badge size="xs" variant="filled">
            New
          </Badge>
        ) : null}
      </Group>
    </UnstyledButton>
  );
}

/**
 * The notification centre: a bell in the header with the unread count (its accessible name says it), the
 * latest notifications, each opening its incident and marked read, and the switch for desktop notifications.
 */
export function NotificationBell({ onOpenIncident, onOpenSettings }: NotificationBellProps) {
  const [opened, setOpened] = useState(false);
  const centre = useNotifications(onOpenIncident);
  const unread = centre.list?.unread ?? 0;
  const notifications = centre.list?.notifications ?? [];
  const open = (notification: Notification) => {
    setOpened(false);
    if (notification.readAt === null) void centre.markRead([notification.id]);
    onOpenIncident(notification.incidentId);
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md" trapFocus>
      <Popover.Target>
        <Indicator label={unread} size={16} disabled={unread === 0} offset={4}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={`Notifications, ${unread} unread`}
            title="Notifications"
            aria-expanded={opened}
            onClick={() => setOpened((o) => !o)}
          >
            <BellGlyph />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown role="dialog" aria-label="Notifications">
        <Group justify="space-between" mb="xs">
          <Text fw={600}>Notifications</Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={unread === 0}
            onClick={() => void centre.markRead('all')}
          >
            Mark all read
          </Button>
        </Group>
        <ScrollArea.Autosize mah={360}>
          {notifications.length ? (
            <Stack gap={2} role="list" aria-label="Latest notifications">
              {notifications.map((notification) => (
                <div role="listitem" key={notification.id}>
                  <NotificationItem notification={notification} onOpen={() => open(notification)} />
                </div>
              ))}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              Nothing new. You are told here when something needs you.
            </Text>
          )}
        </ScrollArea.Autosize>
        <Group justify="space-between" mt="sm" wrap="nowrap">
          <Switch
            label="Desktop notifications"
            checked={centre.preferences?.desktop ?? false}
            disabled={!centre.preferences}
            onChange={(event) => void centre.setDesktop(event.currentTarget.checked)}
          />
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => {
              setOpened(false);
              onOpenSettings();
            }}
          >
            Notification settings
          </Button>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
