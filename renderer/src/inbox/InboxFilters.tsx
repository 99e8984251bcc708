import { Chip, Group, SegmentedControl, TextInput, VisuallyHidden } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { INTAKE_CHANNELS } from '#shared/domain/intake.ts';
import type { IntakeChannel } from '#shared/domain/intake.ts';
import { channel as channelEnum } from '#shared/domain/enums.ts';
import { INBOX_SHOW_LABELS, INBOX_SHOWS } from './inbox-state.ts';
import type { InboxAction, InboxShow, InboxViewState } from './inbox-state.ts';
import classes from './inbox.module.css';

const TYPING_PAUSE_MS = 150;

function SearchField({ text, onSearch }: { text: string; onSearch: (text: string) => void }) {
  const [value, setValue] = useState(text);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const change = (next: string) => {
    setValue(next);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => onSearch(next), TYPING_PAUSE_MS);
  };
  return (
    <TextInput
      type="search"
      size="xs"
      aria-label="Search the inbox"
      placeholder="Search sender, subject, text"
      value={value}
      onChange={(event) => change(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          if (value) change('');
          else event.currentTarget.blur();
        }
      }}
      w={260}
    />
  );
}

interface InboxFiltersProps {
  readonly state: InboxViewState;
  /** Items waiting for triage per channel (whatever the other filters). */
  readonly untriaged: Readonly<Record<IntakeChannel, number>> | null;
  dispatch(action: InboxAction): void;
}

/** Which items to list: waiting or triaged ones, from which channels, matching what words. */
export function InboxFilters({ state, untriaged, dispatch }: InboxFiltersProps) {
  return (
    <div className={classes.filters}>
      <SegmentedControl
        size="xs"
        aria-label="Show"
        value={state.show}
        onChange={(show) => dispatch({ type: 'show', show: show as InboxShow })}
        data={INBOX_SHOWS.map((show) => ({ value: show, label: INBOX_SHOW_LABELS[show] }))}
      />
      <Group gap={6} role="group" aria-label="Channels">
        {INTAKE_CHANNELS.map((channel) => (
          <Chip
            key={channel}
            size="xs"
            variant="outline"
            checked={state.channels.includes(channel)}
            onChange={() => dispatch({ type: 'toggle-channel', channel })}
          >
            {channelEnum.labels[channel]}
            {untriaged ? (
              <>
                {` ${untriaged[channel].toLocaleString()}`}
                <VisuallyHidden> waiting</VisuallyHidden>
              </>
            ) : null}
          </Chip>
        ))}
      </Group>
      <SearchField text={state.text} onSearch={(text) => dispatch({ type: 'search', text })} />
    </div>
  );
}
