import { Alert, Button, Group, Modal, NumberInput, PasswordInput, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import {
  MAILBOX_MODE_LABELS,
  MAILBOX_MODES,
  MAX_MESSAGE_BYTES,
  MAX_POLL_SECONDS,
  MIN_POLL_SECONDS,
} from '#shared/domain/mailbox.ts';
import type { MailboxMode, MailboxTestResult, MailboxView } from '#shared/domain/mailbox.ts';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { describeError } from '../feedback/describe-error.ts';
import { NameField } from '../forms/EditorFields.tsx';
import { EditorForm } from '../forms/EditorForm.tsx';
import { SegmentedField } from '../forms/SegmentedField.tsx';
import { useSettingsSave } from '../forms/use-settings-save.ts';
import {
  mailboxDraft,
  missingNumbers,
  saveMailboxInputOf,
  stillWrong,
  testMailboxInputOf,
  withTls,
} from './mailbox-draft.ts';
import type { MailboxDraft } from './mailbox-draft.ts';

interface MailboxEditorProps {
  /** The mailbox to edit, 'new' to add one, null when closed. */
  readonly mailbox: MailboxView | 'new' | null;
  onClose(): void;
  onSaved(view: MailboxView): void;
}

function asNumber(value: string | number): number | '' {
  return typeof value === 'number' ? value : value.trim() === '' ? '' : Number(value);
}

function TestOutcome({ outcome }: { outcome: MailboxTestResult }) {
  return (
    <Alert color={outcome.ok ? 'teal' : 'red'} title={outcome.ok ? 'Connected' : 'Could not connect'} role="status">
      {outcome.message}
    </Alert>
  );
}

function MailboxForm({
  mailbox,
  onClose,
  onSaved,
}: { mailbox: MailboxView | null } & Omit<MailboxEditorProps, 'mailbox'>) {
  const [draft, setDraft] = useState<MailboxDraft>(() => mailboxDraft(mailbox));
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [tested, setTested] = useState<MailboxTestResult | null>(null);
  const [testing, setTesting] = useState(false);
  const run = useDeskCommand();
  const {
    save,
    errors: saveErrors,
    refusal,
  } = useSettingsSave('mailbox/save', mailbox ? 'Mailbox saved' : 'Mailbox added');
  // An error shows until its field is changed: the draft as it was when the error was found is kept.
  const [checked, setChecked] = useState<MailboxDraft>(draft);
  const errors = stillWrong({ ...saveErrors, ...missing }, checked, draft);
  const set = (patch: Partial<MailboxDraft>) => {
    setDraft({ ...draft, ...patch });
    setTested(null);
  };

  const submit = async () => {
    setChecked(draft);
    const empty = missingNumbers(draft);
    setMissing(empty);
    if (Object.keys(empty).length) return;
    const saved = await save(saveMailboxInputOf(draft, mailbox?.id));
    if (saved) onSaved(saved);
  };

  const test = async () => {
    if (testing) return;
    setChecked(draft);
    const empty = missingNumbers(draft);
    setMissing(empty);
    if (Object.keys(empty).length) return;
    setTesting(true);
    const answer = await run('mailbox/test', testMailboxInputOf(draft, mailbox?.id), { quiet: true });
    setTesting(false);
    setTested(answer.ok ? answer.value : { ok: false, message: describeError(answer.error).message });
  };

  return (
    <EditorForm
      submitLabel={mailbox ? 'Save mailbox' : 'Add mailbox'}
      refusal={refusal}
      onSubmit={() => void submit()}
      onCancel={onClose}
    >
      <NameField
        description="What agents see, such as “Support” or “IT helpdesk”."
        value={draft.name}
        onChange={(name) => set({ name })}
        error={errors.name}
      />
      <SimpleGrid cols={2} spacing="sm" style={{ gridTemplateColumns: 'minmax(0, 1fr) 140px' }}>
        <TextInput
          label="Server"
          placeholder="imap.example.com"
          value={draft.host}
          onChange={(event) => set({ host: event.currentTarget.value })}
          error={errors.host}
          required
          spellCheck={false}
        />
        <NumberInput
          label="Port"
          value={draft.port}
          onChange={(value) => set({ port: asNumber(value) })}
          error={errors.port}
          min={1}
          max={65535}
          allowDecimal={false}
          hideControls
          required
        />
      </SimpleGrid>
      <Switch
        label="Encrypted from the start (TLS)"
        description={
          draft.tls
            ? 'The usual way, on port 993.'
            : 'The connection must switch to encryption (STARTTLS) before the password is sent; only this computer itself is exempt.'
        }
        checked={draft.tls}
        onChange={(event) => set(withTls(draft, event.currentTarget.checked))}
      />
      <SimpleGrid cols={2} spacing="sm">
        <TextInput
          label="User name"
          value={draft.username}
          onChange={(event) => set({ username: event.currentTarget.value })}
          error={errors.username}
          required
          autoComplete="off"
          spellCheck={false}
        />
        {/* Mantine leaves the password input's ARIA to us: name its hint and its error, as TextInput does. */}
        <PasswordInput
          id="mailbox-password"
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={
            errors.password ? 'mailbox-password-description mailbox-password-error' : 'mailbox-password-description'
          }
          label="Password"
          description={
            mailbox
              ? mailbox.health.passwordStored
                ? 'Stored on this computer. Leave empty to keep it.'
                : 'Not stored on this computer yet: type it to read the mailbox from here.'
              : 'Stored on this computer only, never shared with the team.'
          }
          value={draft.password}
          onChange={(event) => set({ password: event.currentTarget.value })}
          error={errors.password}
          required={!mailbox}
          autoComplete="new-password"
        />
      </SimpleGrid>
      <TextInput
        label="Folder"
        value={draft.folder}
        onChange={(event) => set({ folder: event.currentTarget.value })}
        error={errors.folder}
        required
        spellCheck={false}
      />
      <SegmentedField<MailboxMode>
        label="New mail"
        value={draft.mode}
        onChange={(mode) => set({ mode })}
        data={MAILBOX_MODES.map((mode) => ({ value: mode, label: MAILBOX_MODE_LABELS[mode] }))}
      />
      <SimpleGrid cols={2} spacing="sm">
        <NumberInput
          label={draft.mode === 'poll' ? 'Check every (seconds)' : 'Check every (seconds) without IDLE'}
          description={
            draft.mode === 'poll'
              ? undefined
              : 'When the server cannot tell of new mail at once, or the connection drops.'
          }
          value={draft.pollSeconds}
          onChange={(value) => set({ pollSeconds: asNumber(value) })}
          error={errors.pollSeconds}
          min={MIN_POLL_SECONDS}
          max={MAX_POLL_SECONDS}
          allowDecimal={false}
        />
        <NumberInput
          label="Largest message (MB)"
          description="Bigger messages wait on the server for an agent."
          value={draft.maxMessageMb}
          onChange={(value) => set({ maxMessageMb: asNumber(value) })}
          error={errors.maxMessageBytes}
          min={0.1}
          max={MAX_MESSAGE_BYTES / (1024 * 1024)}
          decimalScale={1}
        />
      </SimpleGrid>
      <Switch
        label="Read this mailbox"
        description="Switched off, nothing is fetched; what came in stays."
        checked={draft.enabled}
        onChange={(event) => set({ enabled: event.currentTarget.checked })}
      />
      {tested ? <TestOutcome outcome={tested} /> : null}
      <Group>
        <Button variant="default" onClick={() => void test()} aria-disabled={testing}>
          {testing ? 'Testing the connection…' : 'Test connection'}
        </Button>
      </Group>
    </EditorForm>
  );
}

/** Adds or changes a mailbox, with a connection test before saving. */
export function MailboxEditor({ mailbox, onClose, onSaved }: MailboxEditorProps) {
  return (
    <Modal
      opened={mailbox !== null}
      onClose={onClose}
      title={mailbox === 'new' ? 'Add mailbox' : 'Edit mailbox'}
      size="lg"
    >
      {mailbox !== null ? (
        <MailboxForm mailbox={mailbox === 'new' ? null : mailbox} onClose={onClose} onSaved={onSaved} />
      ) : null}
    </Modal>
  );
}
