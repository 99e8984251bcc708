import { z } from 'zod';

/**
 * What may go into a header of mail the desk sends. A line break in a name, a subject or an address would
 * start a header of the sender's choosing (header injection), so none is accepted; other control characters
 * are refused too. Non-ASCII is welcome: names and subjects are encoded by RFC 2047 when the mail is built,
 * and an address with a non-ASCII local part goes out with SMTPUTF8.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/** Text for a header (a display name, a subject): one line, as typed, trimmed. */
export function headerText(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, { message: `${label} must be at most ${max} characters` })
    .refine((value) => !hasControlCharacters(value), {
      message: `${label} cannot contain line breaks or control characters`,
    });
}

// Characters that have a meaning in an address header (RFC 5322 specials) or are white space.
const LOCAL = /^[^\s@<>()[\],;:"\\]{1,64}$/u;
const LABEL = /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)$/u;

/**
 * An address mail can be sent to: a local part without specials or spaces (Unicode allowed, for SMTPUTF8) and
 * a domain of two or more labels (an internationalised domain is allowed; it goes out as punycode).
 */
export function isOutgoingAddress(value: string): boolean {
  if (value.length > 320 || hasControlCharacters(value)) return false;
  const at = value.lastIndexOf('@');
  if (at <= 0) return false;
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split('.');
  if (!LOCAL.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  return labels.length >= 2 && labels.every((label) => LABEL.test(label));
}

export const outgoingAddressSchema = z
  .string()
  .trim()
  .min(1, { message: 'Address is required' })
  .refine(isOutgoingAddress, { message: 'must be an email address like name@example.com, on one line' })
  // The domain is case-insensitive; the local part is left as written (RFC 5321 lets a server care).
  .transform((value) => {
    const at = value.lastIndexOf('@');
    return `${value.slice(0, at)}@${value.slice(at + 1).toLowerCase()}`;
  });

export const outgoingRecipientSchema = z.strictObject({
  address: outgoingAddressSchema,
  name: headerText('Name', 200).default(''),
});
export type OutgoingRecipient = z.output<typeof outgoingRecipientSchema>;

/** Whether an address needs SMTPUTF8 to be sent (a non-ASCII local part; a non-ASCII domain goes as punycode). */
export function needsSmtpUtf8(address: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[^\u0000-\u007f]/.test(address.slice(0, address.lastIndexOf('@')));
}

/** The domain of an address, for Message-IDs made on our domain. */
export function addressDomain(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}
