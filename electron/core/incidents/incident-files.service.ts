import { readFile, stat } from 'node:fs/promises';
import { DeskError } from '#shared/errors.ts';
import type { AttachmentContent } from '#shared/domain/intake.ts';
import { MAX_INCIDENT_FILE_BYTES, safeContentType } from '#shared/domain/incident-files.ts';
import type { AttachFilesInput, TimelineFile } from '#shared/domain/incident-files.ts';
import { blobHash, getBlob, putBlob } from '../blobs/blob.repository.ts';
import type { CoreContext } from '../context.ts';
import { safeFileName } from '../email/attachment-names.ts';
import type { ChangeRecorder, Db } from '../store/store.ts';
import { getIncident, getIncidentDetail } from './incident.repository.ts';

const LIMIT_TEXT = `${MAX_INCIDENT_FILE_BYTES / 1024 / 1024} MB`;

/** Every file checked before any is kept: one refused file adds none of them. */
async function checkedUploads(
  uploads: CoreContext['uploads'],
  files: AttachFilesInput['files'],
): Promise<{ uploadId: string; file: string; name: string; contentType: string }[]> {
  const checked = [];
  for (const [index, { uploadId, contentType }] of files.entries()) {
    const upload = uploads.complete(uploadId);
    const name = safeFileName(upload.name, contentType, index);
    const { size } = await stat(upload.file);
    if (size === 0) throw new DeskError('invalid_input', `${name} is empty: there is nothing to add.`);
    if (size > MAX_INCIDENT_FILE_BYTES) {
      throw new DeskError('invalid_input', `${name} is larger than the ${LIMIT_TEXT} a file on an incident may be.`);
    }
    checked.push({ uploadId, file: upload.file, name, contentType: contentType.toLowerCase() });
  }
  return checked;
}

/**
 * Adds uploaded files to an incident: each kept as a blob by its hash, and named by an `attachment` entry on
 * the timeline, the change that syncs. The uploads are released whatever happens.
 */
export async function attachFiles(
  { store, uploads }: Pick<CoreContext, 'store' | 'uploads'>,
  command: AttachFilesInput,
  actorId: string,
) {
  try {
    await getIncident(store.db, command.incidentId);
    const files: TimelineFile[] = [];
    for (const upload of await checkedUploads(uploads, command.files)) {
      const bytes = await readFile(upload.file);
      const hash = await putBlob(store.db, bytes, blobHash(bytes));
      files.push({ name: upload.name, contentType: upload.contentType, size: bytes.byteLength, hash });
    }
    await store.command(actorId, async (tx, recorder) => recordFiles(tx, recorder, command.incidentId, files));
  } finally {
    for (const { uploadId } of command.files) await uploads.release(uploadId);
  }
  return getIncidentDetail(store.db, command.incidentId);
}

async function recordFiles(db: Db, recorder: ChangeRecorder, incidentId: string, files: readonly TimelineFile[]) {
  await getIncident(db, incidentId);
  for (const file of files) recorder.append('incident', incidentId, 'attachment', { ...file });
}

/** Every file the incident names: added by agents, and sent with its replies. */
async function filesOf(db: Db, incidentId: string): Promise<TimelineFile[]> {
  const [added, mail] = await Promise.all([
    db
      .selectFrom('timeline_event')
      .select('payload')
      .where('entity', '=', 'incident')
      .where('entity_id', '=', incidentId)
      .where('type', '=', 'attachment')
      .execute(),
    db.selectFrom('outgoing_mail').select('attachments').where('incident_id', '=', incidentId).execute(),
  ]);
  return [
    ...added.map((row) => JSON.parse(row.payload) as TimelineFile),
    ...mail.flatMap((row) => JSON.parse(row.attachments) as TimelineFile[]),
  ];
}

/**
 * One file of an incident, by its hash; only what that incident names. Its type is one a browser will not run
 * (safeContentType): the page saves it or shows it in a tab of its own, never as part of the desk.
 */
export async function readIncidentFile(db: Db, incidentId: string, hash: string): Promise<AttachmentContent> {
  await getIncident(db, incidentId);
  const file = (await filesOf(db, incidentId)).find((f) => f.hash === hash);
  if (!file) throw new DeskError('not_found', 'That incident has no such file.');
  const bytes = await getBlob(db, hash);
  if (!bytes) {
    throw new DeskError(
      'not_found',
      `${file.name} is kept on the workstation it was added on, not this one: files do not sync through the team hub yet.`,
    );
  }
  return { name: file.name, contentType: safeContentType(file.contentType), base64: bytes.toString('base64') };
}
