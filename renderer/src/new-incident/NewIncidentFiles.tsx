import type { ReactNode } from 'react';
import { ChosenFiles } from '../common/ChosenFiles.tsx';
import { useFileDropTarget } from '../common/drag-files.ts';
import { INCIDENT_FILE_LIMIT_TEXT, incidentFilesProblem } from '../common/incident-file-checks.ts';
import classes from '../common/files.module.css';

interface NewIncidentFilesProps {
  readonly files: readonly File[];
  onChange(files: File[]): void;
  readonly disabled: boolean;
}

/** The files going with a new incident: chosen or dropped, each with its size, each to take off again. */
export function NewIncidentFiles({ files, onChange, disabled }: NewIncidentFilesProps) {
  return (
    <ChosenFiles
      files={files}
      onChange={onChange}
      disabled={disabled}
      problem={incidentFilesProblem(files)}
      label="Files to add"
      hint={`${INCIDENT_FILE_LIMIT_TEXT}, or drop them here`}
    />
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
  const target = useFileDropTarget(onDropFiles);
  return (
    <div
      className={target.dragging ? classes.dropping : undefined}
      data-testid="new-incident-drop-zone"
      {...target.handlers}
    >
      {children}
    </div>
  );
}
