import { z } from 'zod';
import { REGIONS, ROLES } from '../../../models/schema.ts';
import { msg } from '../../core/validation.ts';
import { tokenOptionsSchema } from './tokens.schema.ts';

/** The choices the forms offer are the values these schemas accept. */
export { REGIONS, ROLES };

const email = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, msg('required'))
  .max(254)
  .pipe(z.email(msg('email')));
const password = z.string().min(10, msg('password_short')).max(200, msg('password_long'));

export const registerSchema = z.object({
  name: z.string().trim().min(2, msg('name_short')).max(120),
  email,
  password,
  organization: z.string().trim().min(2, msg('organization_required')).max(160),
  jobTitle: z.string().trim().min(2, msg('job_title_required')).max(120),
  region: z.enum(REGIONS, msg('region')),
});
export type RegisterInput = z.infer<typeof registerSchema>;

export const loginSchema = z.object({
  email,
  password: z.string().min(1, msg('required')).max(200),
});
export type LoginInput = z.infer<typeof loginSchema>;

/** POST /api/v1/auth/token: the credentials, and optionally the token's name, scopes and expiry. */
export const tokenSchema = loginSchema.extend(tokenOptionsSchema.shape);
export type TokenInput = z.infer<typeof tokenSchema>;

/** A person changing their own password: the current one, and the new one twice. */
export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, msg('required')).max(200),
    newPassword: password,
    confirmPassword: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], ...msg('password_mismatch') });

export const roleSchema = z.object({ role: z.enum(ROLES, msg('role')) });

export const idParam = z.coerce.number().int().positive().max(2_147_483_647);
