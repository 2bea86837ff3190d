// What the course editor's handlers share (courses.authoring.*.routes.ts): the editor's URLs, the
// Markdown preview, failed forms with their labelled summary, the frame above every page, and the
// messages after a change.
import type { Request, Response } from 'express';
import { AppError, type FieldErrors } from '../../core/errors.ts';
import { flash, formState } from '../../core/http.ts';
import { renderDocument } from '../../core/markdown.ts';
import { csrfToken } from '../../core/security.ts';
import type { Course } from './courses.access.ts';
import { fileBase } from './courses.import.ts';

export const editUrl = (slug: string, rest = '') => `/corsi/${slug}/modifica${rest}`;
export const isPreview = (req: Request) => req.body?.action === 'preview';
/** The Markdown of a form's text area, as learners will see it, when the form asked for a preview. */
export const previewOf = (req: Request, field: string, slug?: string) =>
  isPreview(req) ? renderDocument(String(req.body?.[field] ?? ''), slug ? { imageBase: fileBase(slug) } : {}) : undefined;

/** Field errors with their labels, for the list at the top of a form (each links to its field). */
export function errorSummary(req: Request, fields: FieldErrors | undefined, idPrefix = 'f-') {
  return Object.entries(fields ?? {}).map(([name, m]) => {
    const choice = /^choice(\d+)_(text|feedback)$/.exec(name);
    const label = choice ? req.t(`course_authoring.fields.choice_${choice[2]}`, { n: choice[1] }) : req.t(`course_authoring.fields.${name}`, { defaultValue: '' });
    const text = req.t(m.key, m.params ?? {});
    return { href: `#${idPrefix}${name}`, text: label ? `${label}: ${text}` : text };
  });
}

/** The state of a failed form, with its labelled summary. */
export const failed = (req: Request, err: AppError | undefined, idPrefix?: string) => ({
  ...formState(req, err?.fields),
  errorSummary: errorSummary(req, err?.fields, idPrefix),
  formError: err && !err.fields ? req.t(err.key) : undefined,
});

/** What every editor page shows above its content: status, version, tabs, the import warning. */
export function frame(req: Request, course: Course, tab: string, title: string) {
  return {
    title,
    breadcrumbs: [
      { label: req.t('course_authoring.breadcrumb'), url: '/corsi' },
      { label: course.title, url: `/corsi/${course.slug}` },
      { label: req.t('course_authoring.edit_title'), ...(tab === 'settings' ? {} : { url: editUrl(course.slug) }) },
      ...(tab === 'settings' ? [] : [{ label: title }]),
    ],
    course,
    tab,
    published: course.status === 'published',
    fromFile: course.source === 'file',
    csrf: csrfToken(req),
  };
}

export const refusal = (err: unknown): err is AppError => err instanceof AppError && (err.status === 400 || err.status === 409);

/** Says what was done, and the new version when the change made one. */
export function saved(req: Request, key: string, out?: { course: Course; bumped: boolean }, params?: Record<string, unknown>) {
  flash(req, 'success', key, params);
  if (out?.bumped) flash(req, 'info', 'course_authoring.flash.new_version', { version: out.course.version });
}

/** A button's post (move, delete): done and back, or refused with the reason on the same page. */
export async function button(req: Request, res: Response, back: string, key: string, work: () => Promise<{ course: Course; bumped: boolean }>) {
  try {
    saved(req, key, await work());
  } catch (err) {
    if (!refusal(err)) throw err;
    const first = Object.values(err.fields ?? {})[0];
    flash(req, 'danger', first?.key ?? err.key, first?.params);
  }
  res.redirect(303, back);
}
