import { Modal, MultiSelect, Select, Switch } from '@mantine/core';
import { useState } from 'react';
import type { AgentRole } from '#shared/domain/enums.ts';
import type { Agent } from '#shared/domain/reference.ts';
import { useReference } from '../api/reference-context.tsx';
import { namedOptions, ROLE_OPTIONS } from '../common/select-options.ts';
import { EmailField, NameField } from '../forms/EditorFields.tsx';
import { EditorForm } from '../forms/EditorForm.tsx';
import { useSettingsSave } from '../forms/use-settings-save.ts';

interface AgentEditorProps {
  /** The agent to edit, 'new' to add one, null when closed. */
  readonly agent: Agent | 'new' | null;
  onClose(): void;
}

function AgentForm({ agent, onClose }: { agent: Agent | null; onClose: () => void }) {
  const reference = useReference();
  const [values, setValues] = useState({
    name: agent?.name ?? '',
    email: agent?.email ?? '',
    role: agent?.role ?? ('agent' as AgentRole),
    groupIds: [...(agent?.groupIds ?? [])],
    active: agent?.active ?? true,
  });
  const input = { ...(agent ? { id: agent.id } : {}), ...values };
  const { save, errors, refusal } = useSettingsSave('agent/save', agent ? 'Agent saved' : 'Agent added', input);
  const submit = async () => {
    if (await save(input)) onClose();
  };

  return (
    <EditorForm submitLabel={agent ? 'Save agent' : 'Add agent'} refusal={refusal} onSubmit={submit} onCancel={onClose}>
      <NameField value={values.name} onChange={(name) => setValues({ ...values, name })} error={errors.name} />
      <EmailField value={values.email} onChange={(email) => setValues({ ...values, email })} error={errors.email} />
      <Select
        label="Role"
        data={ROLE_OPTIONS}
        value={values.role}
        allowDeselect={false}
        onChange={(role) => role && setValues({ ...values, role: role as AgentRole })}
        description="Supervisors change settings and see the team's figures."
      />
      <MultiSelect
        label="Groups"
        placeholder="No group"
        data={namedOptions(reference.groups)}
        value={values.groupIds}
        onChange={(groupIds) => setValues({ ...values, groupIds })}
        searchable
        error={errors.groupIds}
      />
      <Switch
        label="Active"
        description="Inactive agents cannot sign in or be assigned; their past work stays."
        checked={values.active}
        onChange={(event) => setValues({ ...values, active: event.currentTarget.checked })}
      />
    </EditorForm>
  );
}

export function AgentEditor({ agent, onClose }: AgentEditorProps) {
  return (
    <Modal opened={agent !== null} onClose={onClose} title={agent === 'new' ? 'Add agent' : 'Edit agent'}>
      {agent !== null ? <AgentForm agent={agent === 'new' ? null : agent} onClose={onClose} /> : null}
    </Modal>
  );
}
