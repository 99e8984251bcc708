import { DeskError } from '../errors.ts';

/**
 * Instants cross every boundary as ISO 8601 strings with a zone designator; inside the time arithmetic they
 * are epoch milliseconds. `Date.parse` alone is too forgiving (it rolls 2024-02-30 over to 1 March and reads
 * strings without a zone as local time), so the shape and the calendar date are checked first.
 */
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!;
}

function checked(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  // Date.UTC maps years 0–99 to 1900–1999; the desk has no incidents in antiquity, so those are refused.
  return (
    year >= 1000 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour >= 0 &&
    minute >= 0 &&
    second >= 0 &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59
  );
}

/** The number written by `count` digits at `from`, or -1 when one of them is not a digit. */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * `YYYY-MM-DDTHH:MM:SSZ` and `…:SS.sssZ`, the forms the desk itself writes, read without a regular expression:
 * a sweep parses millions of them. Null for any other form, which the general reader then tries.
 */
function utcInstantMs(text: string): number | null {
  const length = text.length;
  if ((length !== 20 && length !== 24) || text[length - 1] !== 'Z') return null;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':') return null;
  if (length === 24 && text[19] !== '.') return null;
  const [year, month, day] = [digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2)];
  const [hour, minute, second] = [digits(text, 11, 2), digits(text, 14, 2), digits(text, 17, 2)];
  const millis = length === 24 ? digits(text, 20, 3) : 0;
  if (millis < 0 || !checked(year, month, day, hour, minute, second)) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis);
}

/** Epoch milliseconds of an ISO instant, or null when the text is not one. Fractions below a millisecond are cut. */
export function instantMs(text: string): number | null {
  const fast = utcInstantMs(text);
  if (fast !== null) return fast;
  const parts = ISO_INSTANT.exec(text);
  if (!parts) return null;
  const [, y, mo, d, h, mi, s = '0', fraction = '', zulu, sign, oh = '0', om = '0'] = parts;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!checked(year, month, day, hour, minute, second) || Number(oh) > 23 || Number(om) > 59) return null;
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const offsetMinutes = zulu ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * MINUTE_MS;
}

/** Parses an instant at a boundary, naming the field in the error so the caller knows which input was wrong. */
export function parseInstant(text: unknown, label: string): number {
  const ms = typeof text === 'string' ? instantMs(text) : null;
  if (ms === null) {
    throw new DeskError(
      'invalid_input',
      `${label} ${JSON.stringify(text)} is not an ISO 8601 instant with a time zone (such as 2024-03-08T20:00:00Z).`,
    );
  }
  return ms;
}

/** UTC ISO text, with milliseconds only when there are any (the reference cases write whole seconds). */
export function formatInstant(ms: number): string {
  const text = new Date(ms).toISOString();
  return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text;
}
