// The admins' page of appointed assessors (/admin/valutatori-competenze): appoint by handle or
// e-mail, dismiss. Animators and admins assess without appointment.
import { Router, type Request, type Response } from 'express';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import type { AppError } from '../../core/errors.ts';
import { actorOf, flash, formPost, formState, routeId } from '../../core/http.ts';
import { csrfToken } from '../../core/security.ts';
import * as assessors from './booklet.assessors.service.ts';

export function bookletAdminRoutes(deps: Deps): Router {
  const router = Router();
  const path = '/admin/valutatori-competenze';

  const render = async (req: Request, res: Response, err?: AppError) => {
    const list = await assessors.listAssessors(deps, actorOf(req));
    res.status(err?.status ?? 200).render('booklet/assessors', {
      title: req.t('booklet.assessors.title'),
      breadcrumbs: [{ label: req.t('admin.title'), url: '/admin' }, { label: req.t('booklet.assessors.title') }],
      assessors: list,
      csrf: csrfToken(req),
      ...formState(req, err?.fields),
    });
  };

  router.get(path, requireLogin, (req, res) => render(req, res));
  router.post(
    path,
    requireLogin,
    formPost(async (req, res) => {
      const { name, added } = await assessors.appointAssessor(deps, actorOf(req), req.body);
      flash(
        req,
        added ? 'success' : 'info',
        added ? 'booklet.flash.assessor_added' : 'booklet.flash.assessor_already',
        { name },
      );
      res.redirect(303, path);
    }, render),
  );
  router.post(`${path}/:id/rimuovi`, requireLogin, async (req, res) => {
    await assessors.dismissAssessor(deps, actorOf(req), routeId(req.params.id));
    flash(req, 'success', 'booklet.flash.assessor_removed');
    res.redirect(303, path);
  });

  return router;
}
