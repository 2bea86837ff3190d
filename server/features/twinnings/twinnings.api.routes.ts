// The twinnings JSON API (/api/v1/twinnings): the list, creating (animators) or proposing (members
// of an administration), the record and its status machine, joining, models, milestones, outcomes.
// The pages are in twinnings.routes.ts.
import { Router, type Request } from 'express';
import { requireAuth } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { actorOf, idOf, slugOf } from '../../core/http.ts';
import { toAttachmentView } from '../attachments/attachments.service.ts';
import * as twinnings from './twinnings.service.ts';
import { twinningCardJson, twinningCardView, twinningDetailView, twinningJson } from './twinnings.view.ts';

export function twinningApiRoutes(deps: Deps): Router {
  const router = Router();
  const present = async (req: Request, slug: string) =>
    twinningJson(twinningDetailView(await twinnings.twinningDetail(deps, actorOf(req), slug)));

  router.get('/api/v1/twinnings', async (req, res) => {
    const result = await twinnings.listTwinnings(deps, actorOf(req), req.query);
    res.json({
      twinnings: result.items.map((s) => twinningCardJson(twinningCardView(s))),
      page: result.page,
      pages: result.pages,
      total: result.total,
    });
  });

  router.post('/api/v1/twinnings', requireAuth, async (req, res) => {
    const t = await twinnings.createTwinning(deps, actorOf(req), req.body);
    res
      .status(201)
      .location(`/api/v1/twinnings/${t.slug}`)
      .json({ twinning: await present(req, t.slug) });
  });

  router.get('/api/v1/twinnings/:slug', async (req, res) => {
    res.json({ twinning: await present(req, slugOf(req)) });
  });

  router.patch('/api/v1/twinnings/:slug', requireAuth, async (req, res) => {
    const t = await twinnings.updateTwinning(deps, actorOf(req), slugOf(req), req.body);
    res.json({ twinning: await present(req, t.slug) });
  });

  router.post('/api/v1/twinnings/:slug/join', requireAuth, async (req, res) => {
    const p = await twinnings.joinTwinning(deps, actorOf(req), slugOf(req), req.body);
    const twinning = await present(req, slugOf(req));
    res.json({ participation: { role: p.role }, participantCount: twinning.participantCount, twinning });
  });

  router.post('/api/v1/twinnings/:slug/leave', requireAuth, async (req, res) => {
    await twinnings.leaveTwinning(deps, actorOf(req), slugOf(req));
    res.status(204).end();
  });

  router.get('/api/v1/twinnings/:slug/models', async (req, res) => {
    const t = twinningDetailView(await twinnings.twinningDetail(deps, actorOf(req), slugOf(req)));
    res.json({ models: (twinningJson(t) as { models: unknown[] }).models, progress: t.progress });
  });

  router.post('/api/v1/twinnings/:slug/models', requireAuth, async (req, res) => {
    const model = await twinnings.addModel(deps, actorOf(req), slugOf(req), req.body);
    const t = twinningJson(twinningDetailView(await twinnings.twinningDetail(deps, actorOf(req), slugOf(req))));
    res.status(201).json({ model: (t.models as { id: number }[]).find((m) => m.id === model.id) });
  });

  router.post('/api/v1/twinnings/:slug/milestones', requireAuth, async (req, res) => {
    const m = await twinnings.addMilestone(deps, actorOf(req), slugOf(req), req.body);
    res.status(201).json({ milestone: await milestoneJson(req, m.id) });
  });

  router.patch('/api/v1/twinnings/:slug/milestones/:id', requireAuth, async (req, res) => {
    const m = await twinnings.updateMilestone(deps, actorOf(req), slugOf(req), idOf(req), req.body);
    res.json({ milestone: await milestoneJson(req, m.id) });
  });

  router.post('/api/v1/twinnings/:slug/outcomes', requireAuth, async (req, res) => {
    await twinnings.recordOutcomes(deps, actorOf(req), slugOf(req), req.body);
    const t = await present(req, slugOf(req));
    res.status(201).json({ models: t.models, twinning: t });
  });

  router.post('/api/v1/twinnings/:slug/documents', requireAuth, async (req, res) => {
    const documents = await twinnings.addDocuments(deps, actorOf(req), slugOf(req), req.body);
    res.status(201).json({ documents: documents.map(toAttachmentView) });
  });

  /** A milestone as the record shows it (its state, late included, and its model's code). */
  async function milestoneJson(req: Request, id: number) {
    const t = twinningJson(twinningDetailView(await twinnings.twinningDetail(deps, actorOf(req), slugOf(req))));
    return (t.timeline as { id: number }[]).find((m) => m.id === id);
  }

  return router;
}
