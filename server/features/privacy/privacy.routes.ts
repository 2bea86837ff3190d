// Privacy (GDPR): a person's data page (/profilo/dati) with the export, the account deletion
// (/profilo/elimina), the API's /api/v1/me/export and DELETE /api/v1/me, the privacy and cookie
// pages, and the admins' /admin/privacy (log and deletion rule) and /admin/privacy/testi (texts).
import { Router, type NextFunction, type Request, type Response } from 'express';
import { requireAuth, requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { AppError, ForbiddenError } from '../../core/errors.ts';
import { actorOf, flash, flashRefusal, formPost, formState, pageParam } from '../../core/http.ts';
import { paginate } from '../../core/pagination.ts';
import { csrfToken } from '../../core/security.ts';
import { canManagePrivacy } from './privacy.policy.ts';
import * as privacy from './privacy.service.ts';

const adminOnly = (req: Request, _res: Response, next: NextFunction) =>
  next(canManagePrivacy(req.user ?? null) ? undefined : new ForbiddenError());

/** Sends the export as a download; the zip is streamed as it is made. */
async function sendExport(deps: Deps, res: Response, exported: privacy.PersonalExport): Promise<void> {
  const day = new Date().toISOString().slice(0, 10);
  res.status(200);
  res.set({
    'Content-Type': 'application/zip',
    'Content-Disposition': `attachment; filename="rete-spi-dati-${exported.data.userId as number}-${day}.zip"`,
    'Cache-Control': 'no-store',
  });
  await privacy.writeExportZip(deps, exported, res);
}

export function privacyRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/profilo', requireLogin, (_req, res) => res.redirect(303, '/profilo/dati'));

  router.get('/profilo/dati', requireLogin, async (req, res) => {
    res.render('privacy/mine', {
      title: req.t('privacy.mine_title'),
      breadcrumbs: [{ label: req.t('privacy.mine_title') }],
      exportsPerHour: privacy.EXPORTS_PER_HOUR,
      csrf: csrfToken(req),
    });
  });

  router.post('/profilo/dati/esporta', requireLogin, async (req, res) => {
    let exported: privacy.PersonalExport;
    try {
      exported = await privacy.preparePersonalExport(deps, actorOf(req), 'web');
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 429) throw err;
      flash(req, 'danger', err.key);
      return res.redirect(303, '/profilo/dati');
    }
    await sendExport(deps, res, exported);
  });

  const renderDelete = async (req: Request, res: Response, err?: AppError) => {
    const page = await privacy.deletionPageFor(deps, actorOf(req));
    res.status(err?.status ?? 200).render('privacy/delete', {
      title: req.t('privacy.delete_title'),
      breadcrumbs: [
        { label: req.t('privacy.mine_title'), url: '/profilo/dati' },
        { label: req.t('privacy.delete_title') },
      ],
      ...page,
      ruleText: req.t(`privacy.rule_effect.${page.rule}`),
      reauthMinutes: privacy.REAUTH_MINUTES,
      csrf: csrfToken(req),
      ...formState(req, err?.fields),
      formError: err ? req.t(err.key) : undefined,
    });
  };

  router.get('/profilo/elimina', requireLogin, (req, res) => renderDelete(req, res));

  router.post(
    '/profilo/elimina',
    requireLogin,
    formPost(
      async (req, res) => {
        await privacy.deleteOwnAccount(deps, actorOf(req), req.body, 'web');
        // The sessions are already gone from the store; this one's cookie goes too.
        req.logout(() => {
          req.session.destroy(() => {
            res.clearCookie('retespi.sid');
            res.render('privacy/deleted', { title: req.t('privacy.deleted_title'), currentUser: undefined });
          });
        });
      },
      renderDelete,
      [400, 403, 409],
    ),
  );

  // JSON API: the personal export (read scope) and the deletion (write scope, password in the body).
  router.get('/api/v1/me/export', requireAuth, async (req, res) => {
    await sendExport(deps, res, await privacy.preparePersonalExport(deps, actorOf(req), 'api'));
  });

  router.delete('/api/v1/me', requireAuth, async (req, res) => {
    const { rule } = await privacy.deleteOwnAccount(deps, actorOf(req), req.body, 'api');
    res.json({ deleted: true, rule });
  });

  // The privacy and cookie pages, in the reader's language.
  for (const [path, key] of [
    ['/privacy', 'privacy'],
    ['/cookie', 'cookie'],
  ] as const) {
    router.get(path, async (req, res) => {
      const text = await privacy.siteText(deps, key, req.lang);
      res.render('privacy/page', {
        title: req.t(`privacy.${key}_title`),
        breadcrumbs: [{ label: req.t(`privacy.${key}_title`) }],
        html: text.html,
        updatedAt: text.updatedAt,
      });
    });
  }

  // Administration.
  router.use('/admin/privacy', requireLogin, adminOnly);

  router.get('/admin/privacy', async (req, res) => {
    const page = pageParam(req.query.page);
    const data = await privacy.privacyAdminPage(deps, actorOf(req), page);
    res.render('privacy/admin', {
      title: req.t('privacy.admin_title'),
      breadcrumbs: [{ label: req.t('admin.title'), url: '/admin' }, { label: req.t('privacy.admin_title') }],
      ...data,
      rules: ['anonimizza', 'rimuovi'].map((r) => ({ value: r, checked: r === data.rule })),
      pagination: paginate('/admin/privacy', {}, page, data.pages),
      csrf: csrfToken(req),
    });
  });

  router.post('/admin/privacy/regola', async (req, res) => {
    await flashRefusal(req, async () => {
      const rule = await privacy.setDeletionRule(deps, actorOf(req), req.body);
      flash(req, 'success', 'privacy.rule_saved', { rule: req.t(`privacy.rule.${rule}`) });
    });
    res.redirect(303, '/admin/privacy');
  });

  router.get('/admin/privacy/testi', async (req, res) => {
    res.render('privacy/texts', {
      title: req.t('privacy.texts_title'),
      breadcrumbs: [
        { label: req.t('admin.title'), url: '/admin' },
        { label: req.t('privacy.admin_title'), url: '/admin/privacy' },
        { label: req.t('privacy.texts_title') },
      ],
      texts: await privacy.siteTextsForEdit(deps, actorOf(req)),
      csrf: csrfToken(req),
    });
  });

  router.post('/admin/privacy/testi', async (req, res) => {
    await flashRefusal(req, async () => {
      const saved = await privacy.saveSiteText(deps, actorOf(req), req.body);
      flash(req, 'success', 'privacy.text_saved', { page: req.t(`privacy.${saved.key}_title`), lang: saved.locale });
    });
    res.redirect(303, '/admin/privacy/testi');
  });

  return router;
}
