import { z } from 'zod';

/** Building blocks for the boundary schemas, so every entry trims and bounds text the same way. */
export const idSchema = z.uuid({ message: 'must be an id (UUID)' });
export const isoInstantSchema = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date and time' });

export function requiredText(label: string, max: number) {
  return z
    .string()
    .trim()
    .min(1, { message: `${label} is required` })
    .max(max, { message: `${label} must be at most ${max} characters` });
}

export function optionalText(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, { message: `${label} must be at most ${max} characters` });
}

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an email address' }));

export const tagsSchema = z
  .array(z.string().trim().min(1).max(40))
  .max(20, { message: 'at most 20 tags' })
  .transform((tags) => [...new Set(tags)]);

export const emptyInput = z.strictObject({});
