// Notification centre (/notifiche), the header's unread badge, /api/v1/notifications, and the
// administrators' mail outbox (/admin/outbox).
import { Router, type Request, type Response } from 'express';
import { requireAuth, requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { registerHeaderCount } from '../../core/header-counts.ts';
import type { AppError } from '../../core/errors.ts';
import { actorOf, flash, formPost, formState, routeId } from '../../core/http.ts';
import { paginate } from '../../core/pagination.ts';
import { csrfToken } from '../../core/security.ts';
import { EMAIL_FREQUENCIES } from './notifications.schema.ts';
import * as notifications from './notifications.service.ts';
import { notificationJson } from './notifications.view.ts';

export function notificationRoutes(deps: Deps): Router {
  const router = Router();

  // The header's bell shows the unread count on every page a signed-in person loads.
  registerHeaderCount('unreadNotifications', notifications.unreadHeaderCount);

  const renderCentre = async (req: Request, res: Response, err?: AppError) => {
    const actor = actorOf(req);
    const [list, settings] = await Promise.all([
      notifications.listNotifications(deps, actor, req.query, req.t),
      notifications.mailSettingsOf(deps, actor),
    ]);
    const state = err ? formState(req, err.fields) : { values: settings, errors: {}, hasErrors: false };
    const chosen = state.values.emailFrequency;
    res.status(err?.status ?? 200).render('notifications/index', {
      title: req.t('notifications.title'),
      breadcrumbs: [{ label: req.t('notifications.title') }],
      notifications: list.items,
      unread: list.unread,
      unreadOnly: list.query.unread,
      pagination: paginate(
        '/notifiche',
        { unread: list.query.unread ? 'true' : undefined },
        list.query.page,
        list.pages,
      ),
      frequencies: EMAIL_FREQUENCIES.map((value) => ({
        value,
        label: `notifications.frequency.${value}`,
        checked: value === chosen,
      })),
      csrf: csrfToken(req),
      ...state,
    });
  };

  router.get('/notifiche', requireLogin, async (req, res) => {
    await renderCentre(req, res);
  });

  router.get('/notifiche/:id/apri', requireLogin, async (req, res) => {
    const url = await notifications.openNotification(deps, req.user ?? null, routeId(req.params.id), req.t);
    res.redirect(303, url);
  });

  router.post('/notifiche/segna-lette', requireLogin, async (req, res) => {
    const { changed } = await notifications.markNotificationsRead(deps, req.user ?? null, {});
    flash(req, 'success', 'notifications.marked_read', { count: changed });
    res.redirect(303, '/notifiche');
  });

  router.post(
    '/notifiche/preferenze',
    requireLogin,
    formPost(async (req, res) => {
      // An unticked checkbox sends nothing: on this form that means "off".
      await notifications.setMailSettings(deps, actorOf(req), {
        emailFrequency: req.body?.emailFrequency,
        newsletter: req.body?.newsletter ?? 'off',
        messageEmails: req.body?.messageEmails ?? 'off',
      });
      flash(req, 'success', 'notifications.preferences.saved');
      res.redirect(303, '/notifiche#preferenze');
    }, renderCentre),
  );

  router.get('/admin/outbox', requireLogin, async (req, res) => {
    const result = await notifications.outboxPage(deps, req.user ?? null, req.query);
    res.render('notifications/outbox', {
      title: req.t('notifications.outbox.title'),
      breadcrumbs: [{ label: req.t('admin.title'), url: '/admin' }, { label: req.t('notifications.outbox.title') }],
      mails: result.mails,
      total: result.total,
      smtp: Boolean(deps.config.smtpUrl),
      pagination: paginate('/admin/outbox', {}, result.page, result.pages),
    });
  });

  // JSON API
  router.get('/api/v1/notifications', requireAuth, async (req, res) => {
    const list = await notifications.listNotifications(deps, req.user ?? null, req.query, req.t);
    res.json({
      notifications: list.items.map(notificationJson),
      unread: list.unread,
      page: list.query.page,
      pages: list.pages,
      total: list.total,
    });
  });

  router.post('/api/v1/notifications/read', requireAuth, async (req, res) => {
    const { unread } = await notifications.markNotificationsRead(deps, req.user ?? null, req.body);
    res.json({ unread });
  });

  router.patch('/api/v1/me/notification-settings', requireAuth, async (req, res) => {
    res.json(await notifications.setMailSettings(deps, req.user ?? null, req.body));
  });

  return router;
}
