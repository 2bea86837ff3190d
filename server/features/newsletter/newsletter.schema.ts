// Inputs of the Notiziario: an issue's draft and the unsubscribe link.
import { z } from 'zod';
import { isCalendarDay } from '../../core/time.ts';
import { msg, text } from '../../core/validation.ts';

const day = z.string(msg('newsletter.date')).trim().refine(isCalendarDay, msg('newsletter.date'));

/** The longest period one issue may cover. */
export const MAX_PERIOD_DAYS = 366;

export const issueSchema = z
  .object({
    // One line: it is the e-mail's subject.
    title: text(200)
      .min(3, msg('newsletter.title_short'))
      .regex(/^[^\r\n]*$/, msg('newsletter.title_line')),
    intro: text(20_000).default(''),
    periodStart: day,
    periodEnd: day,
  })
  .superRefine((v, ctx) => {
    const span = (Date.parse(v.periodEnd) - Date.parse(v.periodStart)) / 86_400_000;
    if (span < 0) ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'v.newsletter.period_order' });
    else if (span > MAX_PERIOD_DAYS)
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'v.newsletter.period_long' });
  });
export type IssueInput = z.infer<typeof issueSchema>;

export const unsubscribeSchema = z.object({
  u: z.coerce.number().int().positive().max(2_147_483_647),
  t: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});
