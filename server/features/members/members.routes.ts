// Member directory (/membri), profiles (/membri/:id) and /api/v1/me, /api/v1/users.
import { Router, type Request, type Response } from 'express';
import { requireAuth, requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import type { AppError } from '../../core/errors.ts';
import { actorOf, flash, formPost, formState, routeId } from '../../core/http.ts';
import { paginate } from '../../core/pagination.ts';
import { csrfToken } from '../../core/security.ts';
import { changePassword } from '../accounts/accounts.service.ts';
import { memberJson, memberView } from './members.view.ts';
import { activityView } from '../activity/activity.view.ts';
import { REGIONS } from './members.schema.ts';
import * as members from './members.service.ts';
import { messagingWith } from '../conversations/conversations.blocks.service.ts';
import { publicBooklet } from '../booklet/booklet.service.ts';

export function memberRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/membri', async (req, res) => {
    const result = await members.memberDirectory(deps, req.query);
    const actor = actorOf(req);
    res.render('members/index', {
      title: req.t('members.title'),
      breadcrumbs: [{ label: req.t('members.title') }],
      members: result.rows.map((r) => memberView(r, actor)),
      total: result.total,
      filter: result.filter,
      regions: REGIONS,
      organizations: result.organizations,
      pagination: paginate('/membri', result.filter, result.filter.page, result.pages),
    });
  });

  router.get('/membri/:id', async (req, res) => {
    const id = routeId(req.params.id);
    const page = await members.profilePage(deps, actorOf(req), id);
    const { member, groups, email, feed, following } = page;
    res.render('members/profile', {
      following,
      messaging: await messagingWith(deps, actorOf(req), id, page.blocks),
      booklet: await publicBooklet(deps, id, page.bookletVisibility),
      csrf: req.user ? csrfToken(req) : undefined,
      feed: { items: feed.items.map(activityView), room: '', lastId: feed.items[0]?.id ?? 0 },
      title: member.name,
      meta: {
        type: 'profile',
        description: [member.jobTitle, member.organizationName, member.region].filter(Boolean).join(' · ') || undefined,
      },
      breadcrumbs: [{ label: req.t('members.title'), url: '/membri' }, { label: member.name }],
      member: memberView(member, req.user ?? null),
      isSelf: req.user?.id === id,
      email,
      groups,
    });
  });

  /** The profile form, again with the errors of the profile's or the password's form when one was refused. */
  const renderEdit = async (req: Request, res: Response, id: number, err?: AppError, passwordErr?: AppError) => {
    const { member, locale, organizations } = await members.profileForEdit(deps, actorOf(req), id);
    const state = err
      ? formState(req, err.fields)
      : {
          values: {
            name: member.name,
            jobTitle: member.jobTitle,
            region: member.region,
            organization: member.organizationName ?? '',
            bio: member.bio,
            locale,
          },
          errors: {},
          hasErrors: false,
        };
    res.status((err ?? passwordErr)?.status ?? 200).render('members/edit', {
      title: req.t('profile.edit_title'),
      breadcrumbs: [
        { label: req.t('members.title'), url: '/membri' },
        { label: member.name, url: `/membri/${id}` },
        { label: req.t('profile.edit_title') },
      ],
      member: memberView(member, req.user ?? null),
      isSelf: req.user?.id === id,
      regions: REGIONS,
      organizations,
      csrf: csrfToken(req),
      ...state,
      password: passwordErr
        ? formState(req, passwordErr.fields, ['currentPassword', 'newPassword', 'confirmPassword'])
        : { errors: {} },
    });
  };

  router.get('/membri/:id/modifica', requireLogin, async (req, res) => {
    await renderEdit(req, res, routeId(req.params.id));
  });

  router.post(
    '/membri/:id/modifica',
    requireLogin,
    formPost(
      async (req, res) => {
        const id = routeId(req.params.id);
        await members.updateProfile(deps, actorOf(req), id, req.body);
        flash(req, 'success', 'profile.saved');
        res.redirect(303, `/membri/${id}`);
      },
      (req, res, err) => renderEdit(req, res, routeId(req.params.id), err),
    ),
  );

  router.post(
    '/membri/:id/password',
    requireLogin,
    formPost(
      async (req, res) => {
        const id = routeId(req.params.id);
        const { tokensRevoked } = await changePassword(deps, actorOf(req), id, req.body, req.sessionID);
        if (tokensRevoked) flash(req, 'success', 'profile.password_changed_tokens_revoked', { count: tokensRevoked });
        else flash(req, 'success', 'profile.password_changed');
        res.redirect(303, `/membri/${id}`);
      },
      (req, res, err) => renderEdit(req, res, routeId(req.params.id), undefined, err),
    ),
  );

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
    res.json({
      users: result.rows.map((r) => memberJson(r, req.user ?? null)),
      total: result.total,
      page: result.filter.page,
      pages: result.pages,
    });
  });

  router.get('/api/v1/users/:id', async (req, res) => {
    const { member, email } = await members.getProfile(deps, req.user ?? null, routeId(req.params.id));
    res.json({ user: memberJson(member, req.user ?? null, email) });
  });

  return router;
}
