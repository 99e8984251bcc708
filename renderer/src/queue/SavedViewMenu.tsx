import { ActionIcon, Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { saveViewInput } from '#shared/domain/queue.ts';
import type { QueueView } from '#shared/domain/queue.ts';
import { useSignedInAgent } from '../api/session-context.tsx';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { checkForm, fieldErrorsFromMessage, NO_FIELD_ERRORS } from '../forms/field-errors.ts';
import { useFieldErrors } from '../forms/use-field-errors.ts';
import { useQueue } from './queue-context.tsx';
import { movedViewOrder, whyCannotShare } from './saved-views.ts';

interface SavedViewMenuProps {
  readonly view: QueueView;
  /** The agent's own views in their order, for moving this one. */
  readonly mine: readonly QueueView[];
}

/**
 * What the agent can do to one of their saved views: rename it, save the queue's current filters into it,
 * share it with the team (supervisors; agents see why not), move it up or down the list.
 */
export function SavedViewMenu({ view, mine }: SavedViewMenuProps) {
  const { state, dispatch } = useQueue();
  const agent = useSignedInAgent();
  const run = useDeskCommand();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(view.name);
  const [errors, setErrors] = useFieldErrors({ name });
  const cannotShare = whyCannotShare(agent.role);
  const position = mine.findIndex((v) => v.id === view.id);
  const current = { id: view.id, name: view.name, filter: view.filter, sort: view.sort };

  const rename = async (event?: FormEvent) => {
    event?.preventDefault();
    const checked = checkForm(saveViewInput, { ...current, name });
    if (!checked.ok) return setErrors(checked.errors);
    const saved = await run('view/save', checked.value, {
      quiet: true,
      success: `View renamed “${checked.value.name}”`,
    });
    if (!saved.ok) return setErrors(fieldErrorsFromMessage(saved.error.message));
    setRenaming(false);
  };

  const updateFilters = async () => {
    const input = { ...current, filter: state.filter, sort: state.sort };
    const saved = await run('view/save', input, { success: `View “${view.name}” updated with the current filters` });
    if (saved.ok && state.viewId === view.id) dispatch({ type: 'open-view', view: saved.value });
  };

  const share = async (shared: boolean) => {
    await run(
      'view/save',
      { ...current, shared },
      { success: shared ? `“${view.name}” is shared with the team` : `“${view.name}” is yours alone again` },
    );
  };

  const move = async (step: -1 | 1) => {
    const ids = movedViewOrder(mine, view.id, step);
    if (ids) await run('view/reorder', { ids });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    void rename();
  };

  return (
    <>
      <Menu position="right-start" shadow="md" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Change view ${view.name}`} title="Change">
            ⋯
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item
            onClick={() => {
              setName(view.name);
              setErrors(NO_FIELD_ERRORS);
              setRenaming(true);
            }}
          >
            Rename…
          </Menu.Item>
          <Menu.Item onClick={() => void updateFilters()}>Update with current filters</Menu.Item>
          {view.shared ? (
            <Menu.Item onClick={() => void share(false)}>Stop sharing with the team</Menu.Item>
          ) : (
            <Menu.Item disabled={cannotShare !== null} onClick={() => void share(true)}>
              Share with the team
              {cannotShare ? (
                <Text size="xs" c="dimmed">
                  {cannotShare}
                </Text>
              ) : null}
            </Menu.Item>
          )}
          <Menu.Divider />
          <Menu.Item disabled={position <= 0} onClick={() => void move(-1)}>
            Move up
          </Menu.Item>
          <Menu.Item disabled={position < 0 || position >= mine.length - 1} onClick={() => void move(1)}>
            Move down
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={renaming} onClose={() => setRenaming(false)} title="Rename view">
        <form onSubmit={rename} onKeyDown={onKeyDown} noValidate>
          <Stack>
            <TextInput
              label="View name"
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={errors.name}
              data-autofocus
              required
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRenaming(false)}>
                Cancel
              </Button>
              <Button type="submit">Rename</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
