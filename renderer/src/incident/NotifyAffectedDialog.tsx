import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { IncidentDetail } from '#shared/domain/incident.ts';
import { NOTICE_KIND_LABELS, NOTICE_KINDS } from '#shared/domain/notices.ts';
import type { NoticeAudience, NoticeKind } from '#shared/domain/notices.ts';
import type { MailTemplate } from '#shared/domain/templates.ts';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { useDeskQuery } from '../api/use-desk-query.ts';
import { byName } from '../common/select-options.ts';
import { useDrawnWhileOpen } from '../common/use-drawn-while-open.ts';
import { describeError } from '../feedback/describe-error.ts';
import { noticeTemplateFor } from './notice-template.ts';

const countOf = (audience: NoticeAudience) =>
  `${audience.recipients.length} subscriber${audience.recipients.length === 1 ? '' : 's'}`;

/** The first few told by name, then how many more: a service may have hundreds of subscribers. */
function audienceText(audience: NoticeAudience): string {
  const shown = audience.recipients.slice(0, 8).map((r) => (r.name ? `${r.name} <${r.address}>` : r.address));
  const more = audience.recipients.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

interface NoticeFormProps {
  readonly incidentId: string;
  readonly audience: NoticeAudience;
  readonly templates: readonly MailTemplate[];
  onSent(detail: IncidentDetail): void;
  onClose(): void;
}

function NoticeForm({ incidentId, audience, templates, onSent, onClose }: NoticeFormProps) {
  const run = useDeskCommand();
  const [kind, setKind] = useState<NoticeKind>('notice');
  const [templateId, setTemplateId] = useState<string | null>(() => noticeTemplateFor('notice', templates)?.id ?? null);
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The chosen template filled in for this incident, for the agent to read and change before it goes.
  useEffect(() => {
    if (!templateId) return;
    let current = true;
    void run('template/render', { templateId, incidentId }, { quiet: true }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setSubject(result.value.subject);
        setText(result.value.body);
      } else setProblem(describeError(result.error).message);
    });
    return () => {
      current = false;
    };
  }, [run, templateId, incidentId]);

  const chooseKind = (next: NoticeKind) => {
    setKind(next);
    setTemplateId(noticeTemplateFor(next, templates)?.id ?? templateId);
  };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    if (!templateId) return setProblem('Choose the template the notice starts from');
    setBusy(true);
    const result = await run(
      'incident/notifyAffected',
      { incidentId, kind, templateId, subject, text },
      { quiet: true, success: `${NOTICE_KIND_LABELS[kind]} sent to ${countOf(audience)}` },
    );
    setBusy(false);
    if (!result.ok) return setProblem(describeError(result.error).message);
    onSent(result.value);
    onClose();
  };

  return (
    <form onSubmit={send} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          <Text span fw={600} inherit>
            {audience.serviceName}:{' '}
          </Text>
          {countOf(audience)}, each told by a mail of their own.
        </Text>
        <Text size="xs" c="dimmed" aria-label="Who is told">
          {audienceText(audience)}
        </Text>
        <SegmentedControl
          aria-label="Which notice"
          data={NOTICE_KINDS.map((value) => ({ value, label: NOTICE_KIND_LABELS[value] }))}
          value={kind}
          onChange={(value) => chooseKind(value as NoticeKind)}
        />
        <Select
          label="Template"
          data={byName(templates).map((t) => ({ value: t.id, label: t.name }))}
          value={templateId}
          onChange={setTemplateId}
          allowDeselect={false}
          searchable
        />
        <TextInput label="Subject" value={subject} onChange={(e) => setSubject(e.currentTarget.value)} />
        <Textarea
          label="Text"
          description="As each subscriber reads it; change it if you need to."
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={6}
          maxRows={16}
        />
        {problem ? (
          <Alert color="red" title="Not sent" role="alert">
            {problem}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={busy || !templateId}>
            Send {NOTICE_KIND_LABELS[kind].toLowerCase()}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface NotifyAffectedDialogProps {
  readonly incidentId: string;
  readonly opened: boolean;
  onSent(detail: IncidentDetail): void;
  onClose(): void;
}

/** Asked afresh each time the dialog opens: subscribers may have changed since. */
function NotifyAffectedContent({ incidentId, onSent, onClose }: Omit<NotifyAffectedDialogProps, 'opened'>) {
  const audience = useDeskQuery('incident/noticeAudience', { id: incidentId });
  const templates = useDeskQuery('template/list', {});
  for (const load of [audience.load, templates.load]) {
    if (load.kind === 'failed') return <Alert color="red">{describeError(load.error).message}</Alert>;
  }
  if (audience.load.kind !== 'ready' || templates.load.kind !== 'ready') return null;
  if (audience.load.value.problem) {
    return (
      <Stack>
        <Alert color="yellow" title="Nobody to tell">
          {audience.load.value.problem}
        </Alert>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <NoticeForm
      incidentId={incidentId}
      audience={audience.load.value}
      templates={templates.load.value}
      onSent={onSent}
      onClose={onClose}
    />
  );
}

/**
 * "Notify affected": tells the subscribers of the incident's affected service of the disruption, then of
 * updates and the all-clear, each from a template the agent may change; each notice is on the timeline.
 */
export function NotifyAffectedDialog({ incidentId, opened, onSent, onClose }: NotifyAffectedDialogProps) {
  const { drawn, closed } = useDrawnWhileOpen(opened);
  if (!drawn) return null;
  return (
    <Modal opened={opened} onClose={onClose} onExitTransitionEnd={closed} title="Notify affected" size="lg">
      {opened ? <NotifyAffectedContent incidentId={incidentId} onSent={onSent} onClose={onClose} /> : null}
    </Modal>
  );
}
