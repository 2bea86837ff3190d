// The events JSON API (/api/v1/events): the calendar as the viewer may see it, creating and changing
// events (animators, admins, organisers), and registration. The pages are in events.routes.ts.
import { Router } from 'express';
import { requireAuth } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { actorOf, idOf } from '../../core/http.ts';
import * as events from './events.service.ts';
import { API_STATUS, eventJson, eventView } from './events.view.ts';

export function eventApiRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/api/v1/events', async (req, res) => {
    const rows = await events.listEventsForApi(deps, actorOf(req), req.query);
    res.json({ events: rows.map(({ event, mine }) => eventJson(eventView(event, mine))) });
  });

  const present = async (req: Parameters<typeof actorOf>[0], id: number) => {
    const { event, standing } = await events.eventDetail(deps, actorOf(req), id);
    return eventJson(eventView(event, standing?.status ?? null));
  };

  router.post('/api/v1/events', requireAuth, async (req, res) => {
    const event = await events.createEvent(deps, actorOf(req), req.body);
    res
      .status(201)
      .location(`/api/v1/events/${event.id}`)
      .json({ event: await present(req, event.id) });
  });

  router.get('/api/v1/events/:id', async (req, res) => {
    res.json({ event: await present(req, idOf(req)) });
  });

  router.patch('/api/v1/events/:id', requireAuth, async (req, res) => {
    const event = await events.updateEvent(deps, actorOf(req), idOf(req), req.body);
    res.json({ event: await present(req, event.id) });
  });

  router.post('/api/v1/events/:id/register', requireAuth, async (req, res) => {
    const { status, position, created } = await events.registerForEvent(deps, actorOf(req), idOf(req));
    res.status(created ? 201 : 200).json({ registration: { status: API_STATUS[status], position } });
  });

  router.delete('/api/v1/events/:id/register', requireAuth, async (req, res) => {
    await events.unregisterFromEvent(deps, actorOf(req), idOf(req));
    res.status(204).end();
  });

  return router;
}
