// /robots.txt and /sitemap.xml: the same for everyone (they describe what anonymous visitors see).
import { Router } from 'express';
import type { Deps } from '../../core/deps.ts';
import { robotsTxt, sitemapEntries } from './discovery.service.ts';
import { sitemapXml } from './discovery.view.ts';

export function discoveryRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/robots.txt', (_req, res) => {
    res.type('text/plain; charset=utf-8').send(robotsTxt(deps.config.publicUrl));
  });

  router.get('/sitemap.xml', async (_req, res) => {
    res.type('application/xml; charset=utf-8').send(sitemapXml(await sitemapEntries(deps)));
  });

  return router;
}
