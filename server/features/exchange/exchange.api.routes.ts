// The Cerco / Offro JSON API (/api/v1/exchange): the board of active posts, writing and changing a
// post, and a post's matches with their reasons. The pages are in exchange.routes.ts.
import { Router, type Request } from 'express';
import { requireAuth } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { actorOf, idOf } from '../../core/http.ts';
import { matchesFor } from './exchange.matching.service.ts';
import * as exchange from './exchange.service.ts';
import { matchJson, postJson, postView } from './exchange.view.ts';

export function exchangeApiRoutes(deps: Deps): Router {
  const router = Router();

  const present = async (req: Request, id: number) =>
    postJson(postView((await exchange.postDetail(deps, actorOf(req), id)).post));

  router.get('/api/v1/exchange', async (req, res) => {
    const result = await exchange.board(deps, req.query);
    res.json({
      posts: result.rows.map((p) => postJson(postView(p))),
      page: result.page,
      pages: result.pages,
      total: result.total,
    });
  });

  router.post('/api/v1/exchange', requireAuth, async (req, res) => {
    const post = await exchange.createPost(deps, actorOf(req), req.body);
    res
      .status(201)
      .location(`/api/v1/exchange/${post.id}`)
      .json({ post: await present(req, post.id) });
  });

  router.get('/api/v1/exchange/:id', async (req, res) => {
    res.json({ post: await present(req, idOf(req)) });
  });

  router.patch('/api/v1/exchange/:id', requireAuth, async (req, res) => {
    const post = await exchange.updatePost(deps, actorOf(req), idOf(req), req.body);
    res.json({ post: await present(req, post.id) });
  });

  router.get('/api/v1/exchange/:id/matches', async (req, res) => {
    const matches = await matchesFor(deps, actorOf(req), idOf(req));
    res.json({ matches: matches.map((m) => matchJson(m, req.t)) });
  });

  return router;
}
