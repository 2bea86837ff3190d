// Administration pages: overview, people and roles (/admin/utenti), administrations (/admin/enti).
import { Router, type NextFunction, type Request, type Response } from 'express';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { ForbiddenError } from '../../core/errors.ts';
import { actorOf, flash, flashRefusal, routeId } from '../../core/http.ts';
import { paginate } from '../../core/pagination.ts';
import { csrfToken } from '../../core/security.ts';
import { isAdmin } from '../accounts/accounts.policy.ts';
import { REGIONS, ROLES } from '../accounts/accounts.schema.ts';
import * as accounts from '../accounts/accounts.service.ts';
import { ORGANIZATION_KINDS } from '../organizations/organizations.schema.ts';
import * as organizations from '../organizations/organizations.service.ts';
import { adminOrganizations, adminOverview, adminUsers } from './admin.service.ts';

function adminOnly(req: Request, _res: Response, next: NextFunction): void {
  next(isAdmin(req.user ?? null) ? undefined : new ForbiddenError());
}

export function adminRoutes(deps: Deps): Router {
  const router = Router();
  router.use('/admin', requireLogin, adminOnly);

  router.get('/admin', async (req, res) => {
    res.render('admin/index', {
      title: req.t('admin.title'),
      breadcrumbs: [{ label: req.t('admin.title') }],
      ...(await adminOverview(deps, actorOf(req))),
    });
  });

  router.get('/admin/utenti', async (req, res) => {
    const result = await adminUsers(deps, actorOf(req), req.query);
    res.render('admin/users', {
      title: req.t('admin.users_title'),
      breadcrumbs: [{ label: req.t('admin.title'), url: '/admin' }, { label: req.t('admin.users_title') }],
      users: result.rows.map((u) => ({ ...u, self: u.id === req.user!.id })),
      roles: ROLES,
      filter: result.filter,
      regions: REGIONS,
      total: result.total,
      pagination: paginate('/admin/utenti', result.filter, result.filter.page, result.pages),
      csrf: csrfToken(req),
    });
  });

  router.post('/admin/utenti/:id/ruolo', async (req, res) => {
    await flashRefusal(req, async () => {
      const user = await accounts.changeRole(deps, actorOf(req), routeId(req.params.id), req.body);
      flash(req, 'success', 'admin.role_changed', { name: user.name, role: req.t(`roles.${user.role}`) });
    });
    res.redirect(303, '/admin/utenti');
  });

  router.get('/admin/enti', async (req, res) => {
    res.render('admin/organizations', {
      title: req.t('admin.organizations_title'),
      breadcrumbs: [{ label: req.t('admin.title'), url: '/admin' }, { label: req.t('admin.organizations_title') }],
      ...(await adminOrganizations(deps, actorOf(req))),
      kinds: ORGANIZATION_KINDS,
      regions: REGIONS,
      csrf: csrfToken(req),
    });
  });

  router.post('/admin/enti/:slug/verifica', async (req, res) => {
    const org = await organizations.setVerified(deps, actorOf(req), req.params.slug, req.body?.verified !== 'false');
    flash(req, 'success', org.verified ? 'admin.org_verified' : 'admin.org_unverified', { name: org.name });
    res.redirect(303, '/admin/enti');
  });

  router.post('/admin/enti/:slug/modifica', async (req, res) => {
    await flashRefusal(
      req,
      async () => {
        const org = await organizations.updateOrganization(deps, actorOf(req), req.params.slug, req.body);
        flash(req, 'success', 'admin.org_saved', { name: org.name });
      },
      { message: () => 'errors.validation' },
    );
    res.redirect(303, '/admin/enti');
  });

  router.post('/admin/enti/:slug/unisci', async (req, res) => {
    await flashRefusal(req, async () => {
      const { into, moved } = await organizations.mergeOrganization(deps, actorOf(req), req.params.slug, req.body);
      flash(req, 'success', 'admin.org_merged', { name: into.name, count: moved });
    });
    res.redirect(303, '/admin/enti');
  });

  return router;
}
