import { Alert, Badge, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { MAILBOX_MODE_LABELS } from '#shared/domain/mailbox.ts';
import type { MailboxView } from '#shared/domain/mailbox.ts';
import { useSignedInAgent } from '../api/session-context.tsx';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { useMailboxes } from '../api/use-mailboxes.ts';
import { formatFileSize } from '../common/file-size.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { formatFullTime } from '../common/time-format.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import { SupervisorNotice } from '../forms/SupervisorNotice.tsx';
import { ReasonedButton } from '../forms/ReasonedButton.tsx';
import { describeMailboxHealth } from './mailbox-health.ts';
import type { HealthTone } from './mailbox-health.ts';
import { MailboxEditor } from './MailboxEditor.tsx';
import classes from './mailboxes.module.css';

const TONE_COLOURS: Record<HealthTone, string> = { ok: 'teal', failing: 'red', waiting: 'blue', off: 'gray' };

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function serverLine(mailbox: MailboxView): string {
  return `${mailbox.username} on ${mailbox.host}:${mailbox.port} (${mailbox.tls ? 'TLS' : 'STARTTLS'}), folder ${mailbox.folder}`;
}

function fetchLine(mailbox: MailboxView): string {
  const how = mailbox.mode === 'idle' ? MAILBOX_MODE_LABELS.idle : `Checked every ${mailbox.pollSeconds} seconds`;
  return `${how}; messages over ${formatFileSize(mailbox.maxMessageBytes)} wait on the server`;
}

interface MailboxCardProps {
  readonly mailbox: MailboxView;
  readonly canEdit: boolean;
  onEdit(): void;
  onDelete(): void;
  onChecked(view: MailboxView): void;
}

function MailboxCard({ mailbox, canEdit, onEdit, onDelete, onChecked }: MailboxCardProps) {
  const run = useDeskCommand();
  const toasts = useToasts();
  const [checking, setChecking] = useState(false);
  const health = describeMailboxHealth(mailbox);
  const headingId = `mailbox-${mailbox.id}`;

  const checkNow = async () => {
    if (checking) return;
    setChecking(true);
    const answer = await run('mailbox/syncNow', { id: mailbox.id });
    setChecking(false);
    if (!answer.ok) return;
    onChecked(answer.value.mailbox);
    if (answer.value.kind !== 'checked')
      toasts.show({ kind: 'info', title: mailbox.name, message: answer.value.message });
  };

  return (
    <Paper withBorder p="md" radius="sm" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2} miw={0}>
            <Group gap="xs">
              <Title order={3} size="h5" id={headingId}>
                {mailbox.name}
              </Title>
              <Badge color={TONE_COLOURS[health.tone]} variant="light" tt="none" data-testid="mailbox-status">
                {health.status}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed" className={classes.wrap}>
              {serverLine(mailbox)}
            </Text>
            <Text size="sm" c="dimmed">
              {fetchLine(mailbox)}
            </Text>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            <Button
              size="xs"
              variant="default"
              onClick={() => void checkNow()}
              aria-disabled={checking || !mailbox.enabled}
              aria-label={`Check ${mailbox.name} now`}
            >
              {checking ? 'Checking…' : 'Check now'}
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={onEdit}
              disabled={!canEdit}
              aria-label={`Edit ${mailbox.name}`}
            >
              Edit
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={onDelete}
              disabled={!canEdit}
              aria-label={`Delete ${mailbox.name}`}
            >
              Delete
            </Button>
          </Group>
        </Group>
        <dl className={classes.facts}>
          <Fact label="Who reads it">{health.reader}</Fact>
          <Fact label="Last successful fetch">
            {mailbox.health.lastSuccessAt ? (
              <>
                <RelativeTime iso={mailbox.health.lastSuccessAt} />
                {` (${formatFullTime(mailbox.health.lastSuccessAt)})`}
              </>
            ) : (
              'Not yet'
            )}
          </Fact>
          <Fact label="Last error">
            {mailbox.health.lastError ? (
              <Text span size="sm" c={mailbox.health.failing ? 'red.8' : undefined}>
                {mailbox.health.lastError}
                {mailbox.health.lastErrorAt ? ` (${formatFullTime(mailbox.health.lastErrorAt)})` : ''}
              </Text>
            ) : (
              'None'
            )}
          </Fact>
          <Fact label="Brought in here">
            {mailbox.health.imported === 1 ? '1 message' : `${mailbox.health.imported.toLocaleString()} messages`}
          </Fact>
        </dl>
        {mailbox.health.notices.length ? (
          <Stack gap={4}>
            {mailbox.health.notices.map((notice) => (
              <Text key={`${notice.at}-${notice.message}`} size="xs" c="dimmed">
                {`${formatFullTime(notice.at)}: ${notice.message}`}
              </Text>
            ))}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}

function DeleteMailboxDialog({ mailbox, onClose }: { mailbox: MailboxView | null; onClose: () => void }) {
  const run = useDeskCommand();
  const remove = async () => {
    if (!mailbox) return;
    const done = await run('mailbox/delete', { id: mailbox.id }, { success: `Mailbox “${mailbox.name}” deleted` });
    if (done.ok) onClose();
  };
  return (
    <Modal opened={mailbox !== null} onClose={onClose} title="Delete mailbox">
      <Stack>
        <Text size="sm">
          {`Stop reading “${mailbox?.name ?? ''}” and forget its settings and password? Mail already in the inbox stays.`}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" onClick={() => void remove()}>
            Delete mailbox
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Settings → Mailboxes: the IMAP mailboxes whose mail comes into the inbox, and how each is doing. */
export function MailboxesTab() {
  const me = useSignedInAgent();
  const { mailboxes, adopt } = useMailboxes();
  const [editing, setEditing] = useState<MailboxView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<MailboxView | null>(null);
  const canEdit = me.role === 'supervisor';
  if (!mailboxes) return null;
  return (
    <Stack>
      <SupervisorNotice what="the mailboxes" />
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          New mail in these mailboxes comes into the inbox; replies go to their incidents. Passwords stay on the
          computer they were typed on.
        </Text>
        <ReasonedButton
          reason={canEdit ? null : 'Only a supervisor can add a mailbox'}
          onClick={() => setEditing('new')}
        >
          Add mailbox
        </ReasonedButton>
      </Group>
      {mailboxes.length === 0 ? (
        <Alert color="gray" variant="light" title="No mailboxes yet">
          Add the support mailbox to bring its mail into the inbox. Until then, import .eml and .mbox files from the
          inbox, or drop them on the window.
        </Alert>
      ) : (
        mailboxes.map((mailbox) => (
          <MailboxCard
            key={mailbox.id}
            mailbox={mailbox}
            canEdit={canEdit}
            onEdit={() => setEditing(mailbox)}
            onDelete={() => setDeleting(mailbox)}
            onChecked={adopt}
          />
        ))
      )}
      <MailboxEditor
        mailbox={editing}
        onClose={() => setEditing(null)}
        onSaved={(view) => {
          adopt(view);
          setEditing(null);
        }}
      />
      <DeleteMailboxDialog mailbox={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}
