import { useMemo } from 'react';
import { useContactDirectory } from '../api/contact-directory.tsx';
import { useReference } from '../api/reference-context.tsx';
import type { NameLookup } from './field-value.ts';

export function useNameLookup(): NameLookup {
  const reference = useReference();
  const { known, request } = useContactDirectory();
  return useMemo(
    () => ({
      agent: (id) => reference.agentsById.get(id)?.name,
      group: (id) => reference.groupsById.get(id)?.name,
      category: (id) => reference.categoriesById.get(id)?.name,
      service: (id) => reference.servicesById.get(id)?.name,
      contact: (id) => {
        const contact = known.get(id);
        if (!contact) request([id]);
        return contact?.name;
      },
    }),
    [reference, known, request],
  );
}
