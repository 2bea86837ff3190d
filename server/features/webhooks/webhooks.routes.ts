// The webhooks pages for administrators (/admin/webhook): the list and the registration form, each
// webhook's settings and its deliveries log with "Ripeti" per delivery and "Invia prova".
import { Router, type NextFunction, type Request, type Response } from 'express';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { ForbiddenError, type AppError } from '../../core/errors.ts';
import { actorOf, flash, flashRefusal, formPost, formState, idOf, routeId } from '../../core/http.ts';
import { paginate } from '../../core/pagination.ts';
import { csrfToken } from '../../core/security.ts';
import { isAdmin } from '../accounts/accounts.policy.ts';
import { WEBHOOK_EVENTS } from './webhooks.events.ts';
import * as webhooks from './webhooks.service.ts';

function adminOnly(req: Request, _res: Response, next: NextFunction): void {
  next(isAdmin(req.user ?? null) ? undefined : new ForbiddenError());
}

const BASE = '/admin/webhook';

export function webhookRoutes(deps: Deps): Router {
  const router = Router();
  router.use(BASE, requireLogin, adminOnly);

  const crumbs = (req: Request, last?: string) => [
    { label: req.t('admin.title'), url: '/admin' },
    last ? { label: req.t('webhooks.title'), url: BASE } : { label: req.t('webhooks.title') },
    ...(last ? [{ label: last }] : []),
  ];
  const eventChoices = (selected: unknown) => {
    const chosen = Array.isArray(selected) ? selected : typeof selected === 'string' ? [selected] : [];
    return WEBHOOK_EVENTS.map((type) => ({ type, checked: chosen.includes(type) }));
  };

  const showList = async (req: Request, res: Response, err?: AppError, created?: { id: number; secret: string }) => {
    const state = formState(req, err?.fields);
    const rows = await webhooks.listWebhooks(deps, actorOf(req));
    res.status(err?.status ?? (created ? 201 : 200)).render('admin/webhooks', {
      title: req.t('webhooks.title'),
      breadcrumbs: crumbs(req),
      webhooks: rows.map((r) => ({ ...r.webhook, pending: r.pending, delivered: r.delivered, failed: r.failed })),
      events: eventChoices(err ? req.body?.events : []),
      created,
      ...state,
      csrf: csrfToken(req),
    });
  };

  router.get(BASE, (req, res) => showList(req, res));

  router.post(
    BASE,
    formPost(
      async (req, res) => {
        const { webhook, secret } = await webhooks.createWebhook(deps, actorOf(req), req.body);
        // The secret is shown on this answer only: it is neither stored in clear nor put in the session.
        req.body = {};
        await showList(req, res, undefined, { id: webhook.id, secret });
      },
      (req, res, err) => showList(req, res, err),
    ),
  );

  const showOne = async (req: Request, res: Response, err?: AppError, secret?: string) => {
    const result = await webhooks.deliveries(deps, actorOf(req), idOf(req), req.query);
    const state = formState(req, err?.fields);
    const webhook = result.webhook;
    res.status(err?.status ?? 200).render('admin/webhook', {
      title: req.t('webhooks.detail_title', { id: webhook.id }),
      breadcrumbs: crumbs(req, req.t('webhooks.detail_title', { id: webhook.id })),
      webhook,
      secret,
      values: err ? state.values : { url: webhook.url, description: webhook.description },
      errors: state.errors,
      hasErrors: state.hasErrors,
      events: eventChoices(err ? req.body?.events : webhook.events),
      deliveries: result.rows,
      total: result.total,
      pagination: paginate(`${BASE}/${webhook.id}`, { page: result.page }, result.page, result.pages),
      csrf: csrfToken(req),
    });
  };

  router.get(`${BASE}/:id`, (req, res) => showOne(req, res));

  router.post(
    `${BASE}/:id`,
    formPost(
      async (req, res) => {
        const { enabled: _ignored, ...fields } = (req.body ?? {}) as Record<string, unknown>;
        await webhooks.updateWebhook(deps, actorOf(req), idOf(req), { events: [], ...fields });
        flash(req, 'success', 'webhooks.saved');
        res.redirect(303, `${BASE}/${idOf(req)}`);
      },
      (req, res, err) => showOne(req, res, err),
    ),
  );

  router.post(`${BASE}/:id/stato`, async (req, res) => {
    const enabled = req.body?.enabled === 'true';
    await webhooks.updateWebhook(deps, actorOf(req), idOf(req), { enabled });
    flash(req, 'success', enabled ? 'webhooks.enabled_done' : 'webhooks.disabled_done');
    res.redirect(303, `${BASE}/${idOf(req)}`);
  });

  router.post(`${BASE}/:id/segreto`, async (req, res) => {
    const { secret } = await webhooks.rotateSecret(deps, actorOf(req), idOf(req));
    await showOne(req, res, undefined, secret);
  });

  router.post(`${BASE}/:id/prova`, async (req, res) => {
    await webhooks.sendPing(deps, actorOf(req), idOf(req));
    flash(req, 'success', 'webhooks.ping_queued');
    res.redirect(303, `${BASE}/${idOf(req)}`);
  });

  router.post(`${BASE}/:id/consegne/:deliveryId/ripeti`, async (req, res) => {
    await flashRefusal(req, async () => {
      await webhooks.replayDelivery(deps, actorOf(req), idOf(req), routeId(req.params.deliveryId));
      flash(req, 'success', 'webhooks.replay_queued');
    });
    res.redirect(303, `${BASE}/${idOf(req)}`);
  });

  router.post(`${BASE}/:id/elimina`, async (req, res) => {
    await webhooks.deleteWebhook(deps, actorOf(req), idOf(req));
    flash(req, 'success', 'webhooks.deleted');
    res.redirect(303, BASE);
  });

  return router;
}
