import type { InboundMessage, MessageHtml } from '#shared/domain/intake.ts';
import { useDeskQuery } from './use-desk-query.ts';
import type { DeskLoad } from './use-desk-query.ts';

/** One inbound message, kept current (triaged here or elsewhere, it shows its new state and incident). */
export function useInboundMessage(id: string): DeskLoad<InboundMessage> {
  return useDeskQuery('inbox/get', { id }, { reloadWhen: (change) => Boolean(change.inbox) }).load;
}

const NO_HTML: DeskLoad<MessageHtml | null> = { kind: 'ready', value: null };

/** The stored HTML body of a message with its inline images, unsanitised (the caller sanitises it). */
export function useMessageHtml(id: string, hasHtml: boolean): DeskLoad<MessageHtml | null> {
  const { load } = useDeskQuery('inbox/html', { id }, { skip: !hasHtml });
  return hasHtml ? load : NO_HTML;
}
