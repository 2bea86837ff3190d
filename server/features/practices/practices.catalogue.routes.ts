// The catalogue's pages: /buone-pratiche (filters, search, cards), the open data (dati.csv,
// dati.json), the stories' moderation queue, and the practice page's forms: a reuse declaration, its
// withdrawal, a story; each form goes back to the practice page with a message. Mounted before the
// practice pages' router, so these fixed paths are not read as a practice's slug.
import { Router, type Request } from 'express';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/errors.ts';
import { actorOf, flash, idOf, slugOf } from '../../core/http.ts';
import { paginate } from '../../core/pagination.ts';
import { csrfToken } from '../../core/security.ts';
import { cataloguePage, openRegistry } from './practices.catalogue.service.ts';
import { catalogueView } from './practices.catalogue.view.ts';
import { OPEN_DATA_LICENCE, OPEN_DATA_PATHS, openDataCsv, openDataJson, openDataRecord } from './practices.opendata.ts';
import { declareReuse, withdrawReuse } from './practices.reuses.service.ts';
import { practiceUrl } from './practices.service.ts';
import { queuedStoryView } from './practices.reuses.view.ts';
import { createStory, moderateStory, moderationQueue } from './practices.stories.service.ts';

/**
 * Runs a form's action; a refusal of one of `statuses` becomes a message on the page the form goes
 * back to (its first field's, with its values, else its own) instead of an error page.
 */
async function refusedAsFlash(req: Request, statuses: number[], action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (err) {
    if (!(err instanceof AppError) || !statuses.includes(err.status)) throw err;
    const field = Object.values(err.fields ?? {})[0];
    flash(req, 'danger', field?.key ?? err.key, field?.params);
  }
}
const REFUSALS = [400, 403, 409];

/** The open registry's records, with addresses on the public URL. */
async function records(deps: Deps) {
  const site = deps.config.publicUrl;
  return (await openRegistry(deps)).map((p) => openDataRecord(p, site));
}

const licenceLink = `<${OPEN_DATA_LICENCE.url}>; rel="license"`;

export function practiceCatalogueRoutes(deps: Deps): Router {
  const router = Router();
  const back = (req: Request, anchor: string) => `${practiceUrl({ slug: slugOf(req) })}#${anchor}`;

  router.get('/buone-pratiche', async (req, res) => {
    const page = await cataloguePage(deps, actorOf(req), req.query);
    res.render('practices/catalogue', {
      title: req.t('practiceCatalogue.title'),
      meta: { description: req.t('practiceCatalogue.intro') },
      breadcrumbs: [{ label: req.t('practiceCatalogue.title') }],
      feeds: [
        { type: 'application/json', title: req.t('practiceCatalogue.open_data.json'), href: OPEN_DATA_PATHS.json },
      ],
      ...catalogueView(page, req.lang),
    });
  });

  // --- Open data: stable addresses, the licence in a Link header (and in the JSON envelope) --------
  router.get(OPEN_DATA_PATHS.json, async (_req, res) => {
    const body = openDataJson(await records(deps), deps.config.publicUrl);
    res.set({ Link: licenceLink, 'Access-Control-Allow-Origin': '*' }).json(body);
  });

  router.get(OPEN_DATA_PATHS.csv, async (_req, res) => {
    res
      .set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'inline; filename="buone-pratiche.csv"',
        Link: licenceLink,
        'Access-Control-Allow-Origin': '*',
      })
      .send(openDataCsv(await records(deps)));
  });

  // --- Stories' moderation ------------------------------------------------------------------------
  router.get('/buone-pratiche/storie/moderazione', requireLogin, async (req, res) => {
    const queue = await moderationQueue(deps, actorOf(req), req.query);
    res.render('practices/stories-moderation', {
      title: req.t('practiceCatalogue.moderation.title'),
      breadcrumbs: [
        { label: req.t('practiceCatalogue.title'), url: '/buone-pratiche' },
        { label: req.t('practiceCatalogue.moderation.title') },
      ],
      total: queue.total,
      stories: queue.stories.map(queuedStoryView),
      csrf: csrfToken(req),
      pagination: paginate('/buone-pratiche/storie/moderazione', {}, queue.page, queue.pages),
    });
  });

  for (const [verb, decision] of [
    ['approva', 'published'],
    ['rifiuta', 'rejected'],
  ] as const) {
    router.post(`/buone-pratiche/storie/:id/${verb}`, requireLogin, async (req, res) => {
      await refusedAsFlash(req, [409], async () => {
        const { story } = await moderateStory(deps, actorOf(req), idOf(req), decision);
        flash(req, 'success', `practiceCatalogue.flash.story_${decision}`, { title: story.title });
      });
      res.redirect(303, '/buone-pratiche/storie/moderazione');
    });
  }

  // --- The practice page's forms ------------------------------------------------------------------
  router.post('/buone-pratiche/:slug/riusi', requireLogin, async (req, res) => {
    await refusedAsFlash(req, REFUSALS, async () => {
      const { created } = await declareReuse(deps, actorOf(req), slugOf(req), req.body);
      flash(
        req,
        'success',
        created ? 'practiceCatalogue.flash.reuse_declared' : 'practiceCatalogue.flash.reuse_updated',
      );
    });
    res.redirect(303, back(req, 'riusi'));
  });

  router.post('/buone-pratiche/:slug/riusi/ritira', requireLogin, async (req, res) => {
    await withdrawReuse(deps, actorOf(req), slugOf(req));
    flash(req, 'info', 'practiceCatalogue.flash.reuse_withdrawn');
    res.redirect(303, back(req, 'riusi'));
  });

  router.post('/buone-pratiche/:slug/storie', requireLogin, async (req, res) => {
    await refusedAsFlash(req, REFUSALS, async () => {
      await createStory(deps, actorOf(req), slugOf(req), req.body);
      flash(req, 'success', 'practiceCatalogue.flash.story_sent');
    });
    res.redirect(303, back(req, 'storie'));
  });

  return router;
}
