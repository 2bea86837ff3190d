// The /api/v1 articles resource: list (published, filtered, keyset pages), read, write, edit.
// Files go up first through POST /api/v1/attachments; an article names them in attachmentIds.
import { Router } from 'express';
import { requireAuth } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { actorOf, slugOf } from '../../core/http.ts';
import { apiList, readArticle } from './articles.read.service.ts';
import { createArticle, editArticle } from './articles.service.ts';
import { articleJson, articleSummaryJson } from './articles.view.ts';

export function articleApiRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/api/v1/articles', async (req, res) => {
    const page = await apiList(deps, req.query);
    res.json({ articles: page.items.map(articleSummaryJson), next: page.next ?? null, prev: page.prev ?? null });
  });

  router.post('/api/v1/articles', requireAuth, async (req, res) => {
    const article = await createArticle(deps, actorOf(req), req.body);
    const view = await readArticle(deps, actorOf(req), article.slug);
    res
      .status(201)
      .location(`/api/v1/articles/${article.slug}`)
      .json({ article: articleJson(view) });
  });

  router.get('/api/v1/articles/:slug', async (req, res) => {
    res.json({ article: articleJson(await readArticle(deps, actorOf(req), slugOf(req))) });
  });

  router.patch('/api/v1/articles/:slug', requireAuth, async (req, res) => {
    const { article } = await editArticle(deps, actorOf(req), slugOf(req), req.body);
    res.json({ article: articleJson(await readArticle(deps, actorOf(req), article.slug)) });
  });

  return router;
}
