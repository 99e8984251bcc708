import { Badge, Kbd, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, Ref } from 'react';

interface SearchBoxProps {
  readonly initialText: string;
  readonly inputRef: Ref<HTMLInputElement>;
  /** The queue with the results is not on screen: the words stay, and the box says what they search. */
  readonly away: boolean;
  /** Called as the agent types (debounced) and at once on Enter. */
  onSearch(text: string): void;
  /** Enter or ↓: the agent wants to go through the results. */
  onGoToResults(): void;
}

const TYPING_PAUSE_MS = 150;
export const SEARCH_BOX_ID = 'desk-search';

/** Searches every incident's number, title and description as the agent types. */
export function SearchBox({ initialText, inputRef, away, onSearch, onGoToResults }: SearchBoxProps) {
  const [text, setText] = useState(initialText);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const searchNow = (value: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    onSearch(value);
  };

  const change = (value: string) => {
    setText(value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => searchNow(value), TYPING_PAUSE_MS);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === 'ArrowDown') {
      event.preventDefault();
      searchNow(text);
      onGoToResults();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (text) {
        setText('');
        searchNow('');
      } else event.currentTarget.blur();
    }
  };

  return (
    <TextInput
      ref={inputRef}
      id={SEARCH_BOX_ID}
      type="search"
      aria-label="Search"
      aria-keyshortcuts="/"
      placeholder="Search incidents"
      value={text}
      onChange={(event) => change(event.currentTarget.value)}
      onKeyDown={onKeyDown}
      rightSection={
        !text ? (
          <Kbd size="xs">/</Kbd>
        ) : away ? (
          // On the inbox or the KPIs, words left in the box must not read as a filter of that screen.
          <Badge size="xs" variant="light" color="gray" tt="none" data-testid="search-scope" aria-hidden="true">
            Incidents
          </Badge>
        ) : null
      }
      rightSectionWidth={text && away ? 78 : undefined}
      aria-description={text && away ? 'Searches incidents; Enter shows the results in the queue' : undefined}
      // Up to 420 pixels, narrowing first when the window does, so the header never wraps.
      style={{ flex: '0 1 420px', minWidth: 160 }}
      size="sm"
    />
  );
}
