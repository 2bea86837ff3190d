// Improvement plan pages (/questionari/piani): the plans of one's administration, drafting one from a
// result, a plan's page with its actions and the change per dimension, adding and updating actions.
import { Router, type Request } from 'express';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { actorOf, flash, flashRefusal, idOf, routeId } from '../../core/http.ts';
import { csrfToken } from '../../core/security.ts';
import * as plans from './questionnaires.plans.service.ts';
import { PLAN_STATUSES } from './questionnaires.schema.ts';

export function questionnairePlanRoutes(deps: Deps): Router {
  const router = Router();
  const crumbs = (req: Request, ...rest: { label: string; url?: string }[]) => [
    { label: req.t('questionnaires.title'), url: '/questionari' },
    { label: req.t('questionnaires.plans.title'), ...(rest.length ? { url: '/questionari/piani' } : {}) },
    ...rest,
  ];

  router.get('/questionari/piani', requireLogin, async (req, res) => {
    const list = await plans.myPlans(deps, actorOf(req));
    res.render('questionnaires/plans', {
      title: req.t('questionnaires.plans.title'),
      breadcrumbs: crumbs(req),
      plans: list.map((p) => ({
        ...p,
        url: plans.planUrl(p.id),
        done: p.actions.filter((a) => a.status === 'done').length,
        total: p.actions.length,
      })),
    });
  });

  router.post('/questionari/piani', requireLogin, async (req, res) => {
    const plan = await plans.createPlan(deps, actorOf(req), { responseId: req.body?.responseId });
    flash(req, 'success', 'questionnaires.flash.plan_created');
    res.redirect(303, plans.planUrl(plan.id));
  });

  router.get('/questionari/piani/:id', requireLogin, async (req, res) => {
    const d = await plans.planDetail(deps, actorOf(req), idOf(req));
    const dimTitle = new Map(d.questionnaire.definition.dimensions.map((x) => [x.key, x.title]));
    res.render('questionnaires/plan', {
      title: d.plan.title,
      breadcrumbs: crumbs(req, { label: d.plan.title }),
      meta: { robots: 'noindex' },
      plan: d.plan,
      questionnaire: { slug: d.questionnaire.slug, title: d.questionnaire.title },
      actions: d.actions.map((a) => ({ ...a, dimensionTitle: dimTitle.get(a.dimension) ?? a.dimension })),
      members: d.members,
      dimensions: d.dimensions,
      dimensionChoices: d.questionnaire.definition.dimensions.map((x) => ({ key: x.key, title: x.title })),
      statuses: PLAN_STATUSES,
      results: d.results,
      progress: d.progress,
      csrf: csrfToken(req),
    });
  });

  router.post('/questionari/piani/:id/azioni', requireLogin, async (req, res) => {
    await flashRefusal(req, async () => {
      await plans.addAction(deps, actorOf(req), idOf(req), req.body);
      flash(req, 'success', 'questionnaires.flash.action_added');
    });
    res.redirect(303, plans.planUrl(idOf(req)));
  });

  router.post('/questionari/piani/:id/azioni/:actionId', requireLogin, async (req, res) => {
    const { _csrf, ...patch } = req.body ?? {};
    void _csrf;
    await flashRefusal(req, async () => {
      await plans.updateAction(deps, actorOf(req), idOf(req), routeId(String(req.params.actionId)), patch);
      flash(req, 'success', 'questionnaires.flash.action_updated');
    });
    res.redirect(303, `${plans.planUrl(idOf(req))}#azione-${req.params.actionId}`);
  });

  return router;
}
