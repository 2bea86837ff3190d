// Administration pages: overview, people and roles (/admin/utenti), administrations (/admin/enti).
import { Router, type NextFunction, type Request, type Response } from 'express';
import { ORGANIZATION_KINDS, REGIONS, ROLES } from '../../../models/schema.ts';
import { listOrganizations } from '../../../models/queries/organizations.ts';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { AppError, ForbiddenError } from '../../core/errors.ts';
import { flash } from '../../core/http.ts';
import { paginate } from '../../core/pagination.ts';
import { csrfToken } from '../../core/security.ts';
import { isAdmin } from '../accounts/accounts.policy.ts';
import * as accounts from '../accounts/accounts.service.ts';
import * as members from '../members/members.service.ts';
import { routeId } from '../members/members.routes.ts';
import * as organizations from '../organizations/organizations.service.ts';
import { countUsers } from '../../../models/queries/users.ts';
import { countGroups } from '../../../models/queries/groups.ts';

function adminOnly(req: Request, _res: Response, next: NextFunction): void {
  next(isAdmin(req.user ?? null) ? undefined : new ForbiddenError());
}

export function adminRoutes(deps: Deps): Router {
  const router = Router();
  router.use('/admin', requireLogin, adminOnly);

  router.get('/admin', async (req, res) => {
    const [userCount, orgs, groupCount] = await Promise.all([
      countUsers(deps.database.db),
      listOrganizations(deps.database.db),
      countGroups(deps.database.db, req.user ?? null),
    ]);
    res.render('admin/index', {
      title: req.t('admin.title'),
      breadcrumbs: [{ label: req.t('admin.title') }],
      userCount,
      organizationCount: orgs.length,
      unverifiedCount: orgs.filter((o) => !o.verified).length,
      groupCount,
    });
  });

  router.get('/admin/utenti', async (req, res) => {
    const result = await members.listMembers(deps, req.query);
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

  router.post('/admin/utenti/:id/ruolo', async (req, res, next) => {
    try {
      const user = await accounts.changeRole(deps, req.user ?? null, routeId(req.params.id), req.body);
      flash(req, 'success', 'admin.role_changed', { name: user.name, role: req.t(`roles.${user.role}`) });
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) return next(err);
      flash(req, 'danger', Object.values(err.fields ?? {})[0]?.key ?? err.key);
    }
    res.redirect(303, '/admin/utenti');
  });

  router.get('/admin/enti', async (req, res) => {
    const { organizations: list } = await organizations.listOrganizations(deps, {});
    res.render('admin/organizations', {
      title: req.t('admin.organizations_title'),
      breadcrumbs: [{ label: req.t('admin.title'), url: '/admin' }, { label: req.t('admin.organizations_title') }],
      unverified: list.filter((o) => !o.verified),
      verified: list.filter((o) => o.verified),
      all: list,
      kinds: ORGANIZATION_KINDS,
      regions: REGIONS,
      csrf: csrfToken(req),
    });
  });

  router.post('/admin/enti/:slug/verifica', async (req, res) => {
    const org = await organizations.setVerified(deps, req.user ?? null, req.params.slug, req.body?.verified !== 'false');
    flash(req, 'success', org.verified ? 'admin.org_verified' : 'admin.org_unverified', { name: org.name });
    res.redirect(303, '/admin/enti');
  });

  router.post('/admin/enti/:slug/modifica', async (req, res, next) => {
    try {
      const org = await organizations.updateOrganization(deps, req.user ?? null, req.params.slug, req.body);
      flash(req, 'success', 'admin.org_saved', { name: org.name });
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) return next(err);
      flash(req, 'danger', 'errors.validation');
    }
    res.redirect(303, '/admin/enti');
  });

  router.post('/admin/enti/:slug/unisci', async (req, res, next) => {
    try {
      const { into, moved } = await organizations.mergeOrganization(deps, req.user ?? null, req.params.slug, req.body);
      flash(req, 'success', 'admin.org_merged', { name: into.name, count: moved });
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) return next(err);
      flash(req, 'danger', Object.values(err.fields ?? {})[0]?.key ?? err.key);
    }
    res.redirect(303, '/admin/enti');
  });

  return router;
}
