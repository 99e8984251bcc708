import { Modal, Select } from '@mantine/core';
import { useState } from 'react';
import { addHubAgentInput } from '#shared/domain/sync-status.ts';
import type { HubAccount, HubRole } from '#shared/domain/sync-status.ts';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { describeError } from '../feedback/describe-error.ts';
import { EmailField, NameField } from '../forms/EditorFields.tsx';
import { EditorForm } from '../forms/EditorForm.tsx';
import { checkForm, fieldErrorsFromMessage, NO_FIELD_ERRORS } from '../forms/field-errors.ts';
import { useFieldErrors } from '../forms/use-field-errors.ts';
import { HUB_ROLE_OPTIONS, HUB_ROLES_HINT } from './hub-roles.ts';

interface AddHubAgentDialogProps {
  readonly opened: boolean;
  readonly team: string | null;
  onClose(): void;
  onAdded(account: HubAccount): void;
}

function AddHubAgentForm({ team, onClose, onAdded }: Omit<AddHubAgentDialogProps, 'opened'>) {
  const run = useDeskCommand();
  const [values, setValues] = useState({ email: '', name: '', role: 'agent' as HubRole });
  const [errors, setErrors] = useFieldErrors(values);
  const [refusal, setRefusal] = useState<string | null>(null);

  const submit = async () => {
    const checked = checkForm(addHubAgentInput, values);
    if (!checked.ok) return setErrors(checked.errors);
    const added = await run('team/addAgent', checked.value, {
      quiet: true,
      success: `${checked.value.name} added to ${team ?? 'the team'}`,
    });
    if (added.ok) return onAdded(added.value);
    const byField = fieldErrorsFromMessage(added.error.message);
    const fielded = added.error.code === 'invalid_input' && Object.keys(byField).length > 0;
    setErrors(fielded ? byField : NO_FIELD_ERRORS);
    setRefusal(fielded ? null : describeError(added.error).message);
  };

  return (
    <EditorForm submitLabel="Add agent" refusal={refusal} onSubmit={submit} onCancel={onClose}>
      <NameField value={values.name} onChange={(name) => setValues({ ...values, name })} error={errors.name} />
      <EmailField
        description="They are known by it on the hub; a device token is issued for it."
        value={values.email}
        onChange={(email) => setValues({ ...values, email })}
        error={errors.email}
      />
      <Select
        label="Role"
        data={HUB_ROLE_OPTIONS}
        value={values.role}
        allowDeselect={false}
        onChange={(role) => role && setValues({ ...values, role: role as HubRole })}
        description={HUB_ROLES_HINT}
      />
    </EditorForm>
  );
}

/** Adds an agent to the team on the hub; every workstation then lists them. */
export function AddHubAgentDialog({ opened, ...props }: AddHubAgentDialogProps) {
  return (
    <Modal opened={opened} onClose={props.onClose} title="Add agent to the team">
      {opened ? <AddHubAgentForm {...props} /> : null}
    </Modal>
  );
}
