// The /api/v1 side of the catalogue and of reuse: the catalogue list (the page's filters and sorts,
// paged), the open registry export (JSON or CSV), reuse declarations and stories. Mounted before the
// practice records' API router, so /api/v1/practices/export is not read as a slug.
import { Router } from 'express';
import { requireAuth } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { actorOf, slugOf } from '../../core/http.ts';
import { parseInput } from '../../core/validation.ts';
import { exportQuerySchema } from './practices.catalogue.schema.ts';
import { listPractices, openRegistry } from './practices.catalogue.service.ts';
import { practiceSummaryJson } from './practices.catalogue.view.ts';
import { OPEN_DATA_LICENCE, openDataCsv, openDataJson, openDataRecord } from './practices.opendata.ts';
import { declareReuse, withdrawReuse } from './practices.reuses.service.ts';
import { practiceUrl } from './practices.service.ts';
import { reuseJson, storyJson } from './practices.reuses.view.ts';
import { createStory } from './practices.stories.service.ts';

export function practiceExtrasApiRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/api/v1/practices', async (req, res) => {
    const found = await listPractices(deps, req.query);
    res.json({
      practices: found.items.map(practiceSummaryJson),
      total: found.total,
      page: found.page,
      pages: found.pages,
    });
  });

  router.get('/api/v1/practices/export', async (req, res) => {
    const { format } = parseInput(exportQuerySchema, req.query);
    const site = deps.config.publicUrl;
    const records = (await openRegistry(deps)).map((p) => openDataRecord(p, site));
    res.set('Link', `<${OPEN_DATA_LICENCE.url}>; rel="license"`);
    if (format === 'csv') res.type('text/csv; charset=utf-8').send(openDataCsv(records));
    else res.json(openDataJson(records, site));
  });

  router.post('/api/v1/practices/:slug/reuses', requireAuth, async (req, res) => {
    const { reuse, created, reuseCount, practice } = await declareReuse(deps, actorOf(req), slugOf(req), req.body);
    res
      .status(created ? 201 : 200)
      .location(practiceUrl(practice))
      .json({ reuse: reuseJson(reuse, { slug: practice.slug, reuseCount }) });
  });

  router.delete('/api/v1/practices/:slug/reuses', requireAuth, async (req, res) => {
    await withdrawReuse(deps, actorOf(req), slugOf(req));
    res.status(204).end();
  });

  router.post('/api/v1/practices/:slug/stories', requireAuth, async (req, res) => {
    const story = await createStory(deps, actorOf(req), slugOf(req), req.body);
    res.status(201).json({ story: storyJson(story, { slug: slugOf(req) }) });
  });

  return router;
}
