import { ActionIcon, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { DragEvent, ReactNode } from 'react';
import { formatFileSize } from '../common/file-size.ts';
import { carriesFiles, droppedFiles } from '../common/drag-files.ts';
import { INCIDENT_FILE_LIMIT_TEXT, incidentFilesProblem } from '../common/incident-file-checks.ts';
import classes from '../common/files.module.css';

interface NewIncidentFilesProps {
  readonly files: readonly File[];
  onChange(files: File[]): void;
  readonly disabled: boolean;
}

/** The files going with a new incident: chosen or dropped, each with its size, each to take off again. */
export function NewIncidentFiles({ files, onChange, disabled }: NewIncidentFilesProps) {
  const problem = incidentFilesProblem(files);
  return (
    <Stack gap={4}>
      {files.length ? (
        <ul className={classes.files} aria-label="Files to add">
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
          {(props) => (
            <Button {...props} variant="default" size="compact-sm" disabled={disabled}>
              Attach files
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          {`${INCIDENT_FILE_LIMIT_TEXT}, or drop them here`}
        </Text>
      </Group>
    </Stack>
  );
}

/** The dialog as a place to drop files on: they join the list, to go with the incident when it is created. */
export function NewIncidentFileDrop({
  onDropFiles,
  children,
}: {
  onDropFiles(files: File[]): void;
  children: ReactNode;
}) {
  const [dragging, setDragging] = useState(false);
  const over = (event: DragEvent) => {
    if (!carriesFiles(event.dataTransfer)) return;
    // Files dropped here are for this incident, not the window's email import (intake/FileDropZone.tsx).
    event.stopPropagation();
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  return (
    <div
      className={dragging ? classes.dropping : undefined}
      data-testid="new-incident-drop-zone"
      onDragEnter={over}
      onDragOver={over}
      onDragLeave={(event) => {
        if (carriesFiles(event.dataTransfer)) event.stopPropagation();
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        setDragging(false);
        const files = droppedFiles(event.dataTransfer);
        if (!files.length) return;
        event.stopPropagation();
        event.preventDefault();
        onDropFiles(files);
      }}
    >
      {children}
    </div>
  );
}
