import { useOverwriteEvents } from '../api/use-overwrites.ts';
import { useNameLookup } from '../common/use-name-lookup.ts';
import { useToasts } from '../feedback/toast-context.tsx';
import { overwriteToasts } from './overwrite-notices.ts';

/** A sentence takes longer to read than "Saved": these stay as long as errors do. */
const NOTICE_LIFETIME_MS = 15_000;

/** Tells the agent, in words, whenever a later change from a teammate replaced one of theirs. */
export function useOverwriteToasts(): void {
  const names = useNameLookup();
  const toasts = useToasts();
  useOverwriteEvents((notices, incidents) => {
    const lookup = { ...names, incident: (id: string) => incidents.get(id) };
    for (const toast of overwriteToasts(notices, lookup)) {
      toasts.show({ kind: 'info', ...toast, lifetimeMs: NOTICE_LIFETIME_MS });
    }
  });
}
