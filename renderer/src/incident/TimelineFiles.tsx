import { Button, Group, Text } from '@mantine/core';
import { isViewable } from '#shared/domain/incident-files.ts';
import type { TimelineFile } from '#shared/domain/incident-files.ts';
import { filesOpenInTabs } from '../api/desk.ts';
import { readIncidentFile } from '../api/incident-files.ts';
import { formatFileSize } from '../common/file-size.ts';
import { openBlobInTab, saveBlob } from '../common/save-blob.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import fileClasses from '../common/files.module.css';

/**
 * The files of a timeline entry, each to save, or to open in a tab of its own when it is a kind the browser
 * shows without running anything (DESIGN §8: an untrusted file is never rendered as part of the desk).
 */
export function TimelineFiles({ incidentId, files }: { incidentId: string; files: readonly TimelineFile[] }) {
  const toasts = useToasts();
  const fetchThen = async (file: TimelineFile, handOver: (blob: Blob) => void) => {
    const read = await readIncidentFile(incidentId, file);
    if (read.ok) handOver(read.value);
    else toasts.showError(read.error);
  };
  return (
    <ul className={fileClasses.files} aria-label="Files">
      {files.map((file) => (
        <li key={file.hash}>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" fw={500} truncate>
              {file.name}
            </Text>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {formatFileSize(file.size)}
            </Text>
            {filesOpenInTabs && isViewable(file.contentType) ? (
              <Button
                size="compact-xs"
                variant="default"
                aria-label={`Open ${file.name}`}
                onClick={() => void fetchThen(file, openBlobInTab)}
              >
                Open
              </Button>
            ) : null}
            <Button
              size="compact-xs"
              variant="default"
              aria-label={`Save ${file.name}`}
              onClick={() => void fetchThen(file, (blob) => saveBlob(file.name, blob))}
            >
              Save
            </Button>
          </Group>
        </li>
      ))}
    </ul>
  );
}
