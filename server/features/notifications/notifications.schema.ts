// Inputs of the notification centre and its API.
import { z } from 'zod';
import { EMAIL_FREQUENCIES } from '../../../models/schema.ts';

/** The choices the forms offer are the values these schemas accept. */
export { EMAIL_FREQUENCIES };

export const listQuerySchema = z.object({
  unread: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const markReadSchema = z.object({
  ids: z.array(z.number().int().positive().max(2_147_483_647)).max(500).optional(),
});
export type MarkReadInput = z.infer<typeof markReadSchema>;

/** A checkbox ("on" or absent → "off" from the form) or a JSON boolean from the API. */
const toggle = z
  .union([z.boolean(), z.enum(['on', 'off', 'true', 'false'])])
  .transform((v) => v === true || v === 'on' || v === 'true');

/** Either setting may be given alone (the API's PATCH); the page's form sends both. */
export const settingsSchema = z
  .object({
    emailFrequency: z.enum(EMAIL_FREQUENCIES).optional(),
    newsletter: toggle.optional(),
    /** E-mail about new private messages. */
    messageEmails: toggle.optional(),
  })
  .refine((v) => v.emailFrequency !== undefined || v.newsletter !== undefined || v.messageEmails !== undefined, {
    path: ['emailFrequency'],
    message: 'v.notifications.settings_empty',
  });
export type SettingsInput = z.infer<typeof settingsSchema>;

export const outboxQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
