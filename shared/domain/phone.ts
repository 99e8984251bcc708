import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * Phone numbers as agents type them ("+1 555 2739", "(555) 2739", "5552739") and as callers give them. A
 * number is kept in the international format when libphonenumber recognises it as valid, and as typed (white
 * space tidied) otherwise; search matches it by its digits, whatever the spacing either side used.
 */

/** At least this many digits make a run of digits and separators a phone number rather than a count or a year. */
export const PHONE_MIN_DIGITS = 6;

const SEPARATORS = /[\s().\-/]/g;

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/** The number to store: "+1 212 555 2739" for a valid one, the agent's text (tidied) for anything else. */
export function normalisePhone(raw: string): string {
  const text = raw.trim().replace(/\s+/g, ' ');
  const parsed = parsePhoneNumberFromString(text);
  return parsed?.isValid() ? parsed.formatInternational() : text;
}

/**
 * The digit strings a number is found by: all its digits (with the country code when it has one), the national
 * number without it, and without a trunk prefix ("020 7946 0958" is also "2079460958"). The same function
 * runs on a stored number and on what an agent searches for, so "+1 555 2739" and "(555) 2739" meet at
 * "5552739".
 */
export function phoneSearchKeys(raw: string): string[] {
  const digits = digitsOf(raw);
  if (digits.length < PHONE_MIN_DIGITS) return [];
  const keys = new Set([digits]);
  const parsed = parsePhoneNumberFromString(raw.trim().replace(SEPARATORS, ' '));
  if (parsed) keys.add(String(parsed.nationalNumber));
  const withoutTrunk = digits.replace(/^0+/, '');
  if (withoutTrunk.length >= PHONE_MIN_DIGITS) keys.add(withoutTrunk);
  return [...keys];
}

/** Whether a piece of search text reads as a phone number: digits and the usual separators, with enough digits. */
export function looksLikePhone(text: string): boolean {
  return /^\+?[\d\s().\-/]+$/.test(text) && digitsOf(text).length >= PHONE_MIN_DIGITS;
}
