// The repertory's JSON API: GET /api/v1/competences (the tree, a flat list, or the matches of `q`)
// and GET /api/v1/competences/:code (one competence with the courses and practices that develop it).
// Public, like the pages.
import { Router } from 'express';
import type { Deps } from '../../core/deps.ts';
import * as competences from './competences.service.ts';
import { competenceDetailJson, flatJson, hitJson, treeJson } from './competences.view.ts';

export function competenceApiRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/api/v1/competences', async (req, res) => {
    const { query, tree, hits } = await competences.competenceList(deps, req.query);
    if (hits) return res.json({ competences: hits.map(hitJson) });
    if (query.format === 'flat') return res.json({ competences: flatJson(tree) });
    res.json({ profiles: treeJson(tree) });
  });

  router.get('/api/v1/competences/:code', async (req, res) => {
    res.json({ competence: competenceDetailJson(await competences.competenceDetail(deps, String(req.params.code))) });
  });

  return router;
}
