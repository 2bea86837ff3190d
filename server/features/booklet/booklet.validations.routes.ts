// Recognition of prior learning in the browser: asking (/libretto/riconoscimenti/nuova), the
// assessors' queue (/libretto/riconoscimenti/da-valutare), a request's page with its experience,
// evidence and history (/libretto/riconoscimenti/:id), the assessor's decision, the person's answer
// (a message and more evidence) and withdrawal.
import { Router, type Request, type Response } from 'express';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import type { AppError } from '../../core/errors.ts';
import { actorOf, flash, formPost, formState, idOf, routeId } from '../../core/http.ts';
import { csrfToken } from '../../core/security.ts';
import { acceptEvidence, bookletCrumbs, evidenceFiles } from './booklet.http.ts';
import * as experiences from './booklet.experiences.service.ts';
import { DECISIONS } from './booklet.schema.ts';
import * as validations from './booklet.validations.service.ts';
import { declaredView, requestView, stepView } from './booklet.view.ts';

const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8];

export function bookletValidationRoutes(deps: Deps): Router {
  const router = Router();
  const base = '/libretto/riconoscimenti';

  const renderRequestForm = async (req: Request, res: Response, err?: AppError) => {
    const raw = err ? req.body?.experienceId : req.query.esperienza;
    const experience = await experiences.ownExperience(deps, actorOf(req), routeId(String(raw ?? '')));
    if (!err) req.body = { experienceId: experience.id, competence: experience.competences[0]?.code ?? '' };
    const title = req.t('booklet.request.title');
    res.status(err?.status ?? 200).render('booklet/request-form', {
      title,
      breadcrumbs: bookletCrumbs(req, { label: title }),
      experience: declaredView(experience),
      csrf: csrfToken(req),
      ...formState(req, err?.fields),
      formError: err && err.key !== 'errors.validation' ? req.t(err.key) : undefined,
    });
  };

  router.get(`${base}/nuova`, requireLogin, (req, res) => renderRequestForm(req, res));
  router.post(
    base,
    requireLogin,
    formPost(
      async (req, res) => {
        const row = await validations.requestValidation(deps, actorOf(req), req.body);
        flash(req, 'success', 'booklet.flash.request_sent');
        res.redirect(303, `${base}/${row.id}`);
      },
      renderRequestForm,
      [400, 409],
    ),
  );

  router.get(`${base}/da-valutare`, requireLogin, async (req, res) => {
    const queue = await validations.assessorQueue(deps, actorOf(req));
    res.render('booklet/queue', {
      title: req.t('booklet.queue.title'),
      breadcrumbs: bookletCrumbs(req, { label: req.t('booklet.queue.title') }),
      meta: { robots: 'noindex' },
      requests: queue.map(requestView),
    });
  });

  const renderRequest = async (req: Request, res: Response, err?: AppError) => {
    const detail = await validations.requestDetail(deps, actorOf(req), idOf(req));
    const r = detail.request;
    const title = req.t('booklet.request.page_title', { code: r.competenceCode });
    res.status(err?.status ?? 200).render('booklet/request', {
      title,
      breadcrumbs: bookletCrumbs(req, { label: title }),
      meta: { robots: 'noindex' },
      request: requestView(r),
      isOwner: req.user!.id === r.userId,
      experience: detail.experience ? declaredView(detail.experience) : null,
      steps: detail.steps.map(stepView),
      can: detail.can,
      decisions: DECISIONS.filter((d) => d !== 'more_info' || detail.can.askMore),
      levels: LEVELS,
      csrf: csrfToken(req),
      ...formState(req, err?.fields),
      formError: err && err.key !== 'errors.validation' ? req.t(err.key) : undefined,
    });
  };

  router.get(`${base}/:id`, requireLogin, (req, res) => renderRequest(req, res));
  router.post(
    `${base}/:id/decisione`,
    requireLogin,
    formPost(
      async (req, res) => {
        const row = await validations.decide(deps, actorOf(req), idOf(req), req.body);
        flash(req, 'success', `booklet.flash.decided_${row.status}`);
        res.redirect(303, `${base}/${row.id}`);
      },
      renderRequest,
      [400, 409],
    ),
  );
  router.post(
    `${base}/:id/risposta`,
    requireLogin,
    acceptEvidence(deps),
    formPost(
      async (req, res) => {
        await validations.answer(deps, actorOf(req), idOf(req), req.body, evidenceFiles(req));
        flash(req, 'success', 'booklet.flash.answered');
        res.redirect(303, `${base}/${idOf(req)}`);
      },
      renderRequest,
      [400, 409],
    ),
  );
  router.post(
    `${base}/:id/ritira`,
    requireLogin,
    formPost(
      async (req, res) => {
        await validations.withdraw(deps, actorOf(req), idOf(req));
        flash(req, 'success', 'booklet.flash.withdrawn');
        res.redirect(303, `${base}/${idOf(req)}`);
      },
      renderRequest,
      [409],
    ),
  );

  return router;
}
