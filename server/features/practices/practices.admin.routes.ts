// /admin/buone-pratiche: the validation protocol's criteria (add, rename, deactivate, reorder) and
// the validators appointed beside animators and admins. Admins only (the service decides).
import { Router } from 'express';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { actorOf, flash, flashRefusal, routeId } from '../../core/http.ts';
import { csrfToken } from '../../core/security.ts';
import * as settings from './practices.admin.service.ts';

const PAGE = '/admin/buone-pratiche';

export function practiceAdminRoutes(deps: Deps): Router {
  const router = Router();

  router.get(PAGE, requireLogin, async (req, res) => {
    const { criteria, validators } = await settings.protocolSettings(deps, actorOf(req));
    const title = req.t('practices.admin.title');
    res.render('practices/admin', {
      title,
      breadcrumbs: [{ label: req.t('admin.title'), url: '/admin' }, { label: title }],
      criteria: criteria.map((c, i) => ({ ...c, first: i === 0, last: i === criteria.length - 1 })),
      validators,
      csrf: csrfToken(req),
    });
  });

  router.post(`${PAGE}/criteri`, requireLogin, async (req, res) => {
    await flashRefusal(req, async () => {
      const c = await settings.addCriterion(deps, actorOf(req), req.body);
      flash(req, 'success', 'practices.admin.criterion_added', { label: c.labelIt });
    });
    res.redirect(303, PAGE);
  });

  router.post(`${PAGE}/criteri/:key`, requireLogin, async (req, res) => {
    await flashRefusal(req, async () => {
      const c = await settings.updateCriterion(deps, actorOf(req), String(req.params.key), req.body);
      flash(req, 'success', 'practices.admin.criterion_saved', { label: c.labelIt });
    });
    res.redirect(303, PAGE);
  });

  router.post(`${PAGE}/criteri/:key/sposta`, requireLogin, async (req, res) => {
    const direction = req.body?.direction === 'up' ? 'up' : 'down';
    await settings.moveCriterion(deps, actorOf(req), String(req.params.key), direction);
    flash(req, 'success', 'practices.admin.criteria_reordered');
    res.redirect(303, PAGE);
  });

  router.post(`${PAGE}/validatori`, requireLogin, async (req, res) => {
    await flashRefusal(
      req,
      async () => {
        const person = await settings.appointValidator(deps, actorOf(req), req.body);
        flash(req, 'success', 'practices.admin.validator_appointed', { name: person.name });
      },
      { statuses: [400, 409] },
    );
    res.redirect(303, PAGE);
  });

  router.post(`${PAGE}/validatori/:id/rimuovi`, requireLogin, async (req, res) => {
    await settings.removeValidator(deps, actorOf(req), routeId(req.params.id));
    flash(req, 'success', 'practices.admin.validator_removed');
    res.redirect(303, PAGE);
  });

  return router;
}
