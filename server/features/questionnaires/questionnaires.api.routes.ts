// The questionnaires JSON API: the catalogue, one questionnaire with its structure, answering (a draft
// until submitted), reading one's own response, and improvement plans with their actions.
import { Router } from 'express';
import { requireAuth } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { translateFields } from '../../core/i18n.ts';
import { actorOf, idOf, routeId, slugOf } from '../../core/http.ts';
import * as plans from './questionnaires.plans.service.ts';
import { keepToken, respondentOf } from './questionnaires.routes.ts';
import * as questionnaires from './questionnaires.service.ts';
import { AnswerErrors, ownResponse, saveFromApi } from './questionnaires.taking.service.ts';
import { answerFields, questionnaireJson, responseJson } from './questionnaires.view.ts';

const planJson = (p: Awaited<ReturnType<typeof plans.myPlans>>[number]) => ({
  id: p.id,
  title: p.title,
  questionnaire: { slug: p.questionnaireSlug, title: p.questionnaireTitle },
  organization: { id: p.organizationId, name: p.organizationName },
  responseId: p.responseId,
  actions: p.actions.map(actionJson),
  createdAt: p.createdAt,
  url: plans.planUrl(p.id),
});
const actionJson = (a: {
  id: number;
  dimension: string;
  title: string;
  ownerId: number | null;
  dueDate: string | null;
  status: string;
  indicator: string;
  doneAt: Date | null;
}) => ({
  id: a.id,
  dimension: a.dimension,
  title: a.title,
  ownerId: a.ownerId,
  dueDate: a.dueDate,
  status: a.status,
  indicator: a.indicator,
  doneAt: a.doneAt,
});

export function questionnaireApiRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/api/v1/questionnaires', async (req, res) => {
    const { questionnaires: rows } = await questionnaires.catalogue(deps, actorOf(req));
    res.json({ questionnaires: rows.map((q) => ({ ...questionnaireJson(q, false), responses: q.responses })) });
  });

  router.get('/api/v1/questionnaires/:slug', async (req, res) => {
    const qn = await questionnaires.findVisibleQuestionnaire(deps, actorOf(req), slugOf(req));
    res.json({ questionnaire: questionnaireJson(qn, true) });
  });

  router.post('/api/v1/questionnaires/:slug/responses', async (req, res) => {
    try {
      const saved = await saveFromApi(deps, respondentOf(req), slugOf(req), req.body);
      keepToken(req, saved.newToken);
      const r = saved.response;
      res
        .status(r.status === 'submitted' ? 201 : 200)
        .json({
          response: { id: r.id, status: r.status, ...(r.status === 'submitted' ? { scores: r.scores ?? {} } : {}) },
        });
    } catch (err) {
      if (!(err instanceof AnswerErrors)) throw err;
      keepToken(req, err.newToken);
      // The draft was kept: its id comes with the refusal.
      res.status(400).json({
        error: {
          code: err.code,
          message: req.t(err.key),
          fields: translateFields(req.t, answerFields(err.fields)),
          responseId: err.response.id,
        },
      });
    }
  });

  router.get('/api/v1/responses/:id', requireAuth, async (req, res) => {
    const { response } = await ownResponse(deps, respondentOf(req), idOf(req));
    res.json({ response: responseJson(response) });
  });

  router.get('/api/v1/plans', requireAuth, async (req, res) => {
    res.json({ plans: (await plans.myPlans(deps, actorOf(req))).map(planJson) });
  });

  router.post('/api/v1/plans', requireAuth, async (req, res) => {
    const plan = await plans.createPlan(deps, actorOf(req), req.body);
    const detail = await plans.planDetail(deps, actorOf(req), plan.id);
    res
      .status(201)
      .location(`/api/v1/plans/${plan.id}`)
      .json({ plan: planJson({ ...detail.plan, actions: detail.actions }) });
  });

  router.patch('/api/v1/plans/:id/actions/:actionId', requireAuth, async (req, res) => {
    const action = await plans.updateAction(
      deps,
      actorOf(req),
      idOf(req),
      routeId(String(req.params.actionId)),
      req.body,
    );
    res.json({ action: actionJson(action) });
  });

  return router;
}
