// /cerca (the search page, with facets and snippets) and GET /api/v1/search.
import { Router } from 'express';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/errors.ts';
import { actorOf } from '../../core/http.ts';
import { translateFields } from '../../core/i18n.ts';
import { searchSite } from './search.service.ts';
import { searchPageView, searchResultJson } from './search.view.ts';

export function searchRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/cerca', async (req, res) => {
    const base = { title: req.t('search.title'), breadcrumbs: [{ label: req.t('search.title') }] };
    const q = typeof req.query.q === 'string' ? req.query.q : '';
    if (!q.trim()) return res.render('search/index', { ...base, q, searched: false });
    try {
      const found = await searchSite(deps, actorOf(req), req.query);
      res.render('search/index', {
        ...base,
        title: req.t('search.results_title', { q: found.q }),
        // Result pages are not pages for search engines to index (robots.txt says so too).
        meta: { robots: 'noindex' },
        ...searchPageView(found, req.t),
      });
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      res.status(400).render('search/index', {
        ...base,
        q: q.slice(0, 500),
        searched: false,
        error: req.t(err.key),
        errors: translateFields(req.t, err.fields) ?? {},
      });
    }
  });

  router.get('/api/v1/search', async (req, res) => {
    const found = await searchSite(deps, actorOf(req), req.query);
    res.json({
      results: found.results.map(searchResultJson),
      facets: found.facets,
      capped: found.capped,
      total: found.total,
      page: found.page,
      pages: found.pages,
    });
  });

  return router;
}
