import { Button, FileButton, Group, Text } from '@mantine/core';
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { IncidentDetail } from '#shared/domain/incident.ts';
import { attachFiles } from '../api/incident-files.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import { useFileDropTarget } from '../common/drag-files.ts';
import { INCIDENT_FILE_LIMIT_TEXT, incidentFilesProblem } from '../common/incident-file-checks.ts';
import classes from './incident.module.css';
import fileClasses from '../common/files.module.css';

export interface FileAttaching {
  attach(files: readonly File[]): Promise<void>;
  readonly busy: boolean;
}

/** Adds files to the incident (checked here first, then by the desk) and shows the incident as it now stands. */
export function useAttachFiles(incidentId: string, adopt: (detail: IncidentDetail) => void): FileAttaching {
  const toasts = useToasts();
  const [busy, setBusy] = useState(false);
  const attach = async (files: readonly File[]) => {
    if (!files.length) return;
    const problem = incidentFilesProblem(files);
    if (problem) return toasts.show({ kind: 'error', title: 'Not added', message: problem });
    setBusy(true);
    const added = await attachFiles(incidentId, files);
    setBusy(false);
    if (added.ok) adopt(added.value);
    else toasts.showError(added.error);
  };
  return { attach, busy };
}

/** "Attach files": the computer's file chooser, with the limits said beside it. */
export function AttachFilesButton({ attaching, disabled }: { attaching: FileAttaching; disabled?: boolean }) {
  return (
    <Group gap="xs">
      <FileButton multiple onChange={(files) => void attaching.attach(files)} disabled={disabled || attaching.busy}>
        {(props) => (
          <Button {...props} variant="default" loading={attaching.busy} disabled={disabled}>
            Attach files
          </Button>
        )}
      </FileButton>
      <Text size="xs" c="dimmed">
        {`${INCIDENT_FILE_LIMIT_TEXT}, or drop them on the incident`}
      </Text>
    </Group>
  );
}

/** The incident as a place to drop files on; while files are dragged over it, it says what a drop will do. */
export function IncidentFileDrop({
  attaching,
  disabled,
  className,
  children,
}: {
  attaching: FileAttaching;
  disabled: boolean;
  className?: string;
  children: ReactNode;
}) {
  const target = useFileDropTarget((files) => void attaching.attach(files), disabled);
  return (
    <div
      className={`${className ?? ''} ${target.dragging ? fileClasses.dropping : ''}`}
      data-testid="incident-drop-zone"
      {...target.handlers}
    >
      {target.dragging ? (
        <Text className={classes.dropHint} role="status">
          Drop to add the files to this incident
        </Text>
      ) : null}
      {children}
    </div>
  );
}
