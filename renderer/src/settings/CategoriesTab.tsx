import { Group, Modal, Stack, TagsInput } from '@mantine/core';
import { useState } from 'react';
import type { Category } from '#shared/domain/reference.ts';
import { useReference } from '../api/reference-context.tsx';
import { byName } from '../common/select-options.ts';
import { NameField } from '../forms/EditorFields.tsx';
import { GroupSelect } from '../forms/IncidentFields.tsx';
import { EditorForm } from '../forms/EditorForm.tsx';
import { ReasonedButton } from '../forms/ReasonedButton.tsx';
import { SupervisorNotice, useSupervisorOnly } from '../forms/SupervisorNotice.tsx';
import { useSettingsSave } from '../forms/use-settings-save.ts';
import { SettingsTable } from '../forms/SettingsTable.tsx';

function CategoryForm({ category, onClose }: { category: Category | null; onClose: () => void }) {
  const [name, setName] = useState(category?.name ?? '');
  const [subcategories, setSubcategories] = useState([...(category?.subcategories ?? [])]);
  const [groupId, setGroupId] = useState(category?.groupId ?? null);
  const input = { ...(category ? { id: category.id } : {}), name, subcategories, groupId };
  const { save, errors, refusal } = useSettingsSave(
    'category/save',
    category ? 'Category saved' : 'Category added',
    input,
  );
  const submit = async () => {
    if (await save(input)) onClose();
  };
  return (
    <EditorForm
      submitLabel={category ? 'Save category' : 'Add category'}
      refusal={refusal}
      onSubmit={submit}
      onCancel={onClose}
    >
      <NameField value={name} onChange={setName} error={errors.name} />
      <TagsInput
        label="Subcategories"
        description="Type one, then Enter."
        value={subcategories}
        onChange={setSubcategories}
        error={errors.subcategories ?? Object.entries(errors).find(([key]) => key.startsWith('subcategories.'))?.[1]}
        clearable
      />
      <GroupSelect
        label="Usually taken by"
        placeholder="No group"
        value={groupId}
        onChange={setGroupId}
        error={errors.groupId}
      />
    </EditorForm>
  );
}

export function CategoriesTab() {
  const reference = useReference();
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const cannotChange = useSupervisorOnly('add or change categories');
  return (
    <Stack>
      <SupervisorNotice what="the categories" />
      <Group justify="flex-end">
        <ReasonedButton reason={cannotChange} onClick={() => setEditing('new')}>
          Add category
        </ReasonedButton>
      </Group>
      <SettingsTable<Category>
        caption="Categories"
        items={byName(reference.categories)}
        columns={[
          { label: 'Name', render: (category) => category.name },
          { label: 'Subcategories', render: (category) => category.subcategories.join(', ') || '—' },
          {
            label: 'Usually taken by',
            render: (category) => (category.groupId ? reference.groupsById.get(category.groupId)?.name : null) ?? '—',
          },
        ]}
        itemName={(category) => category.name}
        onEdit={setEditing}
        access={cannotChange ? { kind: 'locked', why: cannotChange } : undefined}
        empty="No categories yet."
      />
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'Add category' : 'Edit category'}
      >
        {editing !== null ? (
          <CategoryForm category={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
        ) : null}
      </Modal>
    </Stack>
  );
}
