// Discussions JSON API: the /api/v1 threads, posts and moderation resources. The HTML pages are in
// discussions.routes.ts; app.ts mounts this router right after that one.
import { Router } from 'express';
import { requireAuth } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { actorOf, idOf, slugOf } from '../../core/http.ts';
import * as discussions from './discussions.service.ts';
import * as moderation from './moderation.service.ts';
import { postJson, threadJson } from './discussions.view.ts';

export function discussionApiRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/api/v1/groups/:slug/threads', async (req, res) => {
    const view = await discussions.listThreads(deps, actorOf(req), slugOf(req), req.query);
    res.json({
      threads: view.threads.map((t) => ({
        id: t.id,
        title: t.title,
        pinned: t.pinned,
        locked: t.locked,
        postCount: t.postCount,
        lastPostAt: t.lastPostAt.toISOString(),
        author: t.authorId ? { id: t.authorId, name: t.authorName } : null,
        unread: t.lastReadPosition === null ? null : Math.max(0, t.lastPosition - t.lastReadPosition),
        url: `/discussioni/${t.id}`,
      })),
      page: view.page,
      pages: view.pages,
      total: view.total,
    });
  });

  router.post('/api/v1/groups/:slug/threads', requireAuth, async (req, res) => {
    const { thread, post } = await discussions.createThread(deps, actorOf(req), slugOf(req), req.body);
    res
      .status(201)
      .location(`/api/v1/threads/${thread.id}`)
      .json({ thread: threadJson(thread), post: { id: post.id, bodyHtml: post.bodyHtml } });
  });

  router.get('/api/v1/threads/:id', async (req, res) => {
    const view = await discussions.readThread(deps, actorOf(req), idOf(req), req.query);
    res.json({
      thread: threadJson(view.thread, view.access.group),
      posts: view.posts.map((p) => postJson(p)),
      page: view.page,
      pages: view.pages,
      total: view.total,
    });
  });

  router.post('/api/v1/threads/:id/posts', requireAuth, async (req, res) => {
    const post = await discussions.createPost(deps, actorOf(req), idOf(req), req.body);
    res.status(201).json({
      post: {
        ...postJson({ ...post, authorName: req.user!.name }),
        threadId: post.threadId,
        position: post.position,
        depth: post.depth,
      },
    });
  });

  router.patch('/api/v1/posts/:id', requireAuth, async (req, res) => {
    const post = await discussions.editPost(deps, actorOf(req), idOf(req), req.body);
    res.json({ post: postJson({ ...post, authorName: req.user!.name }) });
  });

  router.delete('/api/v1/posts/:id', requireAuth, async (req, res) => {
    await discussions.deletePost(deps, actorOf(req), idOf(req), req.body?.reason);
    res.status(204).end();
  });

  router.get('/api/v1/posts/:id/revisions', requireAuth, async (req, res) => {
    const { revisions } = await discussions.postHistory(deps, actorOf(req), idOf(req));
    res.json({
      revisions: revisions.map((r) => ({
        id: r.id,
        body: r.body,
        editor: r.editorName,
        createdAt: r.createdAt.toISOString(),
      })),
    });
  });

  router.post('/api/v1/posts/:id/flag', requireAuth, async (req, res) => {
    const flag = await discussions.flagPost(deps, actorOf(req), idOf(req), req.body);
    res.status(201).json({ flag: { id: flag.id, reason: flag.reason } });
  });

  router.post('/api/v1/posts/:id/reactions', requireAuth, async (req, res) => {
    res.json({ reactions: await discussions.react(deps, actorOf(req), idOf(req), req.body, true) });
  });

  router.delete('/api/v1/posts/:id/reactions', requireAuth, async (req, res) => {
    res.json({
      reactions: await discussions.react(
        deps,
        actorOf(req),
        idOf(req),
        { kind: req.body?.kind ?? req.query.kind },
        false,
      ),
    });
  });

  router.post('/api/v1/posts/:id/hide', requireAuth, async (req, res) => {
    await moderation.setPostHidden(deps, actorOf(req), idOf(req), true, req.body);
    res.json({ post: { id: idOf(req), hidden: true } });
  });

  router.post('/api/v1/posts/:id/restore', requireAuth, async (req, res) => {
    await moderation.setPostHidden(deps, actorOf(req), idOf(req), false, req.body);
    res.json({ post: { id: idOf(req), hidden: false } });
  });

  for (const [verb, flag, on] of [
    ['lock', 'locked', true],
    ['unlock', 'locked', false],
    ['pin', 'pinned', true],
    ['unpin', 'pinned', false],
  ] as const) {
    router.post(`/api/v1/threads/:id/${verb}`, requireAuth, async (req, res) => {
      await moderation.setThreadFlag(deps, actorOf(req), idOf(req), flag, on, req.body);
      res.json({ thread: { id: idOf(req), [flag]: on } });
    });
  }

  router.post('/api/v1/threads/:id/move', requireAuth, async (req, res) => {
    const { slug } = await moderation.moveThread(deps, actorOf(req), idOf(req), req.body);
    res.json({ thread: { id: idOf(req), group: slug } });
  });

  router.put('/api/v1/threads/:id/subscription', requireAuth, async (req, res) => {
    res.json({ following: await discussions.setThreadSubscription(deps, actorOf(req), idOf(req), true) });
  });

  router.delete('/api/v1/threads/:id/subscription', requireAuth, async (req, res) => {
    res.json({ following: await discussions.setThreadSubscription(deps, actorOf(req), idOf(req), false) });
  });

  router.get('/api/v1/moderation/flags', requireAuth, async (req, res) => {
    const { flags } = await moderation.flagQueue(
      deps,
      actorOf(req),
      typeof req.query.group === 'string' ? req.query.group : undefined,
    );
    res.json({ flags });
  });

  router.get('/api/v1/moderation/audit', requireAuth, async (req, res) => {
    const { entries } = await moderation.auditLog(
      deps,
      actorOf(req),
      typeof req.query.group === 'string' ? req.query.group : undefined,
    );
    res.json({ entries });
  });

  return router;
}
