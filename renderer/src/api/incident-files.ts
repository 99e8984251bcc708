import type { IncidentDetail } from '#shared/domain/incident.ts';
import { safeContentType } from '#shared/domain/incident-files.ts';
import type { TimelineFile } from '#shared/domain/incident-files.ts';
import { desk, fetchDeskFile } from './desk.ts';
import type { DeskOutcome } from './desk.ts';
import { uploadFile } from './upload-file.ts';

/** What the browser says the file is, when it says it plainly; otherwise plain bytes. */
export function contentTypeOf(file: File): string {
  return /^[\w.+-]+\/[\w.+-]+$/.test(file.type) ? file.type : 'application/octet-stream';
}

/** Sends each file to the desk, then adds them all to the incident at once; the first refusal ends it. */
export async function attachFiles(incidentId: string, files: readonly File[]): Promise<DeskOutcome<IncidentDetail>> {
  const uploaded = [];
  for (const file of files) {
    const upload = await uploadFile(file);
    if (!upload.ok) return upload;
    uploaded.push({ uploadId: upload.value.uploadId, contentType: contentTypeOf(file) });
  }
  return desk['incident/attach']({ incidentId, files: uploaded });
}

function blobOfBase64(base64: string, type: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

/**
 * One file of an incident as bytes of a type that runs nothing: from the browser-mode host's download address
 * when there is one, else through the contract (the desktop app).
 */
export async function readIncidentFile(incidentId: string, file: TimelineFile): Promise<DeskOutcome<Blob>> {
  const downloaded = await fetchDeskFile(`/api/files/incident/${incidentId}/${file.hash}`);
  if (downloaded) return downloaded;
  const content = await desk['incident/attachment']({ incidentId, hash: file.hash });
  if (!content.ok) return content;
  return { ok: true, value: blobOfBase64(content.value.base64, safeContentType(content.value.contentType)) };
}
