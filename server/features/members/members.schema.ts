import { z } from 'zod';
import { LOCALES, REGIONS } from '../../../models/schema.ts';
import { msg, optionalText } from '../../core/validation.ts';

/** The choices the forms offer are the values these schemas accept. */
export { REGIONS };

export const memberFilterSchema = z.object({
  region: z.preprocess((v) => (v === '' ? undefined : v), z.enum(REGIONS, msg('region')).optional()),
  organization: optionalText(80),
  q: optionalText(80),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type MemberFilterInput = z.infer<typeof memberFilterSchema>;

export const profileSchema = z.object({
  name: z.string().trim().min(2, msg('name_short')).max(120),
  jobTitle: z.string().trim().min(2, msg('job_title_required')).max(120),
  region: z.enum(REGIONS, msg('region')),
  organization: z.string().trim().min(2, msg('organization_required')).max(160),
  bio: z.string().trim().max(2000).default(''),
  locale: z.enum(LOCALES).default('it'),
});
export type ProfileInput = z.infer<typeof profileSchema>;
