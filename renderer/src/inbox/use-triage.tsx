import { useState } from 'react';
import type { ReactNode } from 'react';
import { formatIncidentNumber } from '#shared/domain/incident.ts';
import type { IncidentSummary } from '#shared/domain/incident.ts';
import type { InboxItem, TriageSuggestion } from '#shared/domain/intake.ts';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import { routeHash } from '../navigation/route.ts';
import { AddToIncidentDialog } from './AddToIncidentDialog.tsx';
import { CreateFromInboxDialog, plainSuggestion } from './CreateFromInboxDialog.tsx';
import { MarkNoiseDialog } from './MarkNoiseDialog.tsx';

export interface Triage {
  createIncident(items: readonly InboxItem[]): void;
  addToIncident(items: readonly InboxItem[]): void;
  markNoise(items: readonly InboxItem[]): void;
  /** Takes items marked as noise back into the inbox. */
  restore(items: readonly InboxItem[]): void;
  /** The dialogs the actions open: render them once, wherever the actions are offered. */
  readonly dialogs: ReactNode;
}

type Asking =
  | {
      readonly action: 'create';
      readonly items: readonly InboxItem[];
      readonly suggestion: TriageSuggestion;
    }
  | { readonly action: 'add' | 'noise'; readonly items: readonly InboxItem[] }
  | null;

const NONE: readonly InboxItem[] = [];
/** As long as the queue's bulk changes offer theirs: time to notice a slip of the n key. */
const UNDO_NOTICE_MS = 15_000;

/**
 * The three things an agent does with an inbox item (make an incident of it, add it to one, mark it as
 * noise), for the inbox list and the message view alike. `onDone` runs after each one that worked.
 */
export function useTriage(onDone: () => void = () => {}): Triage {
  const run = useDeskCommand();
  const toasts = useToasts();
  const [asking, setAsking] = useState<Asking>(null);
  const close = () => setAsking(null);

  const created = async (ids: readonly string[]) => {
    setAsking(null);
    onDone();
    if (ids.length !== 1) {
      toasts.show({ kind: 'success', title: `${ids.length} incidents created`, message: '' });
      return;
    }
    const detail = await run('incident/get', { id: ids[0]! }, { quiet: true });
    const number = detail.ok
      ? formatIncidentNumber(detail.value.incident.number, detail.value.incident.provisionalNumber)
      : 'Incident';
    toasts.show({
      kind: 'success',
      title: `${number} created`,
      message: '',
      link: {
        label: `Open ${detail.ok ? number : 'the incident'}`,
        href: routeHash({ screen: 'incident', id: ids[0]! }),
      },
    });
  };

  const added = (incident: IncidentSummary) => {
    setAsking(null);
    onDone();
    const number = formatIncidentNumber(incident.number, incident.provisionalNumber);
    toasts.show({
      kind: 'success',
      title: `Added to ${number}`,
      message: '',
      link: { label: `Open ${number}`, href: routeHash({ screen: 'incident', id: incident.id }) },
    });
  };

  const noise = async (items: readonly InboxItem[]) => {
    setAsking(null);
    const done = await run('inbox/markNoise', { ids: items.map((item) => item.id) });
    if (!done.ok) return;
    onDone();
    toasts.show({
      kind: 'success',
      title: items.length === 1 ? 'Marked as noise' : `${items.length} items marked as noise`,
      message: '',
      lifetimeMs: UNDO_NOTICE_MS,
      action: { label: 'Undo', hint: 'Takes them back into the inbox', run: () => void restore(items) },
    });
  };

  const restore = async (items: readonly InboxItem[]) => {
    const done = await run(
      'inbox/restore',
      { ids: items.map((item) => item.id) },
      { success: items.length === 1 ? 'Back in the inbox' : `${items.length} items back in the inbox` },
    );
    if (done.ok) onDone();
  };

  const dialogs = (
    <>
      <CreateFromInboxDialog
        asking={asking?.action === 'create' ? asking : null}
        onClose={close}
        onCreated={(ids) => void created(ids)}
      />
      <AddToIncidentDialog items={asking?.action === 'add' ? asking.items : NONE} onClose={close} onAdded={added} />
      <MarkNoiseDialog
        items={asking?.action === 'noise' ? asking.items : NONE}
        onClose={close}
        onConfirm={() => asking && void noise(asking.items)}
      />
    </>
  );

  return {
    // The suggestion is asked for first (it is local, so at once): the dialog opens filled in, its title focused.
    createIncident: (items) => {
      const lead = items[0];
      if (!lead) return;
      void run('inbox/suggest', { id: lead.id }, { quiet: true }).then((answer) =>
        setAsking({ action: 'create', items, suggestion: answer.ok ? answer.value : plainSuggestion(lead) }),
      );
    },
    addToIncident: (items) => {
      if (items.length) setAsking({ action: 'add', items });
    },
    // One item is marked at once (it stays findable under Noise); several are asked about first.
    markNoise: (items) => {
      if (items.length === 1) void noise(items);
      else if (items.length > 1) setAsking({ action: 'noise', items });
    },
    restore: (items) => {
      if (items.length) void restore(items);
    },
    dialogs,
  };
}
