/** Test messages as a mail server stores them: CRLF line ends, one Message-ID each. */
export interface MailOptions {
  readonly from?: string;
  readonly subject?: string;
  readonly body?: string;
  readonly messageId?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export function mail(n: number, options: MailOptions = {}): string {
  const headers: Record<string, string> = {
    From: options.from ?? `Customer ${n} <customer${n}@northwind.example>`,
    To: 'support@desk.test',
    Subject: options.subject ?? `Printer ${n} is jammed`,
    Date: new Date(Date.UTC(2026, 2, 2, 8, 0, n % 60)).toUTCString(),
    'Message-ID': options.messageId ?? `<msg-${n}@northwind.example>`,
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=utf-8',
    ...options.headers,
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `${head.join('\r\n')}\r\n\r\n${options.body ?? `Message number ${n}: tray 2 jams on every job.`}\r\n`;
}

/** A plain message padded to about `bytes` with a body of text lines. */
export function largeMail(n: number, bytes: number, options: MailOptions = {}): string {
  const line = 'The attached log shows the same paper jam again and again, page after page.\r\n';
  return mail(n, { ...options, body: line.repeat(Math.ceil(bytes / line.length)) });
}

/**
 * Not an email the parser can read: a header block that never ends (1.2 MB of header lines, as a broken
 * mailer writes when it forgets the blank line). mailparser refuses header blocks over 1 MB.
 */
export function malformedMail(n: number): string {
  const lines = Array.from({ length: 40_000 }, (_, i) => `X-Broken-${i}: ${'x'.repeat(20)}`);
  return `Message-ID: <broken-${n}@northwind.example>\r\nSubject: broken ${n}\r\n${lines.join('\r\n')}\r\n`;
}
