import { ActionIcon, Button, Divider, Group, Modal, Paper, Select, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { MAX_RULE_ACTIONS } from '#shared/domain/automation-rules.ts';
import type { RuleListing, SaveRuleInput } from '#shared/domain/automation-rules.ts';
import type { RuleAction, RuleActionType } from '#shared/domain/rule-actions.ts';
import type { RuleCondition } from '#shared/domain/rule-conditions.ts';
import type { RuleTrigger, RuleTriggerType } from '#shared/domain/rule-triggers.ts';
import { NameField } from '../forms/EditorFields.tsx';
import { SupervisorEditorForm } from '../forms/SupervisorEditorForm.tsx';
import { useSettingsSave } from '../forms/use-settings-save.ts';
import { ACTION_KINDS, ACTION_OPTIONS, ActionFields } from './action-kinds.tsx';
import { ConditionRows } from './ConditionRows.tsx';
import { errorsUnder } from './rule-field-errors.ts';
import { TRIGGER_KINDS, TRIGGER_OPTIONS, TriggerFields } from './trigger-kinds.tsx';

interface RuleDraft {
  name: string;
  enabled: boolean;
  trigger: RuleTrigger;
  conditions: RuleCondition[];
  actions: RuleAction[];
}

function draftOf(rule: RuleListing | null): RuleDraft {
  return {
    name: rule?.name ?? '',
    enabled: rule?.enabled ?? true,
    trigger: rule?.trigger ?? TRIGGER_KINDS.incident_created.blank(),
    conditions: [...(rule?.conditions ?? [])],
    actions: rule ? [...rule.actions] : [ACTION_KINDS.add_tag.blank()],
  };
}

const inputOf = (draft: RuleDraft, id: string | undefined): SaveRuleInput => ({ ...(id ? { id } : {}), ...draft });

interface ActionListProps {
  readonly actions: readonly RuleAction[];
  onChange(next: RuleAction[]): void;
  readonly errors: Readonly<Record<string, string>>;
}

/** "Then": the actions in the order they run, each its type and its own fields. */
function ActionList({ actions, onChange, errors }: ActionListProps) {
  const replace = (index: number, next: RuleAction) => onChange(actions.map((a, i) => (i === index ? next : a)));
  const swap = (index: number, other: number) => {
    const next = [...actions];
    [next[index], next[other]] = [next[other]!, next[index]!];
    onChange(next);
  };
  return (
    <Stack gap="xs">
      <Text fw={500} size="sm">
        Then
      </Text>
      {actions.map((action, index) => (
        <Paper key={index} withBorder p="xs" role="group" aria-label={`Action ${index + 1}`}>
          <Stack gap="xs">
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <Select
                label={`Action ${index + 1}`}
                data={ACTION_OPTIONS}
                value={action.type}
                allowDeselect={false}
                onChange={(type) => type && replace(index, ACTION_KINDS[type as RuleActionType].blank())}
                style={{ flex: 1 }}
              />
              <ActionIcon
                variant="subtle"
                size="input-sm"
                disabled={index === 0}
                onClick={() => swap(index, index - 1)}
                aria-label={`Move action ${index + 1} up`}
              >
                ↑
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                size="input-sm"
                disabled={index === actions.length - 1}
                onClick={() => swap(index, index + 1)}
                aria-label={`Move action ${index + 1} down`}
              >
                ↓
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="input-sm"
                onClick={() => onChange(actions.filter((_, i) => i !== index))}
                aria-label={`Remove action ${index + 1}`}
              >
                ✕
              </ActionIcon>
            </Group>
            <ActionFields
              value={action}
              onChange={(next) => replace(index, next)}
              errors={errorsUnder(errors, `actions.${index}`)}
            />
          </Stack>
        </Paper>
      ))}
      {errors.actions ? (
        <Text size="xs" c="red" role="alert">
          {errors.actions}
        </Text>
      ) : null}
      <Group>
        <Button
          variant="subtle"
          size="compact-sm"
          disabled={actions.length >= MAX_RULE_ACTIONS}
          onClick={() => onChange([...actions, ACTION_KINDS.add_tag.blank()])}
        >
          Add action
        </Button>
      </Group>
    </Stack>
  );
}

interface RuleFormProps {
  readonly rule: RuleListing | null;
  readonly readOnly: boolean;
  onClose(): void;
}

function RuleForm({ rule, readOnly, onClose }: RuleFormProps) {
  const [draft, setDraft] = useState(() => draftOf(rule));
  // Parts changed since the last Save: their messages go, the others' stay until the next Save.
  const [changed, setChanged] = useState<ReadonlySet<string>>(new Set());
  const set = (patch: Partial<RuleDraft>) => {
    setDraft({ ...draft, ...patch });
    setChanged(new Set([...changed, ...Object.keys(patch)]));
  };
  const {
    save,
    errors: saved,
    refusal,
  } = useSettingsSave('rule/save', rule ? 'The rule is saved' : 'The rule is added');
  const errors = Object.fromEntries(Object.entries(saved).filter(([path]) => !changed.has(path.split('.')[0]!)));
  return (
    <SupervisorEditorForm
      readOnly={readOnly}
      notice={{
        title: 'Supervisors set the rules',
        text: 'Rules act for the whole team, so only a supervisor can change them; you can look at this one.',
      }}
      refusal={refusal}
      submitLabel={rule ? 'Save rule' : 'Add rule'}
      onSave={() => {
        setChanged(new Set());
        return save(inputOf(draft, rule?.id));
      }}
      onClose={onClose}
    >
      <NameField value={draft.name} onChange={(name) => set({ name })} error={errors.name} />
      <Switch label="On" checked={draft.enabled} onChange={(event) => set({ enabled: event.currentTarget.checked })} />
      <Divider label="When" labelPosition="left" />
      <Select
        label="Trigger"
        data={TRIGGER_OPTIONS}
        value={draft.trigger.type}
        allowDeselect={false}
        onChange={(type) => type && set({ trigger: TRIGGER_KINDS[type as RuleTriggerType].blank() })}
        error={errors['trigger.type']}
      />
      <TriggerFields
        value={draft.trigger}
        onChange={(trigger) => set({ trigger })}
        errors={errorsUnder(errors, 'trigger')}
      />
      <ConditionRows conditions={draft.conditions} onChange={(conditions) => set({ conditions })} errors={errors} />
      <Divider />
      <ActionList actions={draft.actions} onChange={(actions) => set({ actions })} errors={errors} />
    </SupervisorEditorForm>
  );
}

/** A rule's editor: its name, when it runs, only when, and what it does, in order. */
export function RuleEditor(props: { rule: RuleListing | 'new' | null; readOnly: boolean; onClose: () => void }) {
  const { rule, readOnly, onClose } = props;
  const title = rule === 'new' ? 'Add rule' : rule ? rule.name : '';
  return (
    <Modal opened={rule !== null} onClose={onClose} title={title} size="xl">
      {rule !== null ? <RuleForm rule={rule === 'new' ? null : rule} readOnly={readOnly} onClose={onClose} /> : null}
    </Modal>
  );
}
