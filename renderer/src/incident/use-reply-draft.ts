import { useCallback, useEffect, useRef } from 'react';
import type { Dispatch, SetStateAction } from 'react';
import { incidentDraftKey } from '#shared/domain/workstation.ts';
import { useDeskCommand } from '../api/use-desk-command.ts';

/** How long typing pauses before the draft is kept. */
const SAVE_AFTER_MS = 400;

/**
 * Keeps the reply being written as this workstation's draft of the incident (draft/get, draft/save,
 * draft/discard): it is there again when the composer opens, after a restart too, until it is sent or
 * discarded. Answers `discard`, for sending and for the Discard button.
 */
export function useReplyDraft(
  incidentId: string,
  text: string,
  setText: Dispatch<SetStateAction<string>>,
): { discard(): Promise<void> } {
  const run = useDeskCommand();
  const key = incidentDraftKey(incidentId, 'reply');
  const loaded = useRef(false);
  // What is typed and not kept yet: kept at once when the composer closes before the pause.
  const unsaved = useRef<string | null>(null);
  const keep = useCallback(
    (body: string) => {
      unsaved.current = null;
      void (body.trim()
        ? run('draft/save', { key, value: { body } }, { quiet: true })
        : run('draft/discard', { key }, { quiet: true }));
    },
    [key, run],
  );

  useEffect(() => {
    let live = true;
    loaded.current = false;
    void run('draft/get', { key }, { quiet: true }).then((result) => {
      if (!live) return;
      const body = result.ok ? result.value?.value.body : undefined;
      if (typeof body === 'string') setText((current) => current || body);
      loaded.current = true;
    });
    return () => {
      live = false;
    };
  }, [key, run, setText]);

  useEffect(() => {
    if (!loaded.current) return;
    unsaved.current = text;
    const timer = setTimeout(() => keep(text), SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [text, keep]);

  useEffect(
    () => () => {
      if (unsaved.current !== null) keep(unsaved.current);
    },
    [keep],
  );

  return {
    discard: async () => {
      loaded.current = false;
      unsaved.current = null;
      await run('draft/discard', { key }, { quiet: true });
    },
  };
}
