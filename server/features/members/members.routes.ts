// Member directory (/membri), profiles (/membri/:id) and /api/v1/me, /api/v1/users.
import { Router, type Request, type Response } from 'express';
import { REGIONS } from '../../../models/schema.ts';
import { listOrganizations } from '../../../models/queries/organizations.ts';
import { findUserById } from '../../../models/queries/users.ts';
import { requireAuth, requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { AppError, NotFoundError } from '../../core/errors.ts';
import { flash, formState, routeId } from '../../core/http.ts';
import { paginate } from '../../core/pagination.ts';
import { csrfToken } from '../../core/security.ts';
import { assertCan, canEditProfile } from '../accounts/accounts.policy.ts';
import { memberJson, memberView } from './members.view.ts';
import { readFeed } from '../activity/activity.service.ts';
import { activityView } from '../activity/activity.view.ts';
import * as members from './members.service.ts';

export function memberRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/membri', async (req, res) => {
    const [result, organizations] = await Promise.all([members.listMembers(deps, req.query), listOrganizations(deps.database.db)]);
    const actor = req.user ?? null;
    res.render('members/index', {
      title: req.t('members.title'),
      breadcrumbs: [{ label: req.t('members.title') }],
      members: result.rows.map((r) => memberView(r, actor)),
      total: result.total,
      filter: result.filter,
      regions: REGIONS,
      organizations: organizations.filter((o) => o.memberCount > 0),
      pagination: paginate('/membri', result.filter, result.filter.page, result.pages),
    });
  });

  router.get('/membri/:id', async (req, res) => {
    const id = routeId(req.params.id);
    const { member, groups, email } = await members.getProfile(deps, req.user ?? null, id);
    const feed = await readFeed(deps, req.user ?? null, { kind: 'user', userId: id }, { limit: 10 });
    const following = await members.isFollowing(deps, req.user ?? null, id);
    res.render('members/profile', {
      following,
      csrf: req.user ? csrfToken(req) : undefined,
      feed: { items: feed.items.map(activityView), room: '', lastId: feed.items[0]?.id ?? 0 },
      title: member.name,
      breadcrumbs: [{ label: req.t('members.title'), url: '/membri' }, { label: member.name }],
      member: memberView(member, req.user ?? null),
      isSelf: req.user?.id === id,
      email,
      groups,
    });
  });

  const renderEdit = async (req: Request, res: Response, id: number, status = 200, err?: AppError, passwordErr?: AppError) => {
    const { member } = await members.getProfile(deps, req.user ?? null, id);
    const state = err ? formState(req, err.fields) : {
      values: {
        name: member.name,
        jobTitle: member.jobTitle,
        region: member.region,
        organization: member.organizationName ?? '',
        bio: member.bio,
        locale: (await findUserById(deps.database.db, id))?.locale,
      },
      errors: {},
      hasErrors: false,
    };
    res.status(status).render('members/edit', {
      title: req.t('profile.edit_title'),
      breadcrumbs: [
        { label: req.t('members.title'), url: '/membri' },
        { label: member.name, url: `/membri/${id}` },
        { label: req.t('profile.edit_title') },
      ],
      member: memberView(member, req.user ?? null),
      isSelf: req.user?.id === id,
      regions: REGIONS,
      organizations: await listOrganizations(deps.database.db),
      csrf: csrfToken(req),
      ...state,
      password: passwordErr ? formState(req, passwordErr.fields, ['currentPassword', 'newPassword', 'confirmPassword']) : { errors: {} },
    });
  };

  router.get('/membri/:id/modifica', requireLogin, async (req, res) => {
    const id = routeId(req.params.id);
    assertCan(req.user ?? null, canEditProfile(req.user ?? null, id));
    await renderEdit(req, res, id);
  });

  router.post('/membri/:id/modifica', requireLogin, async (req, res, next) => {
    const id = routeId(req.params.id);
    try {
      await members.updateProfile(deps, req.user ?? null, id, req.body);
      flash(req, 'success', 'profile.saved');
      res.redirect(303, `/membri/${id}`);
    } catch (err) {
      if (err instanceof AppError && err.status === 400) return renderEdit(req, res, id, 400, err);
      next(err);
    }
  });

  router.post('/membri/:id/password', requireLogin, async (req, res, next) => {
    const id = routeId(req.params.id);
    try {
      const { tokensRevoked } = await members.changePassword(deps, req.user ?? null, id, req.body, req.sessionID);
      if (tokensRevoked) flash(req, 'success', 'profile.password_changed_tokens_revoked', { count: tokensRevoked });
      else flash(req, 'success', 'profile.password_changed');
      res.redirect(303, `/membri/${id}`);
    } catch (err) {
      if (err instanceof AppError && err.status === 400) return renderEdit(req, res, id, 400, undefined, err);
      next(err);
    }
  });

  router.post('/membri/:id/segui', requireLogin, async (req, res) => {
    const id = routeId(req.params.id);
    const on = req.body?.on !== 'false';
    await members.setFollowing(deps, req.user ?? null, id, on);
    flash(req, 'success', on ? 'profile.following' : 'profile.unfollowed');
    res.redirect(303, `/membri/${id}`);
  });

  // JSON API
  router.put('/api/v1/users/:id/subscription', requireAuth, async (req, res) => {
    res.json({ following: await members.setFollowing(deps, req.user ?? null, routeId(req.params.id), true) });
  });

  router.delete('/api/v1/users/:id/subscription', requireAuth, async (req, res) => {
    res.json({ following: await members.setFollowing(deps, req.user ?? null, routeId(req.params.id), false) });
  });

  router.get('/api/v1/me', requireAuth, async (req, res) => {
    const { member, email } = await members.getProfile(deps, req.user ?? null, req.user!.id);
    res.json({ user: memberJson(member, req.user ?? null, email) });
  });

  router.patch('/api/v1/me', requireAuth, async (req, res) => {
    await members.updateProfile(deps, req.user ?? null, req.user!.id, req.body);
    const { member, email } = await members.getProfile(deps, req.user ?? null, req.user!.id);
    res.json({ user: memberJson(member, req.user ?? null, email) });
  });

  router.get('/api/v1/users', async (req, res) => {
    const result = await members.listMembers(deps, req.query);
    res.json({ users: result.rows.map((r) => memberJson(r, req.user ?? null)), total: result.total, page: result.filter.page, pages: result.pages });
  });

  router.get('/api/v1/users/:id', async (req, res) => {
    const { member, email } = await members.getProfile(deps, req.user ?? null, routeId(req.params.id));
    res.json({ user: memberJson(member, req.user ?? null, email) });
  });

  return router;
}
