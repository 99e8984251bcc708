import { Button, Checkbox, Combobox, Group, Input, InputBase, Text, useCombobox } from '@mantine/core';
import { memo, useEffect, useState } from 'react';
import type { Option } from '../common/select-options.ts';
import { filterSummary } from './filter-summary.ts';

interface FilterMenuProps {
  readonly label: string;
  /** What an empty filter means ("Any status"). */
  readonly anyLabel: string;
  readonly options: readonly Option<string>[];
  readonly selected: readonly string[];
  onChange(selected: string[]): void;
}

/** Lists longer than this get a search field at the top of the menu. */
const SEARCH_FROM = 8;

/**
 * One queue filter as a compact button that opens a checklist, so six filters fit on one line whatever is
 * picked. Keyboard: ↓ or Enter opens, arrows move, Enter ticks, Esc closes.
 */
export const FilterMenu = memo(function FilterMenu({ label, anyLabel, options, selected, onChange }: FilterMenuProps) {
  const [search, setSearch] = useState('');
  const searchable = options.length >= SEARCH_FROM;
  const combobox = useCombobox({
    onDropdownOpen: () => (searchable ? combobox.focusSearchInput() : undefined),
    onDropdownClose: () => {
      combobox.resetSelectedOption();
      setSearch('');
    },
  });
  const opened = combobox.dropdownOpened;
  // The options exist only while the menu is open (below), so the first is highlighted once they are drawn.
  const { selectFirstOption } = combobox;
  useEffect(() => {
    if (opened && !searchable) selectFirstOption();
  }, [opened, searchable, selectFirstOption]);
  const summary = filterSummary(options, selected);
  const needle = search.trim().toLowerCase();
  const shown = needle ? options.filter((option) => option.label.toLowerCase().includes(needle)) : options;
  const toggle = (value: string) =>
    onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);

  return (
    <Combobox store={combobox} onOptionSubmit={toggle} width={240} position="bottom-start">
      <Combobox.Target targetType="button">
        <InputBase
          component="button"
          type="button"
          pointer
          size="xs"
          w={168}
          label={label}
          aria-label={`${label}: ${summary || anyLabel}`}
          rightSection={<Combobox.Chevron />}
          rightSectionPointerEvents="none"
          onClick={() => combobox.toggleDropdown()}
        >
          {summary ? (
            <Text size="xs" truncate>
              {summary}
            </Text>
          ) : (
            <Input.Placeholder>{anyLabel}</Input.Placeholder>
          )}
        </InputBase>
      </Combobox.Target>
      <Combobox.Dropdown>
        {searchable ? (
          <Combobox.Search
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            placeholder={`Find ${label.toLowerCase()}`}
            aria-label={`Find ${label.toLowerCase()}`}
          />
        ) : null}
        <Combobox.Options mah={300} style={{ overflowY: 'auto' }} aria-label={label}>
          {/* Combobox keeps its dropdown mounted while closed: seven menus' checklists would be drawn again on
              every change of the queue (a filter change, a row highlighted) for nobody to see. */}
          {(opened ? shown : []).map((option) => (
            <Combobox.Option value={option.value} key={option.value} active={selected.includes(option.value)}>
              <Group gap="xs" wrap="nowrap">
                <Checkbox
                  checked={selected.includes(option.value)}
                  onChange={() => {}}
                  size="xs"
                  tabIndex={-1}
                  aria-hidden
                  style={{ pointerEvents: 'none' }}
                />
                <Text size="sm">{option.label}</Text>
              </Group>
            </Combobox.Option>
          ))}
          {opened && shown.length === 0 ? <Combobox.Empty>Nothing matches</Combobox.Empty> : null}
        </Combobox.Options>
        {selected.length ? (
          <Combobox.Footer>
            <Button variant="subtle" size="compact-xs" onClick={() => onChange([])}>
              Clear {label.toLowerCase()} filter
            </Button>
          </Combobox.Footer>
        ) : null}
      </Combobox.Dropdown>
    </Combobox>
  );
});
