/**
 * Mail for the inbox's end-to-end test: real messages from the shared corpus (test/intake/corpus.ts: an
 * Exchange mail, a newsletter, a delivery failure), and a few written here where the test needs to know what
 * they say (a reply to a corpus message, a request the triage suggestion can read, HTML with remote and
 * inline images).
 */

/** The corpus's "Ticket Templates" (zammad/mail003.box), which the reply below answers. */
export const TEMPLATES_MESSAGE_ID = '<F799DA4E63A20B4EBE9D5A412196D71D3CADBE9DF6@ECR04PUBLIC.exchange.local>';
export const PRINTER_MESSAGE_ID = '<printer-floor2@desk-e2e.example>';

export const SUBJECTS = {
  printer: 'Printer on floor 2 offline, urgent',
  badge: 'Badge reader at the north entrance',
  templates: 'Ticket Templates',
  templatesReply: 'Re: Ticket Templates',
  newsletter: /Adventszeit/,
  bounce: 'Undelivered Mail Returned to Sender',
  printerReply: 'Re: Printer on floor 2 offline, urgent',
  templatesLate: 'Re: Ticket Templates, one more thing',
  dropped: 'VPN drops every few minutes',
  cutShort: 'Scanner log from the print room',
} as const;

function mail(headers: Record<string, string>, body: string): Buffer {
  const head = Object.entries({ 'MIME-Version': '1.0', ...headers })
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n');
  return Buffer.from(`${head}\r\n\r\n${body.replace(/\r?\n/g, '\r\n')}`, 'utf8');
}

/** Asks for what the triage suggestion reads: a category it knows (Printing), urgency, and many affected. */
export function printerRequest(): Buffer {
  return mail(
    {
      From: 'Grace Obi <grace.obi@desk-e2e.example>',
      To: 'Service Desk <support@desk-e2e.example>',
      Subject: SUBJECTS.printer,
      Date: 'Mon, 02 Mar 2026 09:10:00 +0000',
      'Message-ID': PRINTER_MESSAGE_ID,
      'Content-Type': 'text/plain; charset=utf-8',
    },
    'Hello,\n\nThe printer on floor 2 says "printer offline" for everyone since this morning.\nIt is urgent: we cannot print the delivery notes.\n\nGrace\n',
  );
}

export function templatesReply(): Buffer {
  return mail(
    {
      From: 'Günther John <k.guenther@example.com>',
      To: 'Fritz Bauer <me@example.com>',
      Subject: SUBJECTS.templatesReply,
      Date: 'Mon, 02 Mar 2026 09:00:00 +0000',
      'Message-ID': '<templates-reply@desk-e2e.example>',
      'In-Reply-To': TEMPLATES_MESSAGE_ID,
      References: TEMPLATES_MESSAGE_ID,
      'Content-Type': 'text/plain; charset=utf-8',
    },
    'One more question about the templates: can they carry a signature?\n',
  );
}

/** A 1×1 PNG, for the inline image and for the remote images the test serves itself. */
export const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export const REMOTE_IMAGE_HOST = 'images.desk-e2e.example';
export const TRACKER_HOST = 'tracker.desk-e2e.example';
export const EVIL_HOST = 'evil.desk-e2e.example';

/** HTML with everything the message view must defuse: scripts, handlers, remote and inline images, links. */
export function badgeReaderHtmlMail(): Buffer {
  const html = `<html><head><style>.note { color: #333; } .bg { background: url("https://${REMOTE_IMAGE_HOST}/bg.png"); }</style>
<script>fetch('https://${EVIL_HOST}/script')</script></head>
<body>
<p class="note">The badge reader at the north entrance rejects every badge since Monday.</p>
<p><img alt="Photo of the reader" src="https://${REMOTE_IMAGE_HOST}/reader.png" width="120" height="80"></p>
<p><img alt="Logo" src="http://${TRACKER_HOST}/pixel.gif"></p>
<p><img alt="Floor plan" src="cid:plan@desk-e2e.example"></p>
<p><img src="broken" onerror="fetch('https://${EVIL_HOST}/onerror')"></p>
<p><a href="https://wiki.desk-e2e.example/badges">Badge FAQ</a> <a href="javascript:fetch('https://${EVIL_HOST}/link')">Click me</a></p>
<div class="bg">Seen from the car park.</div>
</body></html>`;
  const body = [
    '--mixed',
    'Content-Type: multipart/related; boundary="related"',
    '',
    '--related',
    'Content-Type: multipart/alternative; boundary="alternative"',
    '',
    '--alternative',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The badge reader at the north entrance rejects every badge since Monday.',
    '--alternative',
    'Content-Type: text/html; charset=utf-8',
    '',
    html,
    '--alternative--',
    '--related',
    'Content-Type: image/png',
    'Content-ID: <plan@desk-e2e.example>',
    'Content-Disposition: inline; filename="plan.png"',
    'Content-Transfer-Encoding: base64',
    '',
    PIXEL_PNG.toString('base64'),
    '--related--',
    '--mixed',
    'Content-Type: text/plain; charset=utf-8; name="reader-log.txt"',
    'Content-Disposition: attachment; filename="reader-log.txt"',
    '',
    '09:01 badge 4411 rejected',
    '09:02 badge 4411 rejected',
    '--mixed--',
    '',
  ].join('\n');
  return mail(
    {
      From: 'Facilities <facilities@desk-e2e.example>',
      To: 'Service Desk <support@desk-e2e.example>',
      Subject: SUBJECTS.badge,
      Date: 'Mon, 02 Mar 2026 09:05:00 +0000',
      'Message-ID': '<badge-reader@desk-e2e.example>',
      'Content-Type': 'multipart/mixed; boundary="mixed"',
    },
    body,
  );
}

export function printerReply(): Buffer {
  return mail(
    {
      From: 'Grace Obi <grace.obi@desk-e2e.example>',
      To: 'Service Desk <support@desk-e2e.example>',
      Subject: SUBJECTS.printerReply,
      Date: 'Tue, 03 Mar 2026 08:00:00 +0000',
      'Message-ID': '<printer-floor2-reply@desk-e2e.example>',
      'In-Reply-To': PRINTER_MESSAGE_ID,
      References: PRINTER_MESSAGE_ID,
      'Content-Type': 'text/plain; charset=utf-8',
    },
    'It is offline again this morning.\n',
  );
}

/** A reply to the templates thread after its incident was closed: it starts a new incident. */
export function templatesLateReply(): Buffer {
  return mail(
    {
      From: 'Günther John <k.guenther@example.com>',
      To: 'Fritz Bauer <me@example.com>',
      Subject: SUBJECTS.templatesLate,
      Date: 'Tue, 03 Mar 2026 08:05:00 +0000',
      'Message-ID': '<templates-late@desk-e2e.example>',
      'In-Reply-To': '<templates-reply@desk-e2e.example>',
      References: `${TEMPLATES_MESSAGE_ID} <templates-reply@desk-e2e.example>`,
      'Content-Type': 'text/plain; charset=utf-8',
    },
    'Sorry, one more thing: the templates should work in French too.\n',
  );
}

export function droppedMail(): string {
  return [
    'From: Sam Ortiz <sam.ortiz@desk-e2e.example>',
    'To: support@desk-e2e.example',
    `Subject: ${SUBJECTS.dropped}`,
    'Date: Tue, 03 Mar 2026 09:00:00 +0000',
    'Message-ID: <vpn-drops@desk-e2e.example>',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Working from home, the VPN drops and reconnects all the time.',
    '',
  ].join('\r\n');
}

/**
 * A mailbox file that broke off in the middle of its only message, inside its base64 attachment: the copy of a
 * mailbox that stopped half-way.
 */
export function cutShortMailbox(): string {
  const log = Buffer.alloc(3_000, 'scanner jammed at tray 2; ').toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    'From sam.ortiz@desk-e2e.example Tue Mar  3 09:05:00 2026',
    'From: Sam Ortiz <sam.ortiz@desk-e2e.example>',
    'To: support@desk-e2e.example',
    `Subject: ${SUBJECTS.cutShort}`,
    'Date: Tue, 03 Mar 2026 09:05:00 +0000',
    'Message-ID: <scanner-log@desk-e2e.example>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="log"',
    '',
    '--log',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The scanner log is attached.',
    '--log',
    'Content-Type: text/plain; name="scanner.log"',
    'Content-Transfer-Encoding: base64',
    '',
    log.slice(0, log.length / 2 + 13),
  ].join('\n');
}

/** Messages as one mbox (mboxrd): an envelope line each, body lines starting "From " quoted with ">". */
export function mbox(messages: readonly { readonly raw: Buffer; readonly deliveredAt: string }[]): Buffer {
  const parts = messages.map(({ raw, deliveredAt }) => {
    const date = new Date(deliveredAt);
    const asctime = date.toUTCString().replace(/^(\w{3}), (\d{2}) (\w{3}) (\d{4}) ([\d:]+) GMT$/, '$1 $3 $2 $5 $4');
    const quoted = raw.toString('latin1').replace(/^(>*From )/gm, '>$1');
    const text = quoted.endsWith('\n') ? quoted : `${quoted}\n`;
    return Buffer.from(`From MAILER ${asctime}\n${text}\n`, 'latin1');
  });
  return Buffer.concat(parts);
}
