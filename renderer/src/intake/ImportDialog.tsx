import { Button, Group, List, Modal, Progress, Stack, Text } from '@mantine/core';
import { formatFileSize } from '../common/file-size.ts';
import { useEmailImport } from './email-import-context.tsx';
import type { ImportRun } from './email-import-context.tsx';
import { describeImport } from './import-summary.ts';

function RunningImport({ run }: { run: ImportRun }) {
  const file = run.files[run.fileIndex];
  if (!file) return null;
  const sent = file.size ? Math.round((run.uploaded / file.size) * 100) : 100;
  const position = run.files.length > 1 ? ` (file ${run.fileIndex + 1} of ${run.files.length})` : '';
  const read = run.summary.messages;
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {run.phase === 'uploading' ? `Reading ${file.name}${position}` : `Importing ${file.name}${position}`}
      </Text>
      {run.phase === 'uploading' ? <Progress value={sent} aria-label={`${file.name}: ${sent}% read`} /> : null}
      <Text size="sm" c="dimmed" aria-live="polite" data-testid="import-progress">
        {run.phase === 'uploading'
          ? `${formatFileSize(run.uploaded)} of ${formatFileSize(file.size)}`
          : `${read.toLocaleString()} ${read === 1 ? 'message' : 'messages'} so far`}
      </Text>
    </Stack>
  );
}

function FinishedImport({ run }: { run: ImportRun }) {
  const words = describeImport(run.summary);
  return (
    <Stack gap="xs" data-testid="import-summary">
      <Text fw={600}>{words.headline}</Text>
      {words.outcomes.length ? (
        <List size="sm" aria-label="What happened">
          {words.outcomes.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      ) : null}
      {words.failures.length ? (
        <>
          <Text size="sm" fw={500} mt="xs">
            Why some could not be imported:
          </Text>
          <List size="sm" aria-label="What failed">
            {words.failures.slice(0, 20).map((failure, index) => (
              <List.Item key={`${failure.source}-${index}`}>{`${failure.source}: ${failure.reason}`}</List.Item>
            ))}
          </List>
          {words.failures.length > 20 ? (
            <Text size="xs" c="dimmed">{`…and ${words.failures.length - 20} more.`}</Text>
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}

/**
 * How an email import is going, then what it did, in words (with a way to the inbox, unless it is on screen). Closing it while it runs lets the import go on;
 * a notification says when it has finished.
 */
export function ImportDialog({ onOpenInbox }: { onOpenInbox: (() => void) | null }) {
  const { run, close } = useEmailImport();
  const done = run?.phase === 'done';
  return (
    <Modal opened={run !== null && !run.hidden} onClose={close} title="Import email">
      {run ? (
        <Stack gap="md">
          {done ? <FinishedImport run={run} /> : <RunningImport run={run} />}
          <Group justify="flex-end">
            {done ? (
              <>
                {onOpenInbox ? (
                  <Button
                    variant="default"
                    onClick={() => {
                      close();
                      onOpenInbox();
                    }}
                  >
                    Open the inbox
                  </Button>
                ) : null}
                <Button onClick={close} data-autofocus>
                  Done
                </Button>
              </>
            ) : (
              <Button variant="default" onClick={close}>
                Continue in the background
              </Button>
            )}
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
