import { ActionIcon, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { formatFileSize } from '../common/file-size.ts';
import { attachmentProblem } from './reply-attachments.ts';

interface ReplyAttachmentsProps {
  readonly files: readonly File[];
  onChange(files: File[]): void;
  readonly disabled: boolean;
}

/** The files going with a reply: add from the computer, see each one's size, take one off again. */
export function ReplyAttachments({ files, onChange, disabled }: ReplyAttachmentsProps) {
  const problem = attachmentProblem(files);
  return (
    <Stack gap={4}>
      {files.map((file, index) => (
        <Group key={`${file.name}-${index}`} gap="xs" wrap="nowrap">
          <Text size="sm" truncate>
            {file.name}
          </Text>
          <Text size="xs" c="dimmed">
            {formatFileSize(file.size)}
          </Text>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            aria-label={`Remove ${file.name}`}
            onClick={() => onChange(files.filter((_, i) => i !== index))}
          >
            ✕
          </ActionIcon>
        </Group>
      ))}
      {problem ? (
        <Text size="xs" c="red" role="alert">
          {problem}
        </Text>
      ) : null}
      <Group>
        <FileButton multiple onChange={(added) => onChange([...files, ...added])} disabled={disabled}>
          {(props) => (
            <Button {...props} variant="subtle" size="compact-sm" disabled={disabled}>
              Attach files
            </Button>
          )}
        </FileButton>
      </Group>
    </Stack>
  );
}
