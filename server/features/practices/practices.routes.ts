// The practice registry's pages: a practice (/buone-pratiche/:slug), "my practices", the
// validators' queue, the protocol form, the lifecycle's buttons and the published versions with
// their differences. The catalogue (/buone-pratiche) and the forms are in their own route files;
// the /api/v1 resource in practices.api.routes.ts.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import type { AppError } from '../../core/errors.ts';
import { actorOf, flash, flashRefusal, formPost, formState, routeId, slugOf } from '../../core/http.ts';
import { csrfToken } from '../../core/security.ts';
import { excerptOf } from '../notifications/notifications.view.ts';
import { archivePractice, publishPractice, submitPractice, validatePractice } from './practices.lifecycle.service.ts';
import {
  myPractices,
  practiceVersion,
  practiceVersions,
  readPractice,
  reviewQueue,
  validationForm,
} from './practices.read.service.ts';
import { reuseSection } from './practices.reuses.service.ts';
import { PRACTICE_SLUG, RESERVED_SLUGS } from './practices.service.ts';
import { labellerOf, type Labeller } from './practices.versions.ts';
import { changesView, practiceCardView, practicePageView, practicePath } from './practices.view.ts';
import { canProposeTwinning } from '../twinnings/twinnings.policy.ts';
import { twinningsOfPractice } from '../twinnings/twinnings.service.ts';
import { twinningCardView } from '../twinnings/twinnings.view.ts';

const registry = (req: Request) => ({ label: req.t('practices.title'), url: '/buone-pratiche' });

/** The words for coded values in a version, in the reader's language. */
const labeller = (req: Request): Labeller => labellerOf(req.t);

/** The form's fields of the protocol as its input: `score_<key>` and `note_<key>` become scores. */
function validationInputOf(body: Record<string, unknown>) {
  const scores: Record<string, { score: unknown; note: unknown }> = {};
  for (const [name, value] of Object.entries(body)) {
    const m = /^score_(.+)$/.exec(name);
    if (m && value !== '' && value !== undefined) scores[m[1]!] = { score: value, note: body[`note_${m[1]}`] ?? '' };
  }
  return {
    decision: body.decision,
    scores,
    strengths: body.strengths,
    weaknesses: body.weaknesses,
    comment: body.comment,
  };
}

export function practiceRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/buone-pratiche/mie', requireLogin, async (req, res) => {
    const rows = await myPractices(deps, actorOf(req));
    res.render('practices/mine', {
      title: req.t('practices.mine.title'),
      breadcrumbs: [registry(req), { label: req.t('practices.mine.title') }],
      items: rows.map(practiceCardView),
    });
  });

  router.get('/buone-pratiche/da-validare', requireLogin, async (req, res) => {
    const queue = await reviewQueue(deps, actorOf(req));
    res.render('practices/queue', {
      title: req.t('practices.queue.title'),
      breadcrumbs: [registry(req), { label: req.t('practices.queue.title') }],
      toValidate: queue.toValidate.map(practiceCardView),
      toPublish: queue.toPublish.map(practiceCardView),
    });
  });

  // --- The protocol ----------------------------------------------------------------------------
  const renderValidation = async (req: Request, res: Response, err?: AppError) => {
    const form = await validationForm(deps, actorOf(req), slugOf(req));
    const state = formState(req, err?.fields);
    const title = req.t('practices.validate.title');
    res.status(err?.status ?? 200).render('practices/validate', {
      title,
      breadcrumbs: [
        registry(req),
        { label: form.practice.title, url: practicePath(form.practice.slug) },
        { label: title },
      ],
      ...form,
      ...state,
      criteria: form.criteria.map((c) => ({
        key: c.key,
        label: req.lang === 'en' ? c.labelEn : c.labelIt,
        description: req.lang === 'en' ? c.descriptionEn : c.descriptionIt,
        error: state.errors[`scores.${c.key}`],
        note: state.values[`note_${c.key}`] ?? '',
        options: [1, 2, 3, 4].map((n) => ({ n, checked: String(state.values[`score_${c.key}`] ?? '') === String(n) })),
      })),
      missing: form.missing.map((f) => `practices.fields.${f}`),
      decision: state.values.decision ?? (form.canValidate ? 'validated' : 'returned'),
      csrf: csrfToken(req),
      url: practicePath(form.practice.slug),
    });
  };

  router.get('/buone-pratiche/:slug/valida', requireLogin, (req, res) => renderValidation(req, res));
  router.post(
    '/buone-pratiche/:slug/valida',
    requireLogin,
    formPost(async (req, res) => {
      const { practice, validation } = await validatePractice(
        deps,
        actorOf(req),
        slugOf(req),
        validationInputOf(req.body ?? {}),
      );
      flash(req, 'success', `practices.flash.${validation.decision}`);
      res.redirect(
        303,
        validation.decision === 'validated' ? practicePath(practice.slug) : '/buone-pratiche/da-validare',
      );
    }, renderValidation),
  );

  // --- Lifecycle buttons: a refusal (incomplete record, wrong status) is a message on the page ---
  const steps = { invia: submitPractice, pubblica: publishPractice, archivia: archivePractice } as const;
  for (const [path, step] of Object.entries(steps)) {
    router.post(`/buone-pratiche/:slug/${path}`, requireLogin, async (req, res) => {
      await flashRefusal(
        req,
        async () => {
          await step(deps, actorOf(req), slugOf(req), { comment: req.body?.comment ?? '' });
          flash(req, 'success', `practices.flash.${path}`);
        },
        { statuses: [400, 409], message: (err) => err.key },
      );
      res.redirect(303, practicePath(slugOf(req)));
    });
  }

  // --- Versions --------------------------------------------------------------------------------
  router.get('/buone-pratiche/:slug/versioni', async (req, res) => {
    const { practice, versions } = await practiceVersions(deps, actorOf(req), slugOf(req));
    const title = req.t('practices.versions.title');
    res.render('practices/versions', {
      title,
      breadcrumbs: [registry(req), { label: practice.title, url: practicePath(practice.slug) }, { label: title }],
      practice,
      url: practicePath(practice.slug),
      versions: versions.map((v) => ({
        ...v,
        url: `${practicePath(practice.slug)}/versioni/${v.version}`,
        current: v.version === practice.version,
      })),
    });
  });

  router.get('/buone-pratiche/:slug/versioni/:n', async (req, res) => {
    const found = await practiceVersion(deps, actorOf(req), slugOf(req), routeId(req.params.n), req.lang);
    const { practice, version } = found;
    const title = req.t('practices.versions.version_title', { n: version.version });
    res.render('practices/version', {
      title,
      breadcrumbs: [
        registry(req),
        { label: practice.title, url: practicePath(practice.slug) },
        { label: req.t('practices.versions.title'), url: `${practicePath(practice.slug)}/versioni` },
        { label: title },
      ],
      ...found,
      url: practicePath(practice.slug),
      changes: changesView(found.changes),
      // Past the diff's budget: links to both versions instead of the changes.
      compare: found.previousVersion
        ? {
            previous: `${practicePath(practice.slug)}/versioni/${found.previousVersion}`,
            current: `${practicePath(practice.slug)}/versioni/${version.version}`,
          }
        : null,
      snapshot: version.snapshot,
      labels: {
        theme: labeller(req)('theme', version.snapshot.theme),
        level: labeller(req)('level', version.snapshot.territorialLevel),
      },
      kit: version.snapshot.kit.map((k) => ({ ...k, kindLabel: labeller(req)('kit', k.kind) })),
      meta: { robots: 'noindex' },
    });
  });

  // --- A practice --------------------------------------------------------------------------------
  router.get('/buone-pratiche/:slug', async (req: Request, res: Response, next: NextFunction) => {
    const slug = slugOf(req);
    // Other pages of the registry (the catalogue's exports…) are not practices.
    if (!PRACTICE_SLUG.test(slug) || RESERVED_SLUGS.includes(slug)) return next();
    const page = await readPractice(deps, actorOf(req), slug);
    const view = practicePageView(page, req.lang, req.user?.id ?? null);
    const p = page.practice;
    res.render('practices/show', {
      title: p.title,
      breadcrumbs: [registry(req), { label: p.title }],
      ...view,
      csrf: req.user ? csrfToken(req) : undefined,
      meta: {
        type: 'article',
        description: excerptOf(p.summary),
        ...(p.status === 'published' ? {} : { robots: 'noindex' }),
      },
      // Reuse declarations and stories (practices.reuses.service.ts): published and archived practices only.
      reuseSection: await reuseSection(deps, actorOf(req), p),
      // The twinnings that transfer it, and "Proponi un gemellaggio" (twinnings.service.ts).
      twinnings: (await twinningsOfPractice(deps, actorOf(req), p.id)).map(twinningCardView),
      proposeTwinning: p.status === 'published' && canProposeTwinning(actorOf(req)),
    });
  });

  return router;
}
