import { createReadStream } from 'node:fs';
import { DeskError } from '#shared/errors.ts';

/**
 * Reads an mbox file one message at a time, however large the file: only the message being read is in
 * memory. A message starts at a line beginning "From " (the envelope line, dropped); inside a message, a
 * line quoted as ">From " (any number of ">") loses one ">" again (mboxrd, which also reads mboxo).
 */
export interface MboxMessage {
  readonly index: number;
  readonly raw: Buffer;
  /** The envelope line's date, when it has one: when the message was delivered to the mailbox. */
  readonly deliveredAt: Date | null;
}

const FROM_LINE = Buffer.from('From ');
const NEWLINE = 0x0a;

function unquote(message: Buffer): Buffer {
  if (message.indexOf('>From ') < 0) return message;
  const parts: Buffer[] = [];
  let start = 0;
  let lineStart = 0;
  while (lineStart < message.length) {
    const end = message.indexOf(NEWLINE, lineStart);
    const lineEnd = end < 0 ? message.length : end + 1;
    if (message[lineStart] === 0x3e) {
      let i = lineStart;
      while (message[i] === 0x3e) i++;
      if (message.subarray(i, i + 5).equals(FROM_LINE)) {
        parts.push(message.subarray(start, lineStart));
        start = lineStart + 1; // drop one '>'
      }
    }
    lineStart = lineEnd;
  }
  parts.push(message.subarray(start));
  return Buffer.concat(parts);
}

/** "From sender@example.com Tue Mar 14 10:00:00 2023" → that date, if it reads as one. */
function envelopeDate(line: string): Date | null {
  const match = /^From \S+\s+(.+?)\s*$/.exec(line);
  if (!match) return null;
  const date = new Date(match[1]!.replace(/\s+/g, ' '));
  return Number.isNaN(date.getTime()) ? null : date;
}

export async function* readMbox(file: string): AsyncGenerator<MboxMessage> {
  let pending: Buffer = Buffer.alloc(0);
  let current: Buffer[] = [];
  let envelope: string | null = null;
  let index = 0;
  let sawFirst = false;

  const finish = (): MboxMessage | null => {
    if (envelope === null) return null;
    let raw = Buffer.concat(current);
    // The blank line that separates messages belongs to the separator, not to the message.
    if (raw.length && raw[raw.length - 1] === NEWLINE) raw = raw.subarray(0, raw.length - 1);
    if (raw.length && raw[raw.length - 1] === 0x0d) raw = raw.subarray(0, raw.length - 1);
    const message = { index: index++, raw: unquote(raw), deliveredAt: envelopeDate(envelope) };
    current = [];
    return message;
  };

  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    let lineStart = 0;
    for (;;) {
      const end = pending.indexOf(NEWLINE, lineStart);
      if (end < 0) break;
      const line = pending.subarray(lineStart, end + 1);
      if (line.subarray(0, 5).equals(FROM_LINE)) {
        const done = finish();
        if (done) yield done;
        envelope = line.toString('latin1').trimEnd();
        sawFirst = true;
      } else if (!sawFirst) {
        if (line.toString('latin1').trim()) {
          throw new DeskError('invalid_input', `${file} is not an mbox file: it does not start with a "From " line.`);
        }
      } else {
        current.push(line);
      }
      lineStart = end + 1;
    }
    pending = pending.subarray(lineStart);
  }
  if (pending.length) {
    if (!sawFirst)
      throw new DeskError('invalid_input', `${file} is not an mbox file: it does not start with a "From " line.`);
    current.push(pending);
  }
  if (!sawFirst) throw new DeskError('invalid_input', `${file} is empty: there is no message in it.`);
  const last = finish();
  if (last) yield last;
}
