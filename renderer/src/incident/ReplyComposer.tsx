import { Alert, Button, Checkbox, Group, Kbd, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import type { SendReplyInput } from '#shared/domain/outbox.ts';
import type { DeskOutcome } from '../api/desk.ts';
import { uploadFile } from '../api/upload-file.ts';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { useDeskQuery } from '../api/use-desk-query.ts';
import { describeError } from '../feedback/describe-error.ts';
import { quotedHistory, readAddresses, replyText, writeAddresses } from './reply-text.ts';
import { attachmentProblem } from './reply-attachments.ts';
import { ReplyAttachments } from './ReplyAttachments.tsx';
import { useReplyDraft } from './use-reply-draft.ts';
import type { IncidentCommands } from './use-incident-commands.ts';

type ReplyAttachmentInput = NonNullable<SendReplyInput['attachments']>[number];

/** Each chosen file sent to the desk, as the reply's attachments; the first that fails stops the reply. */
async function uploadAll(files: readonly File[]): Promise<DeskOutcome<ReplyAttachmentInput[]>> {
  const attachments: ReplyAttachmentInput[] = [];
  for (const file of files) {
    const upload = await uploadFile(file);
    if (!upload.ok) return upload;
    attachments.push({ uploadId: upload.value.uploadId, contentType: contentTypeOf(file) });
  }
  return { ok: true, value: attachments };
}

/** What the browser says the file is, when it says it plainly; otherwise plain bytes. */
function contentTypeOf(file: File): string {
  return /^[\w.+-]+\/[\w.+-]+$/.test(file.type) ? file.type : 'application/octet-stream';
}

interface ReplyComposerProps {
  readonly incidentId: string;
  readonly commands: IncidentCommands;
  onClose(): void;
}

/**
 * A public reply to the reporter and the others on the thread (Cc editable), with the answered mail quoted, a
 * template to start from and the agent's signature added when it goes. Ctrl+Enter sends; the reply then shows
 * on the timeline with its delivery state. What is written is kept as this workstation's draft until it is sent
 * or discarded; Esc closes the composer and keeps it.
 */
export function ReplyComposer({ incidentId, commands, onClose }: ReplyComposerProps) {
  const context = useDeskQuery('incident/replyContext', { id: incidentId });
  const templates = useDeskQuery('template/list', {});
  const run = useDeskCommand();
  const [text, setText] = useState('');
  const [cc, setCc] = useState<string | null>(null);
  const [keepQuote, setKeepQuote] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const field = useRef<HTMLTextAreaElement>(null);
  const draft = useReplyDraft(incidentId, text, setText);

  useEffect(() => field.current?.focus(), []);

  if (context.load.kind === 'loading') return null;
  if (context.load.kind === 'failed') {
    return <Alert color="red">{describeError(context.load.error).message}</Alert>;
  }
  const reply = context.load.value;
  const ccText = cc ?? writeAddresses(reply.cc);
  const templateOptions =
    templates.load.kind === 'ready' ? templates.load.value.map((t) => ({ value: t.id, label: t.name })) : [];

  const startFromTemplate = async (templateId: string | null) => {
    if (!templateId) return;
    const rendered = await run('template/render', { templateId, incidentId });
    if (rendered.ok) setText(rendered.value.body);
  };

  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!text.trim()) return setError('Write the reply first');
    const { recipients, wrong } = readAddresses(ccText);
    if (wrong.length) return setError(`Not an address in Cc: ${wrong.join(', ')}`);
    const tooMuch = attachmentProblem(files);
    if (tooMuch) return setError(tooMuch);
    setBusy(true);
    const attachments = await uploadAll(files);
    if (!attachments.ok) {
      setBusy(false);
      return setError(describeError(attachments.error).message);
    }
    const result = await commands.reply({
      text: replyText(text, reply.quote, keepQuote),
      cc: recipients,
      attachments: attachments.value,
    });
    setBusy(false);
    if (!result.ok) return setError(describeError(result.error).message);
    await draft.discard();
    onClose();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
    }
  };

  return (
    <form onSubmit={send} onKeyDown={onKeyDown} noValidate aria-label="Public reply">
      <Stack gap="xs">
        {reply.problem ? <Alert color="yellow">{reply.problem}</Alert> : null}
        <Text size="sm">
          <Text span fw={600} inherit>
            To:{' '}
          </Text>
          {reply.to.map((r) => (r.name ? `${r.name} <${r.address}>` : r.address)).join(', ') || 'nobody'}
          {reply.mailbox ? ` — from ${reply.mailbox.address}` : ''}
        </Text>
        <TextInput label="Cc" value={ccText} onChange={(event) => setCc(event.currentTarget.value)} />
        {templateOptions.length ? (
          <Select
            label="Start from a template"
            placeholder="No template"
            data={templateOptions}
            value={null}
            onChange={(value) => void startFromTemplate(value)}
            clearable
          />
        ) : null}
        <Textarea
          ref={field}
          label="Reply"
          placeholder="What the reporter reads. It goes by mail, signed with your name."
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            if (error) setError(null);
          }}
          error={error}
          autosize
          minRows={5}
          maxRows={20}
          aria-keyshortcuts="Control+Enter"
        />
        {reply.quote ? (
          <Checkbox
            label="Quote the mail it answers"
            description={quotedHistory(reply.quote).split('\n').slice(0, 3).join(' ')}
            checked={keepQuote}
            onChange={(event) => setKeepQuote(event.currentTarget.checked)}
          />
        ) : null}
        <ReplyAttachments files={files} onChange={setFiles} disabled={busy} />
        {reply.signature ? (
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
            {`Signed:\n${reply.signature}`}
          </Text>
        ) : null}
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> sends
          </Text>
          <Group gap="xs">
            <Button variant="default" onClick={() => void draft.discard().then(onClose)}>
              Discard
            </Button>
            <Button type="submit" disabled={busy || reply.problem !== null}>
              Send reply
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
