import { Button, Group, Kbd, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { ImportEmailButton } from '../intake/ImportEmailButton.tsx';
import { useShortcuts } from '../navigation/use-shortcuts.ts';
import { useInbox } from './inbox-context.tsx';
import { cursorIndex, INBOX_PAGE_SIZE, triageTargets, untriagedTotal } from './inbox-state.ts';
import type { InboxViewState } from './inbox-state.ts';
import classes from './inbox.module.css';
import { InboxFilters } from './InboxFilters.tsx';
import { InboxList } from './InboxList.tsx';
import { TriageButtons } from './TriageButtons.tsx';
import { useTriage } from './use-triage.tsx';

function emptyText(state: InboxViewState): string {
  if (state.text.trim() || state.channels.length) return 'No items match these filters.';
  switch (state.show) {
    case 'untriaged':
      return 'Nothing waiting for triage. Email, calls and alerts that need a look land here; drop .eml or .mbox files on the window to import them.';
    case 'triaged':
      return 'No item has been triaged yet.';
    case 'noise':
      return 'Nothing has been marked as noise.';
    case 'all':
      return 'Nothing has come in yet.';
  }
}

function Shortcut({ keys, children }: { keys: readonly string[]; children: ReactNode }) {
  return (
    <span>
      {keys.map((key, i) => (
        <span key={key}>
          {i > 0 ? ' or ' : null}
          <Kbd size="xs">{key}</Kbd>
        </span>
      ))}{' '}
      {children}
    </span>
  );
}

function waitingLabel(count: number): string {
  if (count === 0) return 'none waiting for triage';
  return count === 1 ? '1 waiting for triage' : `${count.toLocaleString()} waiting for triage`;
}

/**
 * Everything that came in and waits for an agent, from every channel: read it, then make an incident of it,
 * add it to one, or mark it as noise; one at a time or many at once, by keyboard or mouse.
 */
export function InboxScreen({ onOpenMessage }: { onOpenMessage: (id: string) => void }) {
  const { state, dispatch, load } = useInbox();
  const items = load.page?.items ?? [];
  const total = load.page?.total ?? 0;
  const index = cursorIndex(items, state.cursor);
  const targets = triageTargets(items, state);
  const triage = useTriage(() => dispatch({ type: 'clear-selection' }));
  const waiting = untriagedTotal(load.page);

  useShortcuts({
    'toggle-select': () => {
      const item = items[index];
      if (item?.state === 'untriaged') dispatch({ type: 'toggle', id: item.id });
    },
    'make-incident': () => triage.createIncident(targets),
    'add-to-incident': () => triage.addToIncident(targets),
    'mark-noise': () => triage.markNoise(targets),
    back: () => dispatch({ type: 'clear-selection' }),
  });

  // Triaging the last items of a later page leaves it empty: show the page before it.
  const emptiedPage = load.current && load.page !== null && !items.length && state.offset > 0;
  useEffect(() => {
    if (emptiedPage) dispatch({ type: 'page', offset: state.offset - INBOX_PAGE_SIZE });
  }, [emptiedPage, state.offset, dispatch]);

  const ticked = state.selected.length;
  const first = total ? state.offset + 1 : 0;
  const last = Math.min(total, state.offset + items.length);

  return (
    <div className={classes.screen}>
      <Group justify="space-between" px="md" pt="sm" pb="xs" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <Title order={1} size="h3">
            Inbox
          </Title>
          <Text c="dimmed" size="sm" aria-live="polite" data-testid="inbox-waiting">
            {waiting === null ? '' : waitingLabel(waiting)}
          </Text>
        </Group>
        <ImportEmailButton />
      </Group>
      <InboxFilters state={state} untriaged={load.page?.untriaged ?? null} dispatch={dispatch} />
      <div className={classes.toolbar} role="toolbar" aria-label="Triage">
        <Text
          size="sm"
          c={ticked ? undefined : 'dimmed'}
          fw={ticked ? 500 : undefined}
          mr="auto"
          truncate="end"
          aria-live="polite"
        >
          {ticked ? `${ticked} selected` : 'Nothing ticked: the actions apply to the highlighted item.'}
        </Text>
        {ticked ? (
          <Button variant="subtle" size="xs" onClick={() => dispatch({ type: 'clear-selection' })}>
            Clear selection
          </Button>
        ) : null}
        <TriageButtons triage={triage} items={targets} />
      </div>
      <InboxList
        items={items}
        currentIndex={index}
        selected={state.selected}
        current={load.current}
        empty={emptyText(state)}
        onPick={(i, id) => dispatch({ type: 'cursor', index: i, id })}
        onToggle={(id) => dispatch({ type: 'toggle', id })}
        onSelectAll={(ids) => dispatch({ type: 'select', ids })}
        onOpen={onOpenMessage}
      />
      <div className={classes.help} aria-label="Keyboard shortcuts" role="note">
        <Shortcut keys={['j', 'k']}>move</Shortcut>
        <Shortcut keys={['x', 'Space']}>select</Shortcut>
        <Shortcut keys={['Enter']}>open</Shortcut>
        <Shortcut keys={['i']}>create incident</Shortcut>
        <Shortcut keys={['a']}>add to incident</Shortcut>
        <Shortcut keys={['n']}>mark as noise</Shortcut>
        <Shortcut keys={['l']}>log a call</Shortcut>
        {total > INBOX_PAGE_SIZE ? (
          <Group gap={6} ml="auto" wrap="nowrap">
            <Text size="xs">{`${first.toLocaleString()}–${last.toLocaleString()} of ${total.toLocaleString()}`}</Text>
            <Button
              size="compact-xs"
              variant="default"
              disabled={state.offset === 0}
              onClick={() => dispatch({ type: 'page', offset: state.offset - INBOX_PAGE_SIZE })}
            >
              Previous page
            </Button>
            <Button
              size="compact-xs"
              variant="default"
              disabled={last >= total}
              onClick={() => dispatch({ type: 'page', offset: state.offset + INBOX_PAGE_SIZE })}
            >
              Next page
            </Button>
          </Group>
        ) : null}
      </div>
      {triage.dialogs}
    </div>
  );
}
