import { ActionIcon, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import type { ButtonProps } from '@mantine/core';
import { formatFileSize } from './file-size.ts';
import classes from './files.module.css';

interface ChosenFilesProps {
  readonly files: readonly File[];
  onChange(files: File[]): void;
  readonly disabled: boolean;
  /** Why these files cannot go, said under them; null when they can. */
  readonly problem: string | null;
  /** The list's accessible name ("Files to add"). */
  readonly label: string;
  /** Said beside "Attach files": the limits, and where else files may come from. */
  readonly hint?: string;
  readonly buttonVariant?: ButtonProps['variant'];
}

/** Files going with something not yet sent (a new incident, a reply): chosen, each with its size, each to take off. */
export function ChosenFiles(props: ChosenFilesProps) {
  const { files, onChange, disabled, problem } = props;
  return (
    <Stack gap={4}>
      {files.length ? (
        <ul className={classes.files} aria-label={props.label}>
          {files.map((file, index) => (
            <li key={`${file.name}-${index}`}>
              <Group gap="xs" wrap="nowrap">
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
            </li>
          ))}
        </ul>
      ) : null}
      {problem ? (
        <Text size="xs" c="red" role="alert">
          {problem}
        </Text>
      ) : null}
      <Group gap="xs">
        <FileButton multiple onChange={(added) => onChange([...files, ...added])} disabled={disabled}>
          {(buttonProps) => (
            <Button {...buttonProps} variant={props.buttonVariant ?? 'default'} size="compact-sm" disabled={disabled}>
              Attach files
            </Button>
          )}
        </FileButton>
        {props.hint ? (
          <Text size="xs" c="dimmed">
            {props.hint}
          </Text>
        ) : null}
      </Group>
    </Stack>
  );
}
