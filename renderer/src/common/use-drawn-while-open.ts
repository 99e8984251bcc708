import { useCallback, useState } from 'react';

/**
 * Whether a dialog is drawn at all: from its opening to the end of its closing transition. A closed Mantine
 * Modal still mounts its portal and draws again in the same frame, so a screen carrying closed dialogs paid
 * for each of them before its first paint (an incident opened from the queue carried three).
 */
export function useDrawnWhileOpen(opened: boolean): { readonly drawn: boolean; readonly closed: () => void } {
  const [drawn, setDrawn] = useState(opened);
  if (opened && !drawn) setDrawn(true);
  const closed = useCallback(() => setDrawn(false), []);
  return { drawn: drawn || opened, closed };
}
