import type { Handlers } from '#shared/contract.ts';
import { DeskError } from '#shared/errors.ts';
import type { AttachmentInfo } from '#shared/domain/intake.ts';
import type { CoreContext } from '../context.ts';
import { getBlob } from '../blobs/blob.repository.ts';
import { getIncidentDetail } from '../incidents/incident.repository.ts';
import { findInboxPage, getMessageRow, messageRowToModel } from './inbox.repository.ts';
import { importFiles } from './import-files.ts';
import {
  addItemsToIncident,
  createFromItems,
  logContact,
  markNoise,
  restoreFromNoise,
  suggestTriage,
} from './triage.service.ts';

type IntakeHandlers = Pick<
  Handlers,
  | 'inbox/list'
  | 'inbox/get'
  | 'inbox/html'
  | 'inbox/attachment'
  | 'inbox/suggest'
  | 'inbox/createIncident'
  | 'inbox/addToIncident'
  | 'inbox/markNoise'
  | 'inbox/restore'
  | 'intake/logContact'
  | 'upload/begin'
  | 'upload/chunk'
  | 'intake/importUpload'
>;

/** Inline images larger than this stay out of the page (the agent can still open the attachment). */
const MAX_INLINE_IMAGE = 5 * 1024 * 1024;

export function intakeHandlers({ store, session, uploads, events }: CoreContext): IntakeHandlers {
  const agent = () => session.requireAgentId();
  return {
    'inbox/list': (query) => findInboxPage(store.db, query),
    'inbox/get': async ({ id }) => messageRowToModel(await getMessageRow(store.db, id)),
    'inbox/html': async ({ id }) => {
      const row = await getMessageRow(store.db, id);
      const message = messageRowToModel(row);
      if (!row.html_hash) return null;
      const html = await getBlob(store.db, row.html_hash);
      if (!html) return null;
      const inlineImages: { contentId: string; dataUri: string }[] = [];
      for (const part of message.attachments.filter((a) => a.contentId && a.contentType.startsWith('image/'))) {
        if (part.size > MAX_INLINE_IMAGE) continue;
        const bytes = await getBlob(store.db, part.hash);
        if (bytes)
          inlineImages.push({
            contentId: part.contentId!,
            dataUri: `data:${part.contentType};base64,${bytes.toString('base64')}`,
          });
      }
      return { html: html.toString('utf8'), inlineImages };
    },
    'inbox/attachment': async ({ id, hash }) => {
      const message = messageRowToModel(await getMessageRow(store.db, id));
      const part: AttachmentInfo | undefined = message.attachments.find((a) => a.hash === hash);
      if (!part) throw new DeskError('not_found', 'That message has no such attachment.');
      const bytes = await getBlob(store.db, hash);
      if (!bytes) {
        throw new DeskError(
          'not_found',
          `${part.name} is kept on the workstation that received the message, not this one.`,
        );
      }
      return { name: part.name, contentType: part.contentType, base64: bytes.toString('base64') };
    },
    'inbox/suggest': async ({ id }) => suggestTriage(store.db, messageRowToModel(await getMessageRow(store.db, id))),
    'inbox/createIncident': async (input) => {
      const actorId = await agent();
      const { value } = await store.command(actorId, (tx, rec) => createFromItems(tx, rec, input, actorId));
      return { incidentIds: value };
    },
    'inbox/addToIncident': async ({ ids, incidentId }) => {
      await store.command(await agent(), (tx, rec) => addItemsToIncident(tx, rec, ids, incidentId));
      return { incidentId };
    },
    'inbox/markNoise': async ({ ids }) => {
      await store.command(await agent(), (tx, rec) => markNoise(tx, rec, ids));
      return { count: ids.length };
    },
    'inbox/restore': async ({ ids }) => {
      await store.command(await agent(), (tx, rec) => restoreFromNoise(tx, rec, ids));
      return { count: ids.length };
    },
    'intake/logContact': async (input) => {
      const actorId = await agent();
      const { value: incidentId } = await store.command(actorId, (tx, rec) => logContact(tx, rec, input, actorId));
      return getIncidentDetail(store.db, incidentId);
    },
    'upload/begin': async ({ name, size }) => {
      await agent();
      return { uploadId: await uploads.begin(name, size) };
    },
    'upload/chunk': async ({ uploadId, offset, data }) => ({ received: await uploads.append(uploadId, offset, data) }),
    'intake/importUpload': async ({ uploadId }) => {
      await agent();
      const upload = uploads.complete(uploadId);
      try {
        return await importFiles(store, [upload], (summary) => events.emit('intake/progress', { uploadId, summary }));
      } finally {
        await uploads.release(uploadId);
      }
    },
  };
}
