import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { Contact } from '#shared/domain/reference.ts';
import { desk } from './desk.ts';
import { useDataChanged } from './use-data-changed.ts';

interface ContactDirectory {
  readonly known: ReadonlyMap<string, Contact>;
  remember(contacts: readonly Contact[]): void;
  /** Asks the desk for contacts not yet known; the answers arrive in `known`. Safe to call while rendering. */
  request(ids: readonly string[]): void;
}

const DirectoryContext = createContext<ContactDirectory | null>(null);
/** The most `contact/search` returns in one answer. */
const FIRST_CONTACTS = 50;

/**
 * Contact names the renderer has seen, for showing a reporter by name: filled by every search and save, at
 * start with the first contacts by name, and on demand (`contact/get`) for any other id a screen shows.
 */
export function ContactDirectoryProvider({ children }: { children: ReactNode }) {
  const [known, setKnown] = useState<ReadonlyMap<string, Contact>>(new Map());
  const [generation, setGeneration] = useState(0);

  const remember = useCallback((contacts: readonly Contact[]) => {
    if (!contacts.length) return;
    setKnown((current) => {
      const next = new Map(current);
      for (const contact of contacts) next.set(contact.id, contact);
      return next;
    });
  }, []);

  useEffect(() => {
    let current = true;
    void desk['contact/search']({ text: '', limit: FIRST_CONTACTS }).then((outcome) => {
      // Refused, names show as they are searched for: nothing for the agent to act on.
      if (current && outcome.ok) remember(outcome.value);
    });
    return () => {
      current = false;
    };
  }, [generation, remember]);

  useDataChanged((change) => {
    if (change.reference) setGeneration((n) => n + 1);
  });

  const asked = useRef(new Set<string>());
  const waiting = useRef(new Set<string>());
  const request = useCallback(
    (ids: readonly string[]) => {
      const before = waiting.current.size;
      for (const id of ids) if (!asked.current.has(id)) waiting.current.add(id);
      if (!waiting.current.size || before) return;
      // Deferred, so a lookup made while rendering never sets state during the render.
      setTimeout(() => {
        const batch = [...waiting.current].slice(0, 200);
        for (const id of batch) {
          waiting.current.delete(id);
          asked.current.add(id);
        }
        if (!batch.length) return;
        void desk['contact/get']({ ids: batch }).then((outcome) => {
          if (outcome.ok) remember(outcome.value);
        });
      }, 0);
    },
    [remember],
  );

  useDataChanged((change) => {
    // A contact edited elsewhere may have a new name: ask again next time it is shown.
    if (change.reference) asked.current.clear();
  });

  const value = useMemo(() => ({ known, remember, request }), [known, remember, request]);
  return <DirectoryContext value={value}>{children}</DirectoryContext>;
}

export function useContactDirectory(): ContactDirectory {
  const directory = useContext(DirectoryContext);
  if (!directory) throw new Error('useContactDirectory needs a ContactDirectoryProvider above it.');
  return directory;
}

/** Contacts matching what the agent typed, searched as they type (debounced) and again when contacts change. */
export function useContactSearch(text: string, limit = 20): readonly Contact[] {
  const { remember } = useContactDirectory();
  const [results, setResults] = useState<readonly Contact[]>([]);
  const [generation, setGeneration] = useState(0);
  useDataChanged((change) => {
    if (change.reference) setGeneration((n) => n + 1);
  });
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void desk['contact/search']({ text, limit }).then((outcome) => {
        if (!current || !outcome.ok) return;
        setResults(outcome.value);
        remember(outcome.value);
      });
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, limit, remember, generation]);
  return results;
}

/** One contact by id, fetched when the directory does not know it yet. */
export function useContact(id: string | null): Contact | undefined {
  const { known, request } = useContactDirectory();
  const contact = id ? known.get(id) : undefined;
  useEffect(() => {
    if (id && !contact) request([id]);
  }, [id, contact, request]);
  return contact;
}
