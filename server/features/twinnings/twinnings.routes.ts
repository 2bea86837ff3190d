// The twinning pages (/gemellaggi): "tutti i gemellaggi" with filters and pages, a twinning's page
// (models with progress bars, the timeline, participants, discussion, meetings, outcomes), the
// create / propose and edit forms, and the buttons of its page (move on, join, add a model or a
// milestone, mark a milestone, record outcomes, schedule a meeting). The JSON API is in
// twinnings.api.routes.ts.
import { Router, type Request, type Response } from 'express';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/errors.ts';
import { actorOf, flash, formPost, formState, idOf, slugOf } from '../../core/http.ts';
import { paginate } from '../../core/pagination.ts';
import { csrfToken } from '../../core/security.ts';
import { uploadedFiles, uploadParser } from '../../core/uploads.ts';
import { uploadAttachment } from '../attachments/attachments.service.ts';
import { canCreateTwinning } from './twinnings.policy.ts';
import {
  MILESTONE_STATUSES,
  PRACTICE_THEMES,
  REGIONS,
  TWINNING_OUTCOMES,
  TWINNING_ROLES,
  TWINNING_STATUSES,
} from './twinnings.schema.ts';
import * as twinnings from './twinnings.service.ts';
import { twinningCardView, twinningDetailView } from './twinnings.view.ts';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function twinningRoutes(deps: Deps): Router {
  const router = Router();
  const crumbs = (req: Request, ...rest: { label: string; url?: string }[]) => [
    { label: req.t('twinnings.title'), ...(rest.length ? { url: '/gemellaggi' } : {}) },
    ...rest,
  ];
  const choices = { statuses: TWINNING_STATUSES, regions: REGIONS, themes: PRACTICE_THEMES };

  router.get('/gemellaggi', async (req, res) => {
    const { stato, regione, tema, ente, page } = req.query;
    const result = await twinnings.listTwinnings(deps, actorOf(req), {
      status: stato,
      region: regione,
      theme: tema,
      organization: ente,
      page,
    });
    const f = result.filter;
    const query = { stato: f.status, regione: f.region, tema: f.theme, ente: f.organization };
    res.render('twinnings/index', {
      title: req.t('twinnings.title'),
      breadcrumbs: crumbs(req),
      meta: { description: req.t('twinnings.intro') },
      twinnings: result.items.map(twinningCardView),
      total: result.total,
      query,
      ...choices,
      organizations: result.organizations,
      canCreate: Boolean(req.user) && canCreateTwinning(actorOf(req)),
      pagination: paginate('/gemellaggi', query, result.page, result.pages),
    });
  });

  /** The form's values as text fields (lists comma separated). */
  const formValues = (v: Record<string, unknown>) => {
    const list = (x: unknown) => (Array.isArray(x) ? x.join(', ') : (x ?? ''));
    return {
      ...v,
      offering: list(v.offering),
      receiving: list(v.receiving),
      practices: list(v.practices),
      priorities: list(v.priorities),
    };
  };

  const showForm = (view: 'new' | 'edit') => async (req: Request, res: Response, err?: AppError) => {
    const actor = actorOf(req);
    const detail = view === 'edit' ? await twinnings.twinningDetail(deps, actor, slugOf(req)) : undefined;
    if (detail && !detail.can.manage) throw new AppError(403, 'forbidden', 'twinnings.errors.not_manager');
    const edit = detail ? twinningDetailView(detail) : undefined;
    // Editing: one text area of objectives per receiving administration.
    const objectiveFields = (edit?.receiving ?? []).map((r) => ({ name: `objectives__${r.slug}`, label: r.name }));
    let values: Record<string, unknown>;
    if (err) values = req.body;
    else if (edit && detail)
      values = {
        ...edit,
        offering: edit.offering.map((o) => o.slug),
        receiving: edit.receiving.map((o) => o.slug),
        practices: edit.practices.map((p) => p.slug),
        ...Object.fromEntries(edit.receiving.map((r) => [`objectives__${r.slug}`, r.objectives])),
        expectedResults: detail.twinning.expectedResults,
        achievedResults: detail.twinning.achievedResults,
      };
    else
      values = await twinnings.proposalPrefill(deps, actor, {
        practice: req.query.pratica,
        posts: req.query.annunci,
        offering: req.query.offre,
        receiving: req.query.riceve,
      });
    req.body = formValues(values);
    const proposal = !edit && !canCreateTwinning(actor);
    const title = edit
      ? req.t('twinnings.form.edit_title')
      : proposal
        ? req.t('twinnings.form.propose_title')
        : req.t('twinnings.form.new_title');
    res.status(err?.status ?? 200).render('twinnings/form', {
      title,
      breadcrumbs: crumbs(req, ...(edit ? [{ label: edit.title, url: edit.url }] : []), { label: title }),
      action: edit ? `${edit.url}/modifica` : '/gemellaggi',
      editing: Boolean(edit),
      objectiveFields: objectiveFields.map((f) => ({
        ...f,
        value: (req.body as Record<string, unknown>)[f.name] ?? '',
      })),
      proposal,
      ...choices,
      csrf: csrfToken(req),
      ...formState(req, err?.fields),
      formError: err && !err.fields ? req.t(err.key) : undefined,
    });
  };

  /**
   * The form's objectives: on the edit form one text area per receiving administration
   * (objectives__<slug>); on the new form one text area for every receiving administration.
   */
  const fromForm = (body: Record<string, unknown>) => {
    const receiving = String(body.receiving ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const rest = Object.fromEntries(
      Object.entries(body).filter(([k]) => k !== 'objectives' && !k.startsWith('objectives__')),
    );
    const own = (slug: string) => body[`objectives__${slug}`];
    const text = typeof body.objectives === 'string' ? body.objectives : '';
    return {
      ...rest,
      objectives: Object.fromEntries(receiving.map((r) => [r, typeof own(r) === 'string' ? (own(r) as string) : text])),
    };
  };

  router.get('/gemellaggi/nuovo', requireLogin, (req, res) => showForm('new')(req, res));
  router.post(
    '/gemellaggi',
    requireLogin,
    formPost(async (req, res) => {
      const t = await twinnings.createTwinning(deps, actorOf(req), fromForm(req.body));
      flash(req, 'success', t.status === 'proposed' ? 'twinnings.flash.proposed' : 'twinnings.flash.created');
      res.redirect(303, `/gemellaggi/${t.slug}`);
    }, showForm('new')),
  );

  router.get('/gemellaggi/:slug', async (req, res, next) => {
    if (!SLUG.test(slugOf(req))) return next();
    const detail = await twinnings.twinningDetail(deps, actorOf(req), slugOf(req));
    const view = twinningDetailView(detail);
    res.render('twinnings/show', {
      title: view.title,
      breadcrumbs: crumbs(req, { label: view.title }),
      meta: {
        description: `${req.t('twinnings.title')}: ${view.title}`,
        ...(view.status === 'proposed' ? { robots: 'noindex' } : {}),
      },
      twinning: view,
      can: detail.can,
      panel: detail.can.move || detail.can.manage,
      hasResults: Boolean(view.expectedResultsHtml || view.achievedResultsHtml),
      nextKey: detail.can.next ? `twinnings.advance.${detail.can.next}` : null,
      roles: TWINNING_ROLES,
      milestoneStatuses: MILESTONE_STATUSES,
      outcomes: TWINNING_OUTCOMES,
      room: `twinning:${view.slug}`,
      csrf: req.user ? csrfToken(req) : undefined,
    });
  });

  router.get('/gemellaggi/:slug/modifica', requireLogin, (req, res) => showForm('edit')(req, res));
  router.post(
    '/gemellaggi/:slug/modifica',
    requireLogin,
    formPost(async (req, res) => {
      await twinnings.updateTwinning(deps, actorOf(req), slugOf(req), fromForm(req.body));
      flash(req, 'success', 'twinnings.flash.updated');
      res.redirect(303, `/gemellaggi/${slugOf(req)}`);
    }, showForm('edit')),
  );

  // The page's buttons and small forms: a refusal comes back as a message on the twinning's page.
  const action = (path: string, run: (req: Request) => Promise<unknown>, done: string) =>
    router.post(`/gemellaggi/:slug/${path}`, requireLogin, async (req, res) => {
      try {
        await run(req);
        flash(req, 'success', done);
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500 || err.status === 404 || err.status === 401) throw err;
        const field = Object.values(err.fields ?? {})[0];
        flash(req, 'danger', field?.key ?? err.key, field?.params);
      }
      res.redirect(303, `/gemellaggi/${slugOf(req)}`);
    });
  action('stato', (req) => twinnings.advanceTwinning(deps, actorOf(req), slugOf(req)), 'twinnings.flash.moved');
  action('lascia', (req) => twinnings.leaveTwinning(deps, actorOf(req), slugOf(req)), 'twinnings.flash.left');
  action(
    'partecipa',
    (req) => twinnings.joinTwinning(deps, actorOf(req), slugOf(req), req.body),
    'twinnings.flash.joined',
  );
  action(
    'modelli',
    (req) => twinnings.addModel(deps, actorOf(req), slugOf(req), req.body),
    'twinnings.flash.model_added',
  );
  action(
    'tappe',
    (req) => twinnings.addMilestone(deps, actorOf(req), slugOf(req), req.body),
    'twinnings.flash.milestone_added',
  );
  router.post('/gemellaggi/:slug/tappe/:id', requireLogin, async (req, res) => {
    try {
      await twinnings.updateMilestone(deps, actorOf(req), slugOf(req), idOf(req), req.body);
      flash(req, 'success', 'twinnings.flash.milestone_updated');
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500 || err.status === 401) throw err;
      flash(req, 'danger', Object.values(err.fields ?? {})[0]?.key ?? err.key);
    }
    res.redirect(303, `/gemellaggi/${slugOf(req)}#tappa-${idOf(req)}`);
  });
  action(
    'esiti',
    (req) => {
      // The closing form: one outcome and notes per model (outcome_A, notes_A, …); unanswered models are left out.
      const body = req.body as Record<string, string>;
      const outcomes = Object.keys(body)
        .filter((k) => k.startsWith('outcome_') && body[k])
        .map((k) => ({ modelCode: k.slice(8), outcome: body[k], notes: body[`notes_${k.slice(8)}`] ?? '' }));
      return twinnings.recordOutcomes(deps, actorOf(req), slugOf(req), { outcomes });
    },
    'twinnings.flash.outcomes',
  );
  // Documents: the files sent with the form are stored as uploads, then linked all at once.
  const parseFiles = uploadParser(deps.config, 'files', 5);
  router.post('/gemellaggi/:slug/documenti', requireLogin, async (req, res, next) => {
    // Who may not run the twinning is refused before any upload is read.
    try {
      if (!(await twinnings.twinningDetail(deps, actorOf(req), slugOf(req))).can.manage)
        throw new AppError(403, 'forbidden', 'twinnings.errors.not_manager');
    } catch (err) {
      return next(err);
    }
    parseFiles(req, res, async (err?: unknown) => {
      try {
        if (err) throw err;
        const ids: number[] = [];
        for (const file of uploadedFiles(req)) ids.push((await uploadAttachment(deps, actorOf(req), file, 'files')).id);
        await twinnings.addDocuments(deps, actorOf(req), slugOf(req), { attachmentIds: ids });
        flash(req, 'success', 'twinnings.flash.documents');
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) return next(e);
        const field = Object.values(e.fields ?? {})[0];
        flash(req, 'danger', field?.key ?? e.key, field?.params);
      }
      res.redirect(303, `/gemellaggi/${slugOf(req)}#documenti`);
    });
  });
  action(
    'incontri',
    (req) => twinnings.scheduleMeeting(deps, actorOf(req), slugOf(req), req.body),
    'twinnings.flash.meeting',
  );

  return router;
}
