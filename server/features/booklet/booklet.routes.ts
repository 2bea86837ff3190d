// The booklet's pages (/libretto): the booklet itself, declaring, changing and deleting an
// experience (multipart forms carrying evidence), and what the public profile shows. Recognition
// pages are in booklet.validations.routes.ts, the exports in booklet.export.routes.ts, the API in
// booklet.api.routes.ts, the assessors' appointment in booklet.admin.routes.ts.
import { Router, type Request, type Response } from 'express';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import type { AppError } from '../../core/errors.ts';
import { actorOf, flash, flashRefusal, formPost, formState, idOf } from '../../core/http.ts';
import { csrfToken } from '../../core/security.ts';
import { bookletAdminRoutes } from './booklet.admin.routes.ts';
import { bookletApiRoutes } from './booklet.api.routes.ts';
import { bookletExportRoutes } from './booklet.export.routes.ts';
import * as experiences from './booklet.experiences.service.ts';
import { acceptEvidence, bookletCrumbs, evidenceFiles } from './booklet.http.ts';
import { EXPERIENCE_KINDS, MAX_EVIDENCE } from './booklet.schema.ts';
import * as booklet from './booklet.service.ts';
import { bookletValidationRoutes } from './booklet.validations.routes.ts';
import { competenceView, declaredView, entryView, requestView } from './booklet.view.ts';

export function bookletRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/libretto', requireLogin, async (req, res) => {
    const actor = actorOf(req);
    // The booklet and whether the person assesses, read together.
    const { booklet: b, assessor } = await booklet.myBookletPage(deps, actor);
    res.render('booklet/index', {
      title: req.t('booklet.title'),
      breadcrumbs: bookletCrumbs(req),
      meta: { robots: 'noindex' },
      person: b.person,
      entries: b.entries.map(entryView),
      declared: b.declared.map(declaredView),
      competences: b.competences.map(competenceView),
      requests: b.requests.map(requestView),
      assessor,
      csrf: csrfToken(req),
    });
  });

  const renderForm = async (req: Request, res: Response, err?: AppError) => {
    const editing = req.params.id ? await experiences.ownExperience(deps, actorOf(req), idOf(req)) : undefined;
    if (!err && editing)
      req.body = {
        ...experiences.experienceAsInput(editing),
        endedOn: editing.endedOn ?? '',
        hours: editing.hours ?? '',
      };
    if (!err && !editing) req.body = { kind: 'non_formal' };
    const state = formState(req, err?.fields);
    const chosen = ([] as unknown[]).concat(state.values.competences ?? []).flatMap((v) => String(v).split(/[\s,;]+/));
    const title = req.t(editing ? 'booklet.form.edit_title' : 'booklet.form.new_title');
    res.status(err?.status ?? 200).render('booklet/experience-form', {
      title,
      breadcrumbs: bookletCrumbs(req, { label: title }),
      action: editing ? `/libretto/esperienze/${editing.id}/modifica` : '/libretto/esperienze',
      editing,
      kinds: EXPERIENCE_KINDS,
      competenceGroups: (await experiences.competenceOptions(deps)).map((g) => ({
        ...g,
        competences: g.competences.map((c) => ({ ...c, selected: chosen.includes(c.code) })),
      })),
      maxFiles: MAX_EVIDENCE,
      csrf: csrfToken(req),
      ...state,
      formError: err && err.key !== 'errors.validation' ? req.t(err.key) : undefined,
    });
  };

  router.get('/libretto/esperienze/nuova', requireLogin, (req, res) => renderForm(req, res));
  router.post(
    '/libretto/esperienze',
    requireLogin,
    acceptEvidence(deps),
    formPost(async (req, res) => {
      await experiences.createExperience(deps, actorOf(req), req.body, evidenceFiles(req));
      flash(req, 'success', 'booklet.flash.experience_created');
      res.redirect(303, '/libretto#esperienze');
    }, renderForm),
  );

  router.get('/libretto/esperienze/:id/modifica', requireLogin, async (req, res) => {
    await experiences.assertUnlocked(deps, (await experiences.ownExperience(deps, actorOf(req), idOf(req))).id);
    await renderForm(req, res);
  });
  router.post(
    '/libretto/esperienze/:id/modifica',
    requireLogin,
    acceptEvidence(deps),
    formPost(async (req, res) => {
      await experiences.updateExperience(deps, actorOf(req), idOf(req), req.body, evidenceFiles(req));
      flash(req, 'success', 'booklet.flash.experience_updated');
      res.redirect(303, '/libretto#esperienze');
    }, renderForm),
  );

  router.post('/libretto/esperienze/:id/elimina', requireLogin, async (req, res) => {
    await flashRefusal(
      req,
      async () => {
        await experiences.deleteExperience(deps, actorOf(req), idOf(req));
        flash(req, 'success', 'booklet.flash.experience_deleted');
      },
      { statuses: [409] },
    );
    res.redirect(303, '/libretto#esperienze');
  });

  const renderVisibility = async (req: Request, res: Response, err?: AppError) => {
    const values = err ? req.body : await booklet.visibilityOf(deps, actorOf(req));
    res.status(err?.status ?? 200).render('booklet/visibility', {
      title: req.t('booklet.visibility.title'),
      breadcrumbs: bookletCrumbs(req, { label: req.t('booklet.visibility.title') }),
      values,
      profileUrl: `/membri/${req.user!.id}`,
      csrf: csrfToken(req),
    });
  };
  router.get('/libretto/visibilita', requireLogin, (req, res) => renderVisibility(req, res));
  router.post(
    '/libretto/visibilita',
    requireLogin,
    formPost(async (req, res) => {
      await booklet.saveVisibility(deps, actorOf(req), req.body);
      flash(req, 'success', 'booklet.flash.visibility_saved');
      res.redirect(303, '/libretto/visibilita');
    }, renderVisibility),
  );

  router.use(bookletExportRoutes(deps));
  router.use(bookletValidationRoutes(deps));
  router.use(bookletApiRoutes(deps));
  router.use(bookletAdminRoutes(deps));
  return router;
}
