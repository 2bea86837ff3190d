import { z } from 'zod';
import { msg } from '../../core/validation.ts';

export const DELETION_RULES = ['anonimizza', 'rimuovi'] as const;
export const SITE_TEXT_KEYS = ['privacy', 'cookie'] as const;
export const SITE_TEXT_LOCALES = ['it', 'en'] as const;

/** Deleting one's account: the password (empty for an account that signs in only with SPID/CIE). */
export const deletionSchema = z.object({
  password: z.string().max(200).optional().default(''),
});

export const ruleSchema = z.object({ rule: z.enum(DELETION_RULES, msg('required')) });

export const siteTextSchema = z.object({
  key: z.enum(SITE_TEXT_KEYS),
  locale: z.enum(SITE_TEXT_LOCALES),
  body: z.string().trim().min(1, msg('required')).max(50_000),
});
