import { z } from 'zod';
import { GROUP_ROLES, GROUP_VISIBILITIES } from '../../../models/schema.ts';
import { msg } from '../../core/validation.ts';

/** The choices the forms offer are the values these schemas accept. */
export { GROUP_ROLES, GROUP_VISIBILITIES };

export const groupInputSchema = z.object({
  name: z.string().trim().min(3, msg('group_name_short')).max(120, msg('group_name_long')),
  description: z.string().trim().max(2000).default(''),
  theme: z.string().trim().max(80).default(''),
  visibility: z.enum(GROUP_VISIBILITIES, msg('visibility')).default('public'),
});
export type GroupInput = z.infer<typeof groupInputSchema>;

export const groupListSchema = z.object({
  ordine: z.enum(['attivita', 'nome']).default('attivita'),
  // A page number past the end shows an empty page, not an error.
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export const inviteSchema = z.object({
  handle: z
    .string()
    .trim()
    .min(2, msg('required'))
    .max(60)
    .transform((h) => h.replace(/^@/, '').toLowerCase()),
});

export const memberRoleSchema = z.object({ role: z.enum(GROUP_ROLES, msg('invalid_value')) });

export const reasonSchema = z.object({ reason: z.string().trim().max(500).optional() });
