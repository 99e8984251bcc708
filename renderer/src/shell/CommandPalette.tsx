import { Group, Kbd, Text } from '@mantine/core';
import { Spotlight, useSpotlight } from '@mantine/spotlight';
import type { SpotlightStore } from '@mantine/spotlight';
import '@mantine/spotlight/styles.css';
import { Fragment, useState } from 'react';
import { SHORTCUTS } from '../navigation/shortcuts.ts';
import { PALETTE_GROUPS, useOfferedActions } from '../navigation/palette-actions.tsx';
import { focusLandedScreen } from './landing-focus.ts';
import type { PaletteAction } from '../navigation/palette-actions.tsx';

const LIST_ID = 'command-palette-actions';

const withId = (id: string) => (element: HTMLElement | null) => {
  if (element) element.id = id;
};

/** Every word the agent typed appears in the action's name, group or keywords, in any order. */
export function matchingActions(actions: readonly PaletteAction[], query: string): PaletteAction[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const found = actions.filter((action) => {
    const text = [action.label, action.group, action.description ?? '', ...(action.keywords ?? [])]
      .join(' ')
      .toLowerCase();
    return words.every((word) => text.includes(word));
  });
  // Listed section by section, so the order on screen is the order the arrow keys walk.
  return PALETTE_GROUPS.flatMap((group) => found.filter((action) => action.group === group));
}

function ShortcutKeys({ action }: { action: PaletteAction }) {
  if (!action.shortcut) return null;
  return (
    <Group gap={4} aria-hidden="true" wrap="nowrap">
      {SHORTCUTS[action.shortcut].shown.slice(0, 1).map((key) => (
        <Kbd key={key} size="xs">
          {key}
        </Kbd>
      ))}
    </Group>
  );
}

/**
 * Ctrl/Cmd+K: every screen and action by name. Mantine's Spotlight draws it and moves the highlight; the roles
 * (a combobox over a listbox of options, the highlighted one announced) are ours, as Spotlight leaves them out.
 */
export function CommandPalette({ store, actions }: { store: SpotlightStore; actions: readonly PaletteAction[] }) {
  const { opened, query, selected } = useSpotlight(store);
  // What the screen on show offers ("Assign to me") comes first, then the shell's screens and actions.
  const offered = useOfferedActions();
  // Drawn from its opening to the end of its closing only: the shell draws this on every filter change and
  // every incident opened, and a closed Spotlight still mounts its modal and matched every action each time.
  const [present, setPresent] = useState(opened);
  if (opened && !present) setPresent(true);
  if (!present) return null;
  const shown = matchingActions([...offered, ...actions], query);
  const optionId = (index: number) => `${LIST_ID}-${index}`;
  const position = new Map(shown.map((action, index) => [action.id, index]));
  return (
    <Spotlight.Root
      store={store}
      // Ctrl+K is in the shortcut list with the others (navigation/shortcuts.ts), not Spotlight's own.
      shortcut={null}
      scrollable
      maxHeight={420}
      aria-label="Command palette"
      // Focus lands on the screen the palette opened, once the palette's own content has gone (just after
      // its exit transition ends), rather than on the page's body.
      onExitTransitionEnd={() => {
        setPresent(false);
        window.setTimeout(focusLandedScreen);
      }}
    >
      <Spotlight.Search
        placeholder="Type a screen or an action…"
        aria-label="Command"
        role="combobox"
        aria-expanded="true"
        aria-controls={LIST_ID}
        aria-autocomplete="list"
        aria-activedescendant={selected >= 0 && selected < shown.length ? optionId(selected) : undefined}
        onKeyDown={(event) => {
          // Spotlight highlights nothing until the agent types or moves: Enter then takes the first action.
          if (event.key !== 'Enter' || selected >= 0 || !shown[0]) return;
          const first = shown[0];
          store.updateState((state) => ({ ...state, opened: false }));
          first.run();
        }}
      />
      <Spotlight.ActionsList id={LIST_ID} role="listbox" aria-label="Actions">
        {shown.length === 0 ? <Spotlight.Empty>Nothing matches “{query}”.</Spotlight.Empty> : null}
        {PALETTE_GROUPS.map((group) => {
          const inGroup = shown.filter((action) => action.group === group);
          if (!inGroup.length) return null;
          return (
            <Fragment key={group}>
              <Text size="xs" fw={600} c="dimmed" px="sm" pt="xs" pb={2} aria-hidden="true">
                {group}
              </Text>
              {inGroup.map((action) => {
                const index = position.get(action.id) ?? -1;
                return (
                  <Spotlight.Action
                    key={action.id}
                    // Spotlight.Action keeps its `id` prop to itself; the option needs one for aria-activedescendant.
                    ref={withId(optionId(index))}
                    role="option"
                    aria-selected={index === selected}
                    aria-label={action.group === 'This incident' ? `${action.label} (this incident)` : action.label}
                    label={action.label}
                    description={action.description}
                    rightSection={<ShortcutKeys action={action} />}
                    onClick={() => action.run()}
                  />
                );
              })}
            </Fragment>
          );
        })}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
