// What a reuse declaration takes, from JSON (the API) or the practice page's form (checkboxes send
// one value or several).
import { z } from 'zod';
import { REUSE_STATUSES } from '../../../models/schema.ts';
import { isCalendarDay } from '../../core/time.ts';
import { msg } from '../../core/validation.ts';

export { REUSE_STATUSES };

/** The longest adaptation notes and outcome. */
export const REUSE_TEXT_MAX = 4000;

/** Browsers send text areas with CRLF: stored text uses LF. */
const lf = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v);
const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const listOf = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);

const longText = z.preprocess(
  lf,
  z.string(msg('invalid_type')).trim().max(REUSE_TEXT_MAX, msg('practice_reuse_text_long')).default(''),
);

export const reuseInputSchema = z.object({
  status: z.enum(REUSE_STATUSES, msg('practice_reuse_status')),
  startedOn: z.preprocess(
    emptyToUndefined,
    z.string(msg('practice_reuse_day')).trim().refine(isCalendarDay, msg('practice_reuse_day')).optional(),
  ),
  components: z.preprocess(listOf, z.array(z.string(msg('practice_reuse_component')).trim().min(1).max(40)).max(50)),
  adaptationNotes: longText,
  outcome: longText,
});
export type ReuseInput = z.infer<typeof reuseInputSchema>;
