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

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Epoch milliseconds of an ISO instant, or null when the text is not one. Fractions below a millisecond are cut. */
export function instantMs(text: string): number | null {
  const parts = ISO_INSTANT.exec(text);
  if (!parts) return null;
  const [, y, mo, d, h, mi, s = '0', fraction = '', zulu, sign, oh = '0', om = '0'] = parts;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || Number(oh) > 23 || Number(om) > 59) return null;
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const offsetMinutes = zulu ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  // Date.UTC maps years 0–99 to 1900–1999; the desk has no incidents in antiquity, so those are refused.
  if (year < 1000) return null;
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
