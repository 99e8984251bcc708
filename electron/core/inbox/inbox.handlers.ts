import type { Handlers } from '#shared/contract.ts';
import type { CoreContext } from '../context.ts';
import { getIncidentDetail } from '../incidents/incident.repository.ts';
import { findInboxPage, getMessageRow, messageRowToModel } from './inbox.repository.ts';
import { readAttachment, readMessageHtml } from './message-content.ts';
import { importFiles } from './import-files.ts';
import {
  addItemsToIncident,
  createFromItems,
  logContact,
  markNoise,
  restoreFromNoise,
  suggestTriage,
} from './triage.service.ts';

type InboxHandlers = Pick<
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

export function inboxHandlers({
  store,
  session,
  uploads,
  events,
}: Pick<CoreContext, 'store' | 'session' | 'uploads' | 'events'>): InboxHandlers {
  const agent = () => session.requireAgentId();
  return {
    'inbox/list': (query) => findInboxPage(store.db, query),
    'inbox/get': async ({ id }) => messageRowToModel(await getMessageRow(store.db, id)),
    'inbox/html': ({ id }) => readMessageHtml(store.db, id),
    'inbox/attachment': ({ id, hash }) => readAttachment(store.db, id, hash),
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
      const { value } = await store.command(await agent(), (tx, rec) => restoreFromNoise(tx, rec, ids));
      return { count: value };
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
