// The competence repertory's pages: the catalogue (/competenze: profiles → areas → competences,
// or the matches of a search) and each competence (/competenze/:code) with the courses and
// practices that develop it. Anyone may read them. The admins' import is in
// competences.admin.routes.ts, the JSON API in competences.api.routes.ts.
import { Router, type Request } from 'express';
import type { Deps } from '../../core/deps.ts';
import { COMPETENCE_CODE } from './competences.schema.ts';
import * as competences from './competences.service.ts';
import { catalogueTreeView, competencePageView, hitView } from './competences.view.ts';

export function competenceRoutes(deps: Deps): Router {
  const router = Router();
  const crumbs = (req: Request, ...rest: { label: string }[]) => [
    { label: req.t('competences.title'), ...(rest.length ? { url: '/competenze' } : {}) },
    ...rest,
  ];

  router.get('/competenze', async (req, res) => {
    const { query, tree, hits } = await competences.competenceCatalogue(deps, req.query);
    res.render('competences/index', {
      title: req.t('competences.title'),
      breadcrumbs: crumbs(req),
      meta: { description: req.t('competences.intro') },
      query,
      profiles: catalogueTreeView(tree, query.profilo),
      profileOptions: tree.profiles.map((p) => ({ value: p.code, label: p.title, selected: p.code === query.profilo })),
      hits: hits?.map(hitView) ?? null,
      searching: hits !== null,
      total: tree.competences.length,
    });
  });

  router.get('/competenze/:code', async (req, res) => {
    const code = String(req.params.code);
    // Codes are upper case: /competenze/spi.acc.01 is the same page under its own address.
    const upper = code.toUpperCase();
    if (code !== upper && COMPETENCE_CODE.test(upper)) return res.redirect(301, `/competenze/${upper}`);
    const detail = await competences.competenceDetail(deps, code);
    const c = detail.competence;
    res.render('competences/show', {
      title: `${c.code} – ${c.title}`,
      breadcrumbs: crumbs(req, { label: c.code }),
      meta: { description: c.description || c.title },
      competence: competencePageView(detail),
    });
  });

  return router;
}
