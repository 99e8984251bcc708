import { Alert, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { InboundMessage } from '#shared/domain/intake.ts';
import { useMessageHtml } from '../api/use-inbound-message.ts';
import { describeError } from '../feedback/describe-error.ts';
import classes from './message.module.css';
import { sanitiseMessageHtml } from './sanitise-html.ts';
import type { SanitisedMessage } from './sanitise-html.ts';

/**
 * No scripts, no same origin (so the frame can reach neither the page nor the desk), no forms. Popups only
 * for the links, which open in a new window without a way back (the sanitiser sets target and rel).
 */
const FRAME_SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';

function images(n: number): string {
  return n === 1 ? '1 image' : `${n} images`;
}

function RemoteImagesNotice({
  sanitised,
  shown,
  onShow,
}: {
  sanitised: SanitisedMessage;
  shown: boolean;
  onShow: () => void;
}) {
  const { remoteImages, insecureImages } = sanitised;
  if (!remoteImages && !insecureImages) return null;
  const insecure = insecureImages
    ? `${images(insecureImages)} over an unencrypted connection ${insecureImages === 1 ? 'stays' : 'stay'} hidden.`
    : '';
  if (shown || !remoteImages) {
    return (
      <Text size="xs" c="dimmed" data-testid="remote-images-state">
        {shown ? 'Remote images are shown. ' : ''}
        {insecure}
      </Text>
    );
  }
  return (
    <Alert color="gray" variant="light" py="xs" title="Remote images are blocked" data-testid="remote-images-state">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm">
          {`${images(remoteImages)} ${remoteImages === 1 ? 'is' : 'are'} on the sender’s servers: loading them tells the sender you opened this message. ${insecure}`}
        </Text>
        <Button size="xs" variant="default" onClick={onShow} style={{ flexShrink: 0 }}>
          Show remote images
        </Button>
      </Group>
    </Alert>
  );
}

function PlainText({ text }: { text: string }) {
  return (
    <pre className={classes.text} aria-label="Message text">
      {text.trim() ? text : 'This message has no text.'}
    </pre>
  );
}

/**
 * What the message says: its HTML (sanitised, in a sandboxed frame, remote images only on request) or its
 * plain text, whichever the agent prefers.
 */
export function MessageBody({ message }: { message: InboundMessage }) {
  const html = useMessageHtml(message.id, message.hasHtml);
  const [view, setView] = useState<'formatted' | 'text'>('formatted');
  const [showRemote, setShowRemote] = useState(false);
  const stored = html.kind === 'ready' ? html.value : null;
  const sanitised = useMemo(() => (stored ? sanitiseMessageHtml(stored, { showRemote }) : null), [stored, showRemote]);

  if (html.kind === 'failed') {
    return (
      <Stack gap="xs">
        <Alert color="yellow" title="The formatted version cannot be shown">
          {describeError(html.error).message}
        </Alert>
        <PlainText text={message.bodyText} />
      </Stack>
    );
  }
  if (!message.hasHtml) return <PlainText text={message.bodyText} />;
  if (!sanitised) return null;

  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <SegmentedControl
          size="xs"
          aria-label="Show the message as"
          value={view}
          onChange={(value) => setView(value === 'text' ? 'text' : 'formatted')}
          data={[
            { value: 'formatted', label: 'Formatted' },
            { value: 'text', label: 'Plain text' },
          ]}
        />
      </Group>
      {view === 'text' ? (
        <PlainText text={message.bodyText} />
      ) : (
        <>
          <RemoteImagesNotice sanitised={sanitised} shown={showRemote} onShow={() => setShowRemote(true)} />
          <iframe
            title="Message body"
            className={classes.frame}
            sandbox={FRAME_SANDBOX}
            srcDoc={sanitised.document}
            referrerPolicy="no-referrer"
          />
        </>
      )}
    </Stack>
  );
}
