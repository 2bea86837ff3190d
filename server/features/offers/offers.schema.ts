// What a training offer takes (API JSON, the CSV's rows once named, the browser's form) and the
// catalogue's filters. Field names are English on the API and in the CSV; messages are Italian.
import { z } from 'zod';
import { OFFER_CERTIFICATIONS, PRACTICE_THEMES } from '../../../models/schema.ts';
import { msg } from '../../core/validation.ts';
import { PROVINCE_CODES } from './offers.provinces.ts';

export { OFFER_CERTIFICATIONS, PRACTICE_THEMES as OFFER_THEMES };

export const OFFER_PAGE_SIZE = 12;
export const OFFER_API_MAX = 100;
export const OFFER_TITLE_MAX = 200;
export const OFFER_DESCRIPTION_MAX = 20_000;
/** The largest CSV a provider sends at once (rows). */
export const OFFER_CSV_MAX_ROWS = 2_000;

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

const isoDay = z
  .string(msg('offer_date'))
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, msg('offer_date'))
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, msg('offer_date'));

const line = (max: number, key: string) => z.string(msg(key)).trim().min(1, msg(key)).max(max, msg(key));
const upper = (v: unknown) => (typeof v === 'string' ? v.trim().toUpperCase() : v);
const bool = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    const s = v.trim().toLowerCase();
    if (['true', '1', 'si', 'sì', 'yes', 'on'].includes(s)) return true;
    if (['false', '0', 'no', 'off', ''].includes(s)) return false;
    return v;
  },
  z.boolean(msg('offer_boolean')),
);

export const httpsUrl = z
  .string(msg('offer_url'))
  .trim()
  .max(2000, msg('offer_url'))
  .refine((s) => /^https:\/\//i.test(s), msg('offer_url'))
  .pipe(z.url({ protocol: /^https$/, error: 'v.offer_url' }));

/** Every field of an offer; cross-field rules (dates' order, place) are checked by checkOffer. */
export const offerFields = z.object({
  externalId: optional(line(100, 'offer_external_id')),
  title: z.string(msg('offer_title')).trim().min(3, msg('offer_title')).max(OFFER_TITLE_MAX, msg('offer_title')),
  providerName: optional(line(200, 'offer_provider')),
  description: z.string().trim().max(OFFER_DESCRIPTION_MAX, msg('offer_description')).default(''),
  online: bool.default(false),
  province: optional(z.preprocess(upper, z.enum(PROVINCE_CODES, msg('offer_province')))),
  town: optional(line(120, 'offer_town')),
  startsOn: isoDay,
  endsOn: isoDay,
  hours: z.coerce
    .number(msg('offer_hours'))
    .int(msg('offer_hours'))
    .min(1, msg('offer_hours'))
    .max(5000, msg('offer_hours')),
  costCents: z.coerce
    .number(msg('offer_cost'))
    .int(msg('offer_cost'))
    .min(0, msg('offer_cost'))
    .max(100_000_000, msg('offer_cost'))
    .default(0),
  targetAudience: z.string().trim().max(500, msg('offer_target')).default(''),
  certification: z.preprocess(
    emptyToUndefined,
    z.enum(OFFER_CERTIFICATIONS, msg('offer_certification')).default('none'),
  ),
  competences: z
    .preprocess(
      (v) =>
        typeof v === 'string'
          ? v
              .split(/[|,;\s]+/)
              .map((s) => s.trim())
              .filter(Boolean)
          : v,
      z.array(z.string().trim().min(1).max(40), msg('offer_competences_list')).max(30, msg('offer_competences_list')),
    )
    .default([]),
  url: optional(httpsUrl),
  theme: z.preprocess(emptyToUndefined, z.enum(PRACTICE_THEMES, msg('offer_theme'))),
  /** Admins and animators may publish for another administration (its slug). */
  organization: optional(z.string().trim().max(120)),
});
export type OfferFields = z.infer<typeof offerFields>;

/** A change: any subset of the fields (the organisation and the external id stay). */
export const offerPatch = offerFields.omit({ organization: true, externalId: true }).partial();

/** The page's filters (Italian names; a wrong value is ignored, so an old link still opens). */
export const offerPageQuery = z.object({
  q: optional(z.string().trim().max(200)).catch(undefined),
  provincia: optional(z.preprocess(upper, z.enum(PROVINCE_CODES))).catch(undefined),
  tema: optional(z.enum(PRACTICE_THEMES)).catch(undefined),
  dal: optional(isoDay).catch(undefined),
  al: optional(isoDay).catch(undefined),
  gratuiti: optional(z.enum(['1'])).catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type OfferPageQuery = z.infer<typeof offerPageQuery>;

/** The API's filters (English names; a wrong value is a 400). */
export const offerApiQuery = z.object({
  q: optional(z.string().trim().max(200, msg('offer_query'))),
  province: optional(z.preprocess(upper, z.enum(PROVINCE_CODES, msg('offer_province')))),
  theme: optional(z.enum(PRACTICE_THEMES, msg('offer_theme'))),
  from: optional(isoDay),
  to: optional(isoDay),
  free: optional(z.enum(['true', 'false'], msg('offer_boolean'))),
  page: z.coerce.number(msg('invalid_type')).int().min(1).max(10_000).default(1),
  limit: z.coerce.number(msg('invalid_type')).int().min(1).max(OFFER_API_MAX).default(20),
});
export type OfferApiQuery = z.infer<typeof offerApiQuery>;

/** The CSV import's options (query string or form). */
export const importOptions = z.object({
  dryRun: z.preprocess((v) => v === '1' || v === 'true' || v === 'on' || v === true, z.boolean()).default(false),
  organization: optional(z.string().trim().max(120)),
});
