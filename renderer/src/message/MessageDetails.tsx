import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { channel as channelEnum } from '#shared/domain/enums.ts';
import { MESSAGE_KIND_LABELS } from '#shared/domain/intake.ts';
import type { InboundMessage, MessageKind } from '#shared/domain/intake.ts';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { formatFileSize } from '../common/file-size.ts';
import { formatFullTime } from '../common/time-format.ts';
import { formatAddress } from '../inbox/sender-label.ts';
import classes from './message.module.css';
import { saveFile } from './save-file.ts';

/** Why an automatic message is kept but does nothing, in the agent's words. */
const KIND_EXPLANATIONS: Record<Exclude<MessageKind, 'message'>, string> = {
  auto_reply:
    'A program sent this (an out-of-office note, an acknowledgement, a mailing), not a person. It never opens or reopens an incident and is never answered.',
  bounce: 'A mail server could not deliver a message. It never opens an incident and is never answered.',
  delivery_notice:
    'A mail server reports that a message was delivered. It never opens an incident and is never answered.',
  abuse_report:
    'A mail provider or a recipient reports mail from here as unwanted (a spam complaint or an unsubscribe request). It is not an incident unless an agent makes it one, and it is never answered.',
  mailing_list: 'Mail sent to a mailing list or a bulk mailing. It never opens an incident and is never answered.',
  loop: 'This mail is going round in circles (one of our own messages came back). It is kept and never answered.',
  unparsed: 'This could not be read as an email. The original is kept exactly as it arrived.',
};

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Attachments({ message }: { message: InboundMessage }) {
  const run = useDeskCommand();
  const download = async (hash: string) => {
    const content = await run('inbox/attachment', { id: message.id, hash });
    if (content.ok) saveFile(content.value.name, content.value.contentType, content.value.base64);
  };
  return (
    <section aria-labelledby="attachments-heading">
      <Title order={2} size="h5" mb="xs" id="attachments-heading">
        Attachments
      </Title>
      <ul className={classes.attachments}>
        {message.attachments.map((attachment) => (
          <li key={`${attachment.hash}-${attachment.name}`} className={classes.attachment}>
            <span className={classes.attachmentName}>
              <Text span size="sm" fw={500}>
                {attachment.name}
              </Text>
              <Text span size="xs" c="dimmed">
                {` · ${formatFileSize(attachment.size)} · ${attachment.contentType}${attachment.inline ? ' · shown in the message' : ''}`}
              </Text>
            </span>
            <Button
              size="compact-xs"
              variant="default"
              aria-label={`Download ${attachment.name}`}
              onClick={() => void download(attachment.hash)}
            >
              Download
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Who wrote to whom and when, what the message is, how it got where it is, and what came with it. */
export function MessageDetails({ message }: { message: InboundMessage }) {
  const list = (addresses: InboundMessage['to']) => addresses.map(formatAddress).join(', ');
  return (
    <Stack gap="md">
      {message.kind !== 'message' ? (
        <Alert
          color={message.kind === 'unparsed' ? 'red' : 'gray'}
          title={MESSAGE_KIND_LABELS[message.kind]}
          style={{ overflowWrap: 'anywhere' }}
        >
          <Text size="sm">{KIND_EXPLANATIONS[message.kind]}</Text>
          {message.note ? (
            <Text size="sm" mt={4}>
              {`Why: ${message.note}`}
            </Text>
          ) : null}
        </Alert>
      ) : null}
      {message.truncated ? (
        <Alert color="orange" title="Cut short">
          <Text size="sm">
            Only part of this message arrived: the file it came in ended in the middle of it. What arrived is kept as it
            came.
          </Text>
        </Alert>
      ) : null}
      <Paper withBorder p="md" radius="sm">
        <Title order={2} size="h5" mb="xs">
          Details
        </Title>
        <dl className={classes.facts}>
          <Fact label="From">{message.from ? formatAddress(message.from) : 'Unknown sender'}</Fact>
          {message.to.length ? <Fact label="To">{list(message.to)}</Fact> : null}
          {message.cc.length ? <Fact label="Cc">{list(message.cc)}</Fact> : null}
          <Fact label="Date">{formatFullTime(message.receivedAt)}</Fact>
          <Fact label="Channel">{channelEnum.labels[message.channel]}</Fact>
          {message.alert ? (
            <Fact label="Alert">{`${message.alert.status === 'firing' ? 'Firing' : 'Resolved'} (${message.alert.fingerprint})`}</Fact>
          ) : null}
          {message.kind === 'message' && message.note ? <Fact label="How it got here">{message.note}</Fact> : null}
        </dl>
      </Paper>
      {message.attachments.length ? <Attachments message={message} /> : null}
    </Stack>
  );
}
