import { MAX_INCIDENT_FILE_BYTES, MAX_INCIDENT_FILES } from '#shared/domain/incident-files.ts';
import { formatFileSize } from './file-size.ts';

/** Said beside "Attach files", so the limit is known before a file is refused. */
export const INCIDENT_FILE_LIMIT_TEXT = `Up to ${MAX_INCIDENT_FILES} files at once, ${formatFileSize(MAX_INCIDENT_FILE_BYTES)} each`;

/** Why these files cannot be added to an incident, before anything is uploaded; null when they can. */
export function incidentFilesProblem(files: readonly File[]): string | null {
  if (files.length > MAX_INCIDENT_FILES) return `At most ${MAX_INCIDENT_FILES} files are added at once`;
  const empty = files.find((file) => file.size === 0);
  if (empty) return `${empty.name} is empty: there is nothing to add`;
  const large = files.find((file) => file.size > MAX_INCIDENT_FILE_BYTES);
  if (large) {
    return `${large.name} (${formatFileSize(large.size)}) is larger than the ${formatFileSize(MAX_INCIDENT_FILE_BYTES)} a file on an incident may be`;
  }
  return null;
}
