// What every course route shares: the request's actor and parameters, the one reserved-slug guard,
// and the way a learner's refusal on a page goes back to the course with the reason.
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../core/errors.ts';
import { flash } from '../../core/http.ts';
// routeId is the one route helper the course routes share with other features (core/http.ts is to hold it).
import { routeId } from '../../core/http.ts';
import { RESERVED_SLUGS } from './courses.schema.ts';

export { routeId };
export const actorOf = (req: Request) => req.user ?? null;
export const param = (req: Request, name: string) => String(req.params[name]);
export const slugOf = (req: Request) => param(req, 'slug');
export const idOf = (req: Request) => routeId(req.params.id);

/** Slugs under /corsi that are pages of their own, not courses: their routes are skipped (`router.param('slug', …)`). */
export function skipReservedSlugs(_req: Request, _res: Response, next: NextFunction, slug: string): void {
  next(RESERVED_SLUGS.includes(slug) ? 'route' : undefined);
}

/** A learner's refusal on a page (not enrolled, request pending) goes back to the course with the reason. */
export function toCoursePage(req: Request, res: Response, next: NextFunction, err: unknown) {
  if (err instanceof AppError && err.status === 401) return res.redirect(303, `/accedi?next=${encodeURIComponent(req.originalUrl)}`);
  if (err instanceof AppError && err.status === 403 && err.key.startsWith('courses.errors.')) {
    flash(req, 'warning', err.key);
    return res.redirect(303, `/corsi/${slugOf(req)}`);
  }
  next(err);
}

/** The crumbs from the catalogue down to a course and below it. */
export function courseCrumbs(req: Request, course: { slug: string; title: string }, ...below: { label: string; url?: string }[]) {
  return [{ label: req.t('courses.title'), url: '/corsi' }, { label: course.title, url: `/corsi/${course.slug}` }, ...below];
}
