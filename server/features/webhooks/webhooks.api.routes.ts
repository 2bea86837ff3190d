// The webhooks JSON API (/api/v1/webhooks), for administrators: the same operations as
// /admin/webhook. The secret is in the creation's answer (and a rotation's) only.
import { Router } from 'express';
import { requireAuth } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { actorOf, idOf, routeId } from '../../core/http.ts';
import * as webhooks from './webhooks.service.ts';
import { deliveryJson, webhookJson } from './webhooks.view.ts';

export function webhookApiRoutes(deps: Deps): Router {
  const router = Router();
  router.use('/api/v1/webhooks', requireAuth);

  router.get('/api/v1/webhooks', async (req, res) => {
    const rows = await webhooks.listWebhooks(deps, actorOf(req));
    res.json({
      webhooks: rows.map((r) => ({
        ...webhookJson(r.webhook),
        deliveries: { pending: r.pending, delivered: r.delivered, failed: r.failed },
      })),
    });
  });

  router.post('/api/v1/webhooks', async (req, res) => {
    const { webhook, secret } = await webhooks.createWebhook(deps, actorOf(req), req.body);
    res
      .status(201)
      .location(`/api/v1/webhooks/${webhook.id}`)
      .json({ webhook: webhookJson(webhook), secret });
  });

  router.get('/api/v1/webhooks/:id', async (req, res) => {
    res.json({ webhook: webhookJson(await webhooks.getWebhook(deps, actorOf(req), idOf(req))) });
  });

  router.patch('/api/v1/webhooks/:id', async (req, res) => {
    res.json({ webhook: webhookJson(await webhooks.updateWebhook(deps, actorOf(req), idOf(req), req.body)) });
  });

  router.delete('/api/v1/webhooks/:id', async (req, res) => {
    await webhooks.deleteWebhook(deps, actorOf(req), idOf(req));
    res.status(204).end();
  });

  router.get('/api/v1/webhooks/:id/deliveries', async (req, res) => {
    const result = await webhooks.deliveries(deps, actorOf(req), idOf(req), req.query);
    res.json({
      deliveries: result.rows.map(deliveryJson),
      page: result.page,
      pages: result.pages,
      total: result.total,
    });
  });

  router.post('/api/v1/webhooks/:id/deliveries/:deliveryId/replay', async (req, res) => {
    const replay = await webhooks.replayDelivery(deps, actorOf(req), idOf(req), routeId(req.params.deliveryId));
    res.status(202).json({ delivery: deliveryJson(replay) });
  });

  return router;
}
