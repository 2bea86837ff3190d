import { z } from 'zod';
import { ORGANIZATION_KINDS, REGIONS } from '../../../models/schema.ts';
import { msg } from '../../core/validation.ts';

/** The choices the forms offer are the values these schemas accept. */
export { ORGANIZATION_KINDS, REGIONS };

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

export const organizationFilterSchema = z.object({
  region: z.preprocess(emptyToUndefined, z.enum(REGIONS, msg('region')).optional()),
  kind: z.preprocess(emptyToUndefined, z.enum(ORGANIZATION_KINDS, msg('invalid_value')).optional()),
  verified: z.preprocess(
    (v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : undefined),
    z.boolean().optional(),
  ),
});

export const mergeSchema = z.object({ into: z.string().trim().min(1, msg('required')).max(80) });

export const organizationUpdateSchema = z.object({
  name: z.string().trim().min(2, msg('name_short')).max(160),
  kind: z.enum(ORGANIZATION_KINDS, msg('invalid_value')),
  region: z.preprocess(emptyToUndefined, z.enum(REGIONS, msg('region')).optional()),
});
