import { useEffect, useState } from 'react';
import type { DeskError } from '#shared/errors.ts';
import type { InboundMessage, MessageHtml } from '#shared/domain/intake.ts';
import { asDeskError } from '../feedback/describe-error.ts';
import { desk } from './desk.ts';
import { useDataChanged } from './use-data-changed.ts';

export type MessageLoad =
  | { readonly kind: 'loading'; readonly id: string }
  | { readonly kind: 'ready'; readonly id: string; readonly message: InboundMessage }
  | { readonly kind: 'failed'; readonly id: string; readonly error: DeskError };

/** One inbound message, kept current (triaged here or elsewhere, it shows its new state and incident). */
export function useInboundMessage(id: string): MessageLoad {
  const [load, setLoad] = useState<MessageLoad>({ kind: 'loading', id });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    desk['inbox/get']({ id }).then(
      (message) => current && setLoad({ kind: 'ready', id, message }),
      (error: unknown) => current && setLoad({ kind: 'failed', id, error: asDeskError(error) }),
    );
    return () => {
      current = false;
    };
  }, [id, generation]);

  useDataChanged((change) => {
    if (change.inbox) setGeneration((n) => n + 1);
  });
  return load.id === id ? load : { kind: 'loading', id };
}

export type HtmlLoad =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly html: MessageHtml | null }
  | { readonly kind: 'failed'; readonly error: DeskError };

/** The stored HTML body of a message with its inline images, unsanitised (the caller sanitises it). */
export function useMessageHtml(id: string, hasHtml: boolean): HtmlLoad {
  const [load, setLoad] = useState<{ id: string; load: HtmlLoad } | null>(null);
  useEffect(() => {
    if (!hasHtml) return;
    let current = true;
    desk['inbox/html']({ id }).then(
      (html) => current && setLoad({ id, load: { kind: 'ready', html } }),
      (error: unknown) => current && setLoad({ id, load: { kind: 'failed', error: asDeskError(error) } }),
    );
    return () => {
      current = false;
    };
  }, [id, hasHtml]);
  if (!hasHtml) return { kind: 'ready', html: null };
  return load?.id === id ? load.load : { kind: 'loading' };
}
