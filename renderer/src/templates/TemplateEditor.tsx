import { Divider, Grid, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import type { MailTemplate, TemplatePlaceholder } from '#shared/domain/templates.ts';
import { NameField } from '../forms/EditorFields.tsx';
import { EditorForm } from '../forms/EditorForm.tsx';
import { useSettingsSave } from '../forms/use-settings-save.ts';
import { PlaceholderList } from './PlaceholderList.tsx';
import { TemplatePreview } from './TemplatePreview.tsx';

type TextField = 'subject' | 'body';

/** Puts the placeholder where the cursor is (replacing a selection), and the cursor after it. */
function insertAt(element: HTMLInputElement | HTMLTextAreaElement, text: string): string {
  const start = element.selectionStart ?? element.value.length;
  const end = element.selectionEnd ?? start;
  const next = element.value.slice(0, start) + text + element.value.slice(end);
  requestAnimationFrame(() => {
    element.focus();
    element.setSelectionRange(start + text.length, start + text.length);
  });
  return next;
}

function TemplateForm({ template, onClose }: { template: MailTemplate | null; onClose: () => void }) {
  const [values, setValues] = useState({
    name: template?.name ?? '',
    subject: template?.subject ?? '',
    body: template?.body ?? '',
  });
  const subject = useRef<HTMLInputElement>(null);
  const body = useRef<HTMLTextAreaElement>(null);
  const lastField = useRef<TextField>('body');
  const { save, errors, refusal } = useSettingsSave(
    'template/save',
    template ? 'The template is saved' : 'The template is added',
  );
  const submit = async () => {
    if (await save({ ...(template ? { id: template.id } : {}), ...values })) onClose();
  };
  const insert = (name: TemplatePlaceholder) => {
    const field = lastField.current;
    const element = field === 'subject' ? subject.current : body.current;
    if (element) setValues({ ...values, [field]: insertAt(element, `{{${name}}}`) });
  };
  const edited = template !== null && (values.subject !== template.subject || values.body !== template.body);
  return (
    <EditorForm
      submitLabel={template ? 'Save template' : 'Add template'}
      refusal={refusal}
      onSubmit={submit}
      onCancel={onClose}
    >
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <Stack gap="sm">
            <NameField value={values.name} onChange={(name) => setValues({ ...values, name })} error={errors.name} />
            <TextInput
              ref={subject}
              label="Subject"
              description="The incident number in brackets is added when it goes, for threading."
              value={values.subject}
              onFocus={() => (lastField.current = 'subject')}
              onChange={(event) => setValues({ ...values, subject: event.currentTarget.value })}
              error={errors.subject}
              required
            />
            <Textarea
              ref={body}
              label="Text"
              value={values.body}
              onFocus={() => (lastField.current = 'body')}
              onChange={(event) => setValues({ ...values, body: event.currentTarget.value })}
              error={errors.body}
              autosize
              minRows={8}
              maxRows={18}
              required
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <PlaceholderList onInsert={insert} />
        </Grid.Col>
      </Grid>
      <Divider label="Preview" labelPosition="left" />
      <TemplatePreview templateId={template?.id ?? null} edited={edited} />
    </EditorForm>
  );
}

/** A template's editor: its name, subject and text with the placeholders to insert, and a preview. */
export function TemplateEditor(props: { template: MailTemplate | 'new' | null; onClose: () => void }) {
  const { template, onClose } = props;
  return (
    <Modal
      opened={template !== null}
      onClose={onClose}
      title={template === 'new' ? 'Add template' : 'Edit template'}
      size="xl"
    >
      {template !== null ? <TemplateForm template={template === 'new' ? null : template} onClose={onClose} /> : null}
    </Modal>
  );
}
