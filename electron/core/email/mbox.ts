import { createReadStream } from 'node:fs';
import { DeskError } from '#shared/errors.ts';

/**
 * Reads an mbox file one message at a time, however large the file: only the message being read is in
 * memory, and lines are found with native searches, not copied one by one. A message starts at an envelope
 * line ("From sender date", dropped); inside a message, a line quoted as ">From " (any number of ">") loses
 * one ">" again (mboxrd, which also reads mboxo). The blank line a writer puts after each message belongs to
 * the separator, not to the message.
 */
export interface MboxMessage {
  readonly index: number;
  readonly raw: Buffer;
  /** The envelope line's date, when it has one: when the message was delivered to the mailbox. */
  readonly deliveredAt: Date | null;
  /** The file ended in the middle of a line of this message (every line of an mbox ends in a line feed). */
  readonly cutShort: boolean;
}

const LF = 0x0a;
const CR = 0x0d;
const FROM = Buffer.from('From ');
const QUOTED_FROM = Buffer.from('>From ');
const EMPTY = Buffer.alloc(0);
/** An unfinished line longer than this is message content (an envelope line is short): it is not kept whole. */
const MAX_CARRY = 64 * 1024;

/** An envelope line is a sender and a date: a longer line is body text, and is not run through the patterns. */
const MAX_ENVELOPE_LINE = 1_000;

/**
 * Whether a line starting "From " separates messages. After a blank line (as writers leave one), any envelope
 * with a time in it; otherwise only the classic `From sender Www Mmm dd hh:mm:ss yyyy`, so a body line such as
 * "From one solid piece of aluminium…" that a careless writer left unquoted does not cut a message in two.
 */
export function isEnvelopeLine(line: string, afterBlankLine: boolean): boolean {
  if (!line.startsWith('From ') || line.length > MAX_ENVELOPE_LINE) return false;
  if (afterBlankLine && /^From \S+\s.*\b\d{1,2}:\d{2}/.test(line)) return true;
  return /^From \S+\s+(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b.*\b\d{1,2}:\d{2}(:\d{2})?\b.*\b\d{4}\b/.test(line);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * "From sender@example.com Tue Mar 14 10:00:00 2023" → that instant. The asctime form has no zone and is UTC by
 * convention; other forms count only with a zone, so the result never depends on the computer's time zone.
 */
export function envelopeDate(line: string): Date | null {
  if (line.length > MAX_ENVELOPE_LINE) return null;
  const rest = /^From \S+\s+(.+?)\s*$/.exec(line)?.[1]?.replace(/\s+/g, ' ');
  if (!rest) return null;
  const asctime = /^\w{3} (\w{3}) (\d{1,2}) (\d{1,2}):(\d{2}):(\d{2}) (\d{4})$/.exec(rest);
  if (asctime) {
    const month = MONTHS.indexOf(asctime[1]!.toLowerCase());
    if (month < 0) return null;
    const [day, hour, minute, second, year] = asctime.slice(2).map(Number) as [number, number, number, number, number];
    return new Date(Date.UTC(year, month, day, hour, minute, second));
  }
  if (!/([+-]\d{4}|\b(GMT|UTC|Z))\s*$/i.test(rest)) return null;
  const date = new Date(rest);
  return Number.isNaN(date.getTime()) ? null : date;
}

function unquote(message: Buffer): Buffer {
  if (message.indexOf(QUOTED_FROM) < 0) return message;
  const parts: Buffer[] = [];
  let start = 0;
  for (let found = message.indexOf(QUOTED_FROM); found >= 0; found = message.indexOf(QUOTED_FROM, found + 1)) {
    let lineStart = found;
    while (lineStart > 0 && message[lineStart - 1] === 0x3e) lineStart--;
    if (lineStart !== 0 && message[lineStart - 1] !== LF) continue;
    parts.push(message.subarray(start, lineStart));
    start = lineStart + 1; // drop one '>'
  }
  parts.push(message.subarray(start));
  return Buffer.concat(parts);
}

/** Without the blank line the writer put after the message (LF or CR LF), when there is one. */
function withoutSeparator(raw: Buffer): Buffer {
  const n = raw.length;
  if (n >= 2 && raw[n - 1] === LF && raw[n - 2] === LF) return raw.subarray(0, n - 1);
  if (n >= 3 && raw[n - 1] === LF && raw[n - 2] === CR && raw[n - 3] === LF) return raw.subarray(0, n - 2);
  return raw;
}

function isBlank(data: Buffer, start: number, end: number): boolean {
  return end - start === 1 || (end - start === 2 && data[start] === CR);
}

/** Reads the messages of `file`; errors name it as `label` (an upload's own name, not its temporary path). */
export async function* readMbox(file: string, label = file): AsyncGenerator<MboxMessage> {
  let index = 0;
  let envelope: string | null = null;
  let parts: Buffer[] = [];
  let afterBlank = true;
  let carry: Buffer = EMPTY;
  let continuing = false;

  const finish = (cutShort = false): MboxMessage | null => {
    const raw = withoutSeparator(Buffer.concat(parts));
    parts = [];
    if (envelope === null || !raw.length) return null;
    return { index: index++, raw: unquote(raw), deliveredAt: envelopeDate(envelope), cutShort };
  };

  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const data: Buffer = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    let lineStart = 0;
    if (continuing) {
      const newline = data.indexOf(LF);
      lineStart = newline < 0 ? data.length : newline + 1;
      continuing = newline < 0;
    }
    let messageStart = 0;
    for (;;) {
      const newline = data.indexOf(LF, lineStart);
      if (newline < 0) break;
      const lineEnd = newline + 1;
      if (data[lineStart] === 0x46 && data.subarray(lineStart, lineStart + 5).equals(FROM)) {
        const line = data.toString('latin1', lineStart, lineEnd).trimEnd();
        if (envelope === null ? true : isEnvelopeLine(line, afterBlank)) {
          if (envelope !== null) parts.push(data.subarray(messageStart, lineStart));
          const done = finish();
          if (done) yield done;
          envelope = line;
          messageStart = lineEnd;
        }
      } else if (envelope === null && !isBlank(data, lineStart, lineEnd)) {
        throw new DeskError('invalid_input', `${label} is not an mbox file: it does not start with a "From " line.`);
      }
      afterBlank = isBlank(data, lineStart, lineEnd);
      lineStart = lineEnd;
    }
    if (envelope === null) messageStart = lineStart;
    parts.push(data.subarray(messageStart, lineStart));
    carry = data.subarray(lineStart);
    if (envelope === null && carry.length >= FROM.length && !carry.subarray(0, FROM.length).equals(FROM)) {
      throw new DeskError('invalid_input', `${label} is not an mbox file: it does not start with a "From " line.`);
    }
    if (carry.length > MAX_CARRY && envelope !== null) {
      parts.push(carry);
      carry = EMPTY;
      continuing = true;
      afterBlank = false;
    }
  }
  if (envelope === null) {
    if (carry.length && !carry.toString('latin1').startsWith('From ')) {
      throw new DeskError('invalid_input', `${label} is not an mbox file: it does not start with a "From " line.`);
    }
    if (!carry.length) throw new DeskError('invalid_input', `${label} is empty: there is no message in it.`);
    envelope = carry.toString('latin1').trimEnd();
    carry = EMPTY;
  }
  parts.push(carry);
  const last = finish(carry.length > 0);
  if (last) yield last;
}
